import Backpressure
import Engine
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a run writes its record as it goes: kept in memory (`stallscope run`, which writes the
/// file at the end), or appended line by line to a file (the dashboard: a session killed halfway
/// still leaves every line up to then, replayable to that point).
public final class RecordJournal: Sendable {
    private struct State {
        var entries: [RecordLine] = []
        var trailer: RecordTrailer?
        var descriptor: Int32?
        var writeError: String?
    }

    public let header: RecordHeader
    /// The file lines go to, if any.
    public let path: String?
    private let state: LockedState<State>

    /// Keeps the record in memory.
    public init(header: RecordHeader) {
        self.header = header
        self.path = nil
        self.state = LockedState(State())
    }

    /// Creates `path`, which must not exist (nor be a link), and writes the header to it.
    public init(header: RecordHeader, writingTo path: String) throws(UsageError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it exists; record to a new file" : String(cString: strerror(errno))
            throw UsageError("cannot write \(path): \(reason)")
        }
        self.header = header
        self.path = path
        self.state = LockedState(State(descriptor: descriptor))
        append(.header(header))
    }

    public func record(_ action: RecordedAction) {
        append(.action(at: RecordInstant(action.at), by: action.origin, action: action.action))
    }

    public func record(_ input: RecordedInput) {
        append(.input(at: RecordInstant(input.at), input: input.input))
    }

    /// Writes the trailer and closes the file; anything recorded after it is dropped.
    public func finish(_ trailer: RecordTrailer) {
        append(.trailer(trailer))
        state.withLock { state in
            if let descriptor = state.descriptor { close(descriptor) }
            state.descriptor = nil
        }
    }

    /// The record so far (entries are only kept for an in-memory journal).
    public var file: RecordFile {
        state.withLock { RecordFile(header: header, entries: $0.entries, trailer: $0.trailer) }
    }

    /// The first write that failed, if one did (a full disk): later lines are dropped.
    public var writeError: String? { state.withLock { $0.writeError } }

    private func append(_ line: RecordLine) {
        // Encoded outside the lock; lines are appended by the one thread driving the run.
        let text = path == nil ? nil : RecordFile.encode(line)
        state.withLock { state in
            // The run ended at the trailer: what stopping the engine then does (a last save of
            // the trust file) is not part of what a replay reproduces.
            guard state.trailer == nil else { return }
            switch line {
            case .header: break
            case .action, .input: if path == nil { state.entries.append(line) }
            case .trailer(let trailer): state.trailer = trailer
            }
            guard let descriptor = state.descriptor, let text, state.writeError == nil else { return }
            if let failure = Self.writeAll(text, to: descriptor) { state.writeError = failure }
        }
    }

    /// Writes all of `text`; returns the error, if any.
    private static func writeAll(_ text: String, to descriptor: Int32) -> String? {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            bytes = bytes.dropFirst(written)
        }
        return nil
    }
}
