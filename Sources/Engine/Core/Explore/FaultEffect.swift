/// What a fault does by itself to a design that copes with it: the stalls its subsystem's
/// detector rightly reports while the fault lasts, and how long that is.
///
/// The explorer needs it to tell a design that stalls from a fault that is simply still there. A
/// disk that takes six seconds per fsync lags the trust store by about that in any design, and a
/// lock someone holds for an hour blocks registrations for an hour; a stall of those kinds is
/// explained while such a fault lasts, and a finding only when it outlives it
/// (`FindingKind.all`). Everything else a design does under a fault (a handshake that waits on the
/// disk, a writer that never drains once the reader gives up) is no symptom of anything, so
/// always a finding.
public struct FaultEffect: Sendable, Equatable {
    /// How long the fault lasts from its instant.
    public enum Lasting: Sendable, Equatable {
        /// This long: a lock held for a while, a flood of so many clients.
        case `for`(Duration)
        /// Until a later action of its subsystem ends it (`SubsystemAction.ends`), or for good.
        case untilEnded
    }

    /// The stall kinds of its own subsystem the fault explains while it lasts.
    public let symptoms: Set<StallKind>
    public let lasting: Lasting

    public init(symptoms: Set<StallKind>, lasting: Lasting) {
        self.symptoms = symptoms
        self.lasting = lasting
    }

    /// A fault that explains no stall: any stall it leads to is the design's.
    public static let none = FaultEffect(symptoms: [], lasting: .for(.zero))
}
