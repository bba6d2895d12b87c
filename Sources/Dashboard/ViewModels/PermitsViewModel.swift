import Backpressure

/// Every instrumented semaphore: who holds permits, for how long, and who waits.
public struct PermitsViewModel: Equatable, Sendable {
    public var pools: [PermitPool]

    public init(pools: [PermitPool]) {
        self.pools = pools
    }

    /// The semaphores among `resources`, in registration order; nil when there are none.
    public init?(resources: [InstrumentReading]) {
        let pools = resources.compactMap { resource -> PermitPool? in
            if case .semaphore(let snapshot) = resource.snapshot { return PermitPool(snapshot, owner: resource.owner) }
            return nil
        }
        guard !pools.isEmpty else { return nil }
        self.pools = pools
    }
}
