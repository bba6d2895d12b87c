import Backpressure

/// Collects what concurrent tasks report, in the order they report it.
final class Recorder<Value: Sendable>: Sendable {
    private let values = LockedState<[Value]>([])

    init() {}

    func append(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
    var count: Int { values.withLock { $0.count } }
}
