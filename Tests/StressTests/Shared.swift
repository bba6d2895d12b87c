import Backpressure
import Synchronization

/// A counter shared by concurrent tasks.
final class Counter: Sendable {
    private let atomic = Atomic<Int>(0)

    init() {}

    @discardableResult
    func add(_ amount: Int = 1) -> Int { atomic.wrappingAdd(amount, ordering: .relaxed).newValue }
    func subtract(_ amount: Int) { atomic.wrappingSubtract(amount, ordering: .relaxed) }
    func raise(to candidate: Int) { _ = atomic.max(candidate, ordering: .relaxed) }
    var value: Int { atomic.load(ordering: .relaxed) }
}

/// A value shared by concurrent tasks, behind a lock.
final class Shared<Value: Sendable>: Sendable {
    private let mutex: LockedState<Value>

    init(_ value: Value) { mutex = LockedState(value) }

    func update<R>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
    var value: Value { mutex.withLock { $0 } }
}
