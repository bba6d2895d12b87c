import Dashboard
import Foundation
import Testing

/// Whole-screen text snapshots in Tests/DashboardTests/Snapshots. A mismatch fails and writes
/// `<name>.actual.txt` beside the expected file; `STALLSCOPE_UPDATE_SNAPSHOTS=1` rewrites them
/// (review the diff before committing).
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Snapshots")

    static func assert(_ buffer: Buffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = buffer.text + "\n"
        let expectedURL = directory.appendingPathComponent(name + ".txt")
        let actualURL = directory.appendingPathComponent(name + ".actual.txt")
        if ProcessInfo.processInfo.environment["STALLSCOPE_UPDATE_SNAPSHOTS"] == "1" {
            try? actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            try? FileManager.default.removeItem(at: actualURL)
            return
        }
        guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
            try? actual.write(to: actualURL, atomically: true, encoding: .utf8)
            Issue.record(
                "missing snapshot \(name).txt (actual written to \(actualURL.path))", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            try? actual.write(to: actualURL, atomically: true, encoding: .utf8)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
            let detail =
                first.map { "line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)" }
                ?? "line count \(expectedLines.count) vs \(actualLines.count)"
            Issue.record(
                "snapshot \(name) differs at \(detail)\n(actual in \(actualURL.path))", sourceLocation: sourceLocation)
        } else {
            try? FileManager.default.removeItem(at: actualURL)
        }
    }
}
