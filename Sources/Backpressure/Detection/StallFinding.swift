/// A stall the generic detectors (`StallDetection`) see in primitive snapshots alone, with the
/// blocker named as the snapshots name it (a holder's label, a channel's consumer).
///
/// Typed, so a caller can match on what blocks what; `description` is the one line for people.
public enum StallFinding: Sendable, Equatable, CustomStringConvertible {
    /// The longest waiter on `resource` has waited at least `StallThresholds.waiterWait`, behind
    /// the labelled `holders` (oldest first) and `unlabelledPermits` held by holders without a
    /// label. `othersWaiting` counts the other waiters past the threshold.
    case longWait(
        resource: String, waiter: String?, requested: Int, collected: Int, waited: Duration,
        holders: [PermitHolding], unlabelledPermits: Int, othersWaiting: Int)
    /// Labelled holders of `resource` (oldest first) have held their permits at least
    /// `StallThresholds.permitHold`.
    case longHold(resource: String, holders: [PermitHolding])
    /// `channel` has been full (every slot buffered or reserved) for `fullFor`, since the first
    /// snapshot that saw it full; `waitingSenders` producers are suspended in `send`.
    case channelFull(
        channel: String, fullFor: Duration, length: Int, reserved: Int, capacity: Int, waitingSenders: Int,
        consumer: ChannelConsumer)
    /// A long waiter waits on a task that itself waits on another semaphore (two links or
    /// more): the last link's holder is the root blocker.
    case waitChain([WaitLink])
    /// Tasks each waiting on a semaphore the next one holds, the last held by the first: none
    /// of them can go on.
    case deadlock([WaitLink])

    /// A stable machine name for the kind of finding ("long-wait").
    public var kind: String {
        switch self {
        case .longWait: "long-wait"
        case .longHold: "long-hold"
        case .channelFull: "channel-full"
        case .waitChain: "wait-chain"
        case .deadlock: "deadlock"
        }
    }

    /// The primitive the finding is about: the first link's semaphore for a chain or a cycle.
    public var resource: String {
        switch self {
        case .longWait(let resource, _, _, _, _, _, _, _), .longHold(let resource, _): resource
        case .channelFull(let channel, _, _, _, _, _, _): channel
        case .waitChain(let links), .deadlock(let links): links.first?.resource ?? ""
        }
    }

    /// The labels of the tasks that block: the holders waited behind or holding long, the chain's
    /// root holder, every task of a cycle. Empty for a channel (its consumer has no label).
    public var blockers: [String] {
        switch self {
        case .longWait(_, _, _, _, _, let holders, _, _), .longHold(_, let holders): holders.map(\.label)
        case .channelFull: []
        case .waitChain(let links): links.last.map { [$0.holder.label] } ?? []
        case .deadlock(let links): links.map(\.waiter)
        }
    }

    /// How long the condition has lasted at the observation: the longest wait or hold, the time
    /// full, the first link's wait of a chain, the longest wait of a cycle.
    public var lasted: Duration {
        switch self {
        case .longWait(_, _, _, _, let waited, _, _, _): waited
        case .longHold(_, let holders): holders.map(\.age).max() ?? .zero
        case .channelFull(_, let fullFor, _, _, _, _, _): fullFor
        case .waitChain(let links): links.first?.waited ?? .zero
        case .deadlock(let links): links.map(\.waited).max() ?? .zero
        }
    }

    /// How many holders a description names before "and N more".
    static let holdersNamed = 3

    public var description: String {
        switch self {
        case .longWait(
            let resource, let waiter, let requested, let collected, let waited, let holders, let unlabelled,
            let others):
            var text =
                (waiter.map { "waiter \"\($0)\"" } ?? "waiter") + " on \(resource) waited \(waited.detectionText)"
            if requested > 1 { text += " for \(requested) permits (\(collected) collected)" }
            var behind = Self.list(holders)
            if unlabelled > 0 {
                behind +=
                    (behind.isEmpty ? "" : " and ") + "\(unlabelled) unlabelled permit\(unlabelled == 1 ? "" : "s")"
            }
            text += behind.isEmpty ? " with no permit held" : " behind " + behind
            if others > 0 { text += "; \(others) more waiting as long" }
            return text
        case .longHold(let resource, let holders):
            return "\(resource) held long by " + Self.list(holders)
        case .channelFull(let channel, let fullFor, let length, let reserved, let capacity, let senders, let consumer):
            var text = "channel \(channel) full \(fullFor.detectionText) (\(length)"
            if reserved > 0 { text += " + \(reserved) reserved" }
            text += "/\(capacity), \(senders) sender\(senders == 1 ? "" : "s") waiting): "
            switch consumer {
            case .parkedOnReservations:
                text += "receiver parked, every slot reserved and never filled: the reserving producers block it"
            case .notDraining:
                text += "consumer not draining (took nothing since it filled: busy elsewhere or gone)"
            case .drainingSlowly(let received):
                text += "consumer busy, draining slowly (took \(received) since it filled)"
            }
            return text
        case .waitChain(let links):
            return "wait chain: " + Self.path(links) + " (held \(links.last?.holder.age.detectionText ?? "-"))"
        case .deadlock(let links):
            return "deadlock: " + Self.path(links)
        }
    }

    /// "read #17 (held 12.3 s), read #18 (held 11.0 s) and 2 more".
    static func list(_ holders: [PermitHolding]) -> String {
        var text = holders.prefix(holdersNamed).map(\.description).joined(separator: ", ")
        if holders.count > holdersNamed { text += " and \(holders.count - holdersNamed) more" }
        return text
    }

    /// "drain waits 12.0 s on read permits held by read #17, read #17 waits 11.0 s on backend
    /// held by fetch": each link's waiter, what it waits on, and the holder that goes on.
    static func path(_ links: [WaitLink]) -> String {
        links.map { "\($0.waiter) waits \($0.waited.detectionText) on \($0.resource) held by \($0.holder.label)" }
            .joined(separator: ", ")
    }
}
