/// One step of a wait-for chain: a task (named by its waiter label) waits on a semaphore held by
/// another task (named by its holder label).
///
/// Labels identify tasks: a task that holds one semaphore's permits and waits on another's is
/// expected to use the same label for both, which is what links the steps of a chain.
public struct WaitLink: Sendable, Equatable {
    /// The waiting task.
    public let waiter: String
    /// The semaphore it waits on.
    public let resource: String
    /// How long it has waited.
    public let waited: Duration
    /// The holder of `resource` the chain goes on through (the oldest holder that itself waits
    /// elsewhere, else the oldest holder).
    public let holder: PermitHolding

    public init(waiter: String, resource: String, waited: Duration, holder: PermitHolding) {
        self.waiter = waiter
        self.resource = resource
        self.waited = waited
        self.holder = holder
    }
}
