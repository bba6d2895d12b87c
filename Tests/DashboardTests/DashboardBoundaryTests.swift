import Foundation
import Testing

/// The Dashboard target is pure UI: it knows the model a host hands it, never the engine. The
/// package's dependencies already refuse such an import in a clean build; this names the
/// offending file and line, and also catches `@testable`, `@_exported` or scoped imports.
@Suite struct DashboardBoundaryTests {
    static let forbidden = ["Engine", "Runtime", "Scenarios", "DashboardHost", "Terminal"]

    @Test func dashboardSourcesImportNoEngineRuntimeOrScenarios() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Dashboard")
        let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 40, "found the Dashboard sources at \(root.path)")
        let pattern = try NSRegularExpression(
            pattern: #"^\s*(@\w+\s+)*import\s+(\w+\s+)?(\#(Self.forbidden.joined(separator: "|")))\b"#,
            options: [.anchorsMatchLines])
        var offenders: [String] = []
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(line)
                if pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
                    offenders.append("Sources/Dashboard/\(file):\(number + 1): \(line)")
                }
            }
        }
        #expect(offenders.isEmpty, "Dashboard is pure UI:\n\(offenders.joined(separator: "\n"))")
    }
}
