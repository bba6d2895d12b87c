import Engine
import Foundation

/// A whole record file: parsed and validated completely before anything is replayed, so a bad
/// file is rejected with a clear error and never half-replayed.
public struct RecordFile: Sendable, Equatable {
    public let header: RecordHeader
    /// Action and input lines, in the order the run applied or consumed them.
    public let entries: [RecordLine]
    /// Nil when the recording run was killed before it could write one: the replay then runs to
    /// the last recorded instant and has nothing to compare.
    public let trailer: RecordTrailer?

    public init(header: RecordHeader, entries: [RecordLine], trailer: RecordTrailer?) {
        precondition(entries.allSatisfy { $0.instant != nil }, "a record's entries are actions and inputs")
        self.header = header
        self.entries = entries
        self.trailer = trailer
    }

    public var actions: [RecordedAction] {
        entries.compactMap { entry in
            guard case .action(let at, let origin, let action) = entry else { return nil }
            return RecordedAction(at: at.sinceStart, origin: origin, action: action)
        }
    }

    public var inputs: [RecordedInput] {
        entries.compactMap { entry in
            guard case .input(let at, let input) = entry else { return nil }
            return RecordedInput(at: at.sinceStart, input: input)
        }
    }

    /// How much virtual time a replay runs: the `run`'s duration, else how long the session
    /// lasted, else (a killed session) up to its last entry.
    public var replayDuration: Duration {
        if let duration = header.duration { return duration }
        if let trailer { return trailer.virtualTime.sinceStart }
        return entries.last?.instant ?? .zero
    }

    /// JSON Lines, one record per line, keys sorted.
    public func encoded() -> String {
        ([.header(header)] + entries + (trailer.map { [.trailer($0)] } ?? [])).map(Self.encode).joined()
    }

    /// One line, newline included.
    static func encode(_ line: RecordLine) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(line), as: UTF8.self) + "\n"
        } catch {
            preconditionFailure("a record line always encodes: \(error)")
        }
    }

    /// Parses and validates `text` read from `path` (used in error messages).
    public static func parse(_ text: String, path: String, build: String) throws(UsageError) -> RecordFile {
        let decoder = JSONDecoder()
        var header: RecordHeader?
        var entries: [RecordLine] = []
        var trailer: RecordTrailer?
        var lastInstant = Duration.zero
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if line.isEmpty { continue }
            if number == 1, let format = Self.format(of: line), format != RecordHeader.currentFormat {
                throw UsageError(
                    "\(path):1: record format \(format) is not supported (this build reads format \(RecordHeader.currentFormat))"
                )
            }
            guard let record = try? decoder.decode(RecordLine.self, from: Data(line.utf8)) else {
                throw UsageError("\(path):\(number): not a stallscope record line")
            }
            if trailer != nil { throw UsageError("\(path):\(number): a line after the trailer") }
            switch record {
            case .header(let value):
                guard header == nil, number == 1 else {
                    throw UsageError("\(path):\(number): the header must be the first line, once")
                }
                guard value.build == build else {
                    throw UsageError(
                        "\(path):1: recorded by stallscope \(value.build), this is \(build): replays need the same build"
                    )
                }
                header = value
            case .action, .input:
                guard header != nil else { throw UsageError("\(path):\(number): an entry before the header") }
                if case .action(_, _, let action) = record, let violation = action.boundsViolation {
                    throw UsageError("\(path):\(number): \(action.subsystem) action \(violation)")
                }
                let instant = record.instant!
                guard instant >= lastInstant else { throw UsageError("\(path):\(number): entries go back in time") }
                lastInstant = instant
                entries.append(record)
            case .trailer(let value):
                guard header != nil else { throw UsageError("\(path):\(number): a trailer before the header") }
                trailer = value
            }
        }
        guard let header else { throw UsageError("\(path): empty record file") }
        return RecordFile(header: header, entries: entries, trailer: trailer)
    }

    /// The `format` of a header line, read on its own so that an older or newer format gets a
    /// clear message instead of "not a record line".
    private static func format(of line: Substring) -> Int? {
        // `case header(RecordHeader)` encodes as {"header":{"_0":{...}}}.
        struct Probe: Decodable {
            struct Payload: Decodable {
                struct Header: Decodable { let format: Int }
                let _0: Header
            }
            let header: Payload
        }
        return (try? JSONDecoder().decode(Probe.self, from: Data(line.utf8)))?.header._0.format
    }

    /// A record goes to a new file: an existing one (a previous demo, someone else's file) is
    /// never replaced, and the folder must let us create it. Checked before anything runs.
    public static func checkNew(_ path: String) throws(UsageError) {
        if FileManager.default.fileExists(atPath: path)
            || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
        {
            throw UsageError("\(path) exists: record to a new file, or remove it first")
        }
        let folder = (path as NSString).deletingLastPathComponent
        guard access(folder.isEmpty ? "." : folder, W_OK) == 0 else {
            throw UsageError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }
}
