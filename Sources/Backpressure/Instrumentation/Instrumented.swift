/// A primitive that can report a cheap snapshot of itself without perturbing waiters or holders.
///
/// Taking a snapshot holds the primitive's lock for the time it takes to copy its counters, never
/// across a suspension point, and changes no state.
public protocol Instrumented: AnyObject, Sendable {
    var name: String { get }
    func resourceSnapshot() -> ResourceSnapshot
    /// Whether a snapshot now could show something the stall detectors report (a waiter, a
    /// holder, a full channel). False only when the primitive knows it cannot, without taking its
    /// lock: the detectors then skip the snapshot (`InstrumentRegistry.stallCandidateReadings()`).
    var mayShowStall: Bool { get }
}

extension Instrumented {
    /// Unsure unless the primitive says otherwise: take the snapshot.
    public var mayShowStall: Bool { true }
}
