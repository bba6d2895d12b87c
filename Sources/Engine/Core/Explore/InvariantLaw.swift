/// A stable machine name for a promise the engine keeps in every run ("permits-conserved",
/// "writes-applied-or-reported"), as the explorer's findings spell it. The primitives' laws are
/// declared here; each subsystem declares its own in its folder.
public struct InvariantLaw: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: InvariantLaw, rhs: InvariantLaw) -> Bool { lhs.rawValue < rhs.rawValue }

    /// A semaphore's permits: available + held + collected by waiters = total.
    public static let permitsConserved = InvariantLaw("permits-conserved")
    /// A channel never holds more than its capacity.
    public static let channelWithinCapacity = InvariantLaw("channel-within-capacity")
    /// Stopping the engine finishes within `ScenarioRunner.stopLimit` of virtual time.
    public static let stopFinishes = InvariantLaw("stop-finishes")
}

/// One law broken in one run: by whom, and what exactly (counts, names) for the reader.
public struct InvariantViolation: Hashable, Sendable, CustomStringConvertible {
    /// The subsystem that broke it; nil for a primitive's conservation law or the engine's stop.
    public let subsystem: SubsystemID?
    public let law: InvariantLaw
    public let detail: String

    public init(_ law: InvariantLaw, by subsystem: SubsystemID?, _ detail: String) {
        self.subsystem = subsystem
        self.law = law
        self.detail = detail
    }

    public var description: String { [subsystem?.rawValue, detail].compactMap { $0 }.joined(separator: ": ") }
}

/// A weakness the explorer finds in the fixed design too, kept on purpose (the incidents' fixes
/// did not address it) and written up: reported as known, not as a new finding.
public struct KnownWeakness: Sendable {
    public let law: InvariantLaw
    /// Why the design breaks it and why it stays: one sentence for the report.
    public let why: String

    public init(_ law: InvariantLaw, why: String) {
        self.law = law
        self.why = why
    }
}
