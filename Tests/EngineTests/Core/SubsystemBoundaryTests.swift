import Foundation
import Testing

/// A subsystem is its folder: no source outside `Sources/Engine/<Subsystem>/` names a type the
/// folder declares, so adding or changing one never means editing the rest of the program. The
/// registration list names descriptors (`.cold`), not types.
@Suite struct SubsystemBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
    /// Every folder of the Engine target but the shared ones.
    static let subsystems =
        ((try? FileManager.default.contentsOfDirectory(atPath: sources.appendingPathComponent("Engine").path)) ?? [])
        .filter { !["Core", "Outside"].contains($0) }.sorted()
    /// The trust store's crash-consistency helper is an executable of its own (a process the
    /// crash test kills), so it cannot live in the folder; it is the trust store's all the same.
    static let exempt = ["Trust": ["trust-crash-child/"]]

    static func swiftFiles(under folder: URL) throws -> [String] {
        try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
    }

    /// Top-level declarations only (at the start of a line): nested `State` or `Result` types
    /// are the folder's own business.
    @Test func noSourceOutsideASubsystemFolderNamesItsTypes() throws {
        let declaration = try NSRegularExpression(
            pattern:
                #"^(?:public\s+|internal\s+|package\s+)?(?:final\s+)?(?:class|struct|enum|protocol|actor|typealias)\s+(\w+)"#,
            options: [.anchorsMatchLines])
        let all = try Self.swiftFiles(under: Self.sources)
        #expect(Self.subsystems == ["Accept", "Cold", "Listener", "Relay", "Trust"])
        var offenders: [String] = []
        for subsystem in Self.subsystems {
            let folder = "Engine/\(subsystem)/"
            var types: Set<String> = []
            for file in all where file.hasPrefix(folder) {
                let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
                for match in declaration.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    if let range = Range(match.range(at: 1), in: text) { types.insert(String(text[range])) }
                }
            }
            #expect(types.count > 5, "found \(subsystem)'s types")
            let names = try NSRegularExpression(pattern: #"\b(\#(types.sorted().joined(separator: "|")))\b"#)
            let exempt = Self.exempt[subsystem] ?? []
            for file in all where !file.hasPrefix(folder) && !exempt.contains(where: file.hasPrefix) {
                let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let line = String(line)
                    if line.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                    if let match = names.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
                        let range = Range(match.range, in: line)
                    {
                        offenders.append("Sources/\(file):\(number + 1) names \(line[range])")
                    }
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders.count) places:\n\(offenders.joined(separator: "\n"))")
    }
}
