import Engine
import Foundation

/// A whole record file: parsed and validated completely before anything is replayed, so a bad
/// file is rejected with a clear error and never half-replayed.
public struct RecordFile: Sendable, Equatable {
    public let header: RecordHeader
    public let actions: [(at: Duration, action: EngineAction)]
    public let inputs: [(at: Duration, name: String, value: Duration)]
    public let trailer: RecordTrailer?

    public init(
        header: RecordHeader, actions: [(at: Duration, action: EngineAction)],
        inputs: [(at: Duration, name: String, value: Duration)], trailer: RecordTrailer?
    ) {
        self.header = header
        self.actions = actions
        self.inputs = inputs
        self.trailer = trailer
    }

    public static func == (lhs: RecordFile, rhs: RecordFile) -> Bool {
        lhs.header == rhs.header && lhs.trailer == rhs.trailer
            && lhs.actions.elementsEqual(rhs.actions) { $0.at == $1.at && $0.action == $1.action }
            && lhs.inputs.elementsEqual(rhs.inputs) { $0.at == $1.at && $0.name == $1.name && $0.value == $1.value }
    }

    /// JSON Lines, one record per line, keys sorted.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines: [RecordLine] = [.header(header)]
        lines += actions.map { .action(atNanoseconds: $0.at.nanoseconds, action: $0.action) }
        lines += inputs.map { .input(atNanoseconds: $0.at.nanoseconds, name: $0.name, nanoseconds: $0.value.nanoseconds) }
        if let trailer { lines.append(.trailer(trailer)) }
        return lines.map { String(decoding: try! encoder.encode($0), as: UTF8.self) }.joined(separator: "\n") + "\n"
    }

    /// Parses and validates `text` read from `path` (used in error messages).
    public static func parse(_ text: String, path: String, build: String) throws(UsageError) -> RecordFile {
        let decoder = JSONDecoder()
        var header: RecordHeader?
        var actions: [(at: Duration, action: EngineAction)] = []
        var inputs: [(at: Duration, name: String, value: Duration)] = []
        var trailer: RecordTrailer?
        var lastInstant: Int64 = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if line.isEmpty { continue }
            guard let record = try? decoder.decode(RecordLine.self, from: Data(line.utf8)) else {
                throw UsageError("\(path):\(number): not a stallscope record line")
            }
            if trailer != nil { throw UsageError("\(path):\(number): a line after the trailer") }
            switch record {
            case .header(let value):
                guard header == nil, number == 1 else { throw UsageError("\(path):\(number): the header must be the first line, once") }
                guard value.format == RecordHeader.currentFormat else {
                    throw UsageError("\(path):1: record format \(value.format) is not supported (this build reads format \(RecordHeader.currentFormat))")
                }
                guard value.build == build else {
                    throw UsageError("\(path):1: recorded by stallscope \(value.build), this is \(build): replays need the same build")
                }
                header = value
            case .action(let at, let action):
                guard header != nil else { throw UsageError("\(path):\(number): an action before the header") }
                guard at >= lastInstant else { throw UsageError("\(path):\(number): actions go back in time") }
                lastInstant = at
                actions.append((.nanoseconds(at), action))
            case .input(let at, let name, let value):
                guard header != nil else { throw UsageError("\(path):\(number): an input before the header") }
                inputs.append((.nanoseconds(at), name, .nanoseconds(value)))
            case .trailer(let value):
                trailer = value
            }
        }
        guard let header else { throw UsageError("\(path): empty record file") }
        return RecordFile(header: header, actions: actions, inputs: inputs, trailer: trailer)
    }
}
