/// Outcomes of the listener's forwards on one path, since start.
public struct ForwardCounts: Sendable, Equatable, Codable {
    public var sent = 0
    public var full = 0
    public var closed = 0

    public init(sent: Int = 0, full: Int = 0, closed: Int = 0) {
        self.sent = sent
        self.full = full
        self.closed = closed
    }

    public var attempts: Int { sent + full + closed }

    public mutating func count(_ outcome: ForwardOutcome) {
        switch outcome {
        case .sent: sent += 1
        case .full: full += 1
        case .closed: closed += 1
        }
    }
}
