import Backpressure
import Engine
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a run writes its record as it goes: kept in memory (`stallscope run`, which writes the
/// file at the end), and appended line by line to a file too (the dashboard: a session killed
/// halfway still leaves every line up to then, replayable to that point). The dashboard re-executes
/// a run from its entries when it goes back in time, so they are kept in memory either way.
public final class RecordJournal: Sendable {
    private struct State {
        var entries: [RecordLine] = []
        var trailer: RecordTrailer?
        var descriptor: Int32?
        var writeError: String?
        var path: String?
    }

    public let header: RecordHeader
    /// The file lines go to, if any (`startWriting` sets it later for a branch).
    public var path: String? { state.withLock { $0.path } }
    private let state: LockedState<State>

    /// Keeps the record in memory.
    public init(header: RecordHeader) {
        self.header = header
        self.state = LockedState(State())
    }

    /// Creates `path`, which must not exist (nor be a link), and writes the header to it.
    public init(header: RecordHeader, writingTo path: String) throws(UsageError) {
        self.header = header
        self.state = LockedState(State(descriptor: try Self.create(path), path: path))
        append(.header(header))
    }

    /// Starts writing an in-memory record to `path`, which must not exist: the header and every
    /// entry so far at once, then each line as it comes. A dashboard run re-executed after going
    /// back in time records nothing until it makes a new branch; then it is written whole.
    public func startWriting(to path: String) throws(UsageError) {
        let descriptor = try Self.create(path)
        // One critical section: a line appended meanwhile is either in the dump or after it.
        state.withLock { state in
            precondition(state.descriptor == nil && state.path == nil, "a record is written to one file")
            let lines = [.header(header)] + state.entries + (state.trailer.map { [.trailer($0)] } ?? [])
            state.path = path
            state.writeError = Self.writeAll(lines.map(RecordFile.encode).joined(), to: descriptor)
            if state.trailer == nil { state.descriptor = descriptor } else { close(descriptor) }
        }
    }

    private static func create(_ path: String) throws(UsageError) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it exists; record to a new file" : String(cString: strerror(errno))
            throw UsageError("cannot write \(path): \(reason)")
        }
        return descriptor
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

    /// The record so far.
    public var file: RecordFile {
        state.withLock { RecordFile(header: header, entries: $0.entries, trailer: $0.trailer) }
    }

    /// The first write that failed, if one did (a full disk): later lines are dropped.
    public var writeError: String? { state.withLock { $0.writeError } }

    private func append(_ line: RecordLine) {
        // Encoded outside the lock; lines are appended by the one thread driving the run.
        let text = path == nil ? nil : RecordFile.encode(line)
        // `startWriting` may have set the path since `text` was encoded without it: such a
        // line is written by the lock's holder below, encoded there (rare: once per branch).
        state.withLock { state in
            // The run ended at the trailer: what stopping the engine then does (a last save of
            // the trust file) is not part of what a replay reproduces.
            guard state.trailer == nil else { return }
            switch line {
            case .header: break
            case .action, .input: state.entries.append(line)
            case .trailer(let trailer): state.trailer = trailer
            }
            guard let descriptor = state.descriptor, state.writeError == nil else { return }
            let text = text ?? RecordFile.encode(line)
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
