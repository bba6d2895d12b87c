/// An async lock as the transport panel shows it: who holds it, for how long, who queues.
public struct LockHolding: Equatable, Sendable {
    /// "operator hold", "accept loop", "registration #17"; nil while free.
    public var holder: String?
    public var heldFor: Duration?
    public var waiters: Int

    public init(holder: String?, heldFor: Duration?, waiters: Int) {
        self.holder = holder
        self.heldFor = heldFor
        self.waiters = waiters
    }
}
