import Synchronization

/// Counts spawned tasks that have not finished, for snapshots and for tests that check nothing
/// was left running.
final class TaskCounter: Sendable {
    private let live = Atomic<Int>(0)

    var value: Int { live.load(ordering: .relaxed) }

    func wrap(_ operation: @escaping @Sendable () async -> Void) -> @Sendable () async -> Void {
        live.wrappingAdd(1, ordering: .relaxed)
        return { [self] in
            await operation()
            live.wrappingSubtract(1, ordering: .relaxed)
        }
    }
}
