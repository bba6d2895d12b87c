import Engine
import Foundation
import Scenarios

/// What `run` and `replay` share: run a request, time it on the wall clock, print it.
enum Headless {
    static func run(_ request: RunRequest) throws(UsageError) -> RunOutcome {
        let runner = ScenarioRunner(build: StallscopeVersion.string, makeEngine: EngineFactory.make)
        let start = ContinuousClock.now
        var outcome = try runner.run(request)
        let elapsed = start.duration(to: .now)
        outcome.report.wallSeconds = elapsed.seconds
        return outcome
    }

    static func print(_ report: RunReport, format: OutputFormat) {
        switch format {
        case .text: Swift.print(report.text())
        case .json: Swift.print(report.json())
        }
    }

    /// The text of `path`, or one line saying why not in the system's words ("No such file or
    /// directory", "Is a directory"), not Foundation's error dump.
    static func read(_ path: String) throws(UsageError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw UsageError("cannot read \(path): \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw UsageError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw UsageError("cannot read \(path): not UTF-8 text")
        }
        return text
    }

    /// Writes a new file: an existing one is never replaced (`RecordFile.checkNew`).
    static func write(_ text: String, to path: String) throws(UsageError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it exists; record to a new file" : String(cString: strerror(errno))
            throw UsageError("cannot write \(path): \(reason)")
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw UsageError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}
