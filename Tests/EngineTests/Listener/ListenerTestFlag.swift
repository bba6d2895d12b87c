import Backpressure

/// A thread-safe boolean for test tasks to report progress to the driving test.
final class ListenerTestFlag: Sendable {
    private let value = LockedState(false)

    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
