import Backpressure
import Runtime
import Testing

/// Runs `body` as the main task of a fresh deterministic runtime until nothing is left to do,
/// and fails the test if the main task did not finish (a deadlock in virtual time).
func simulate(
    seed: UInt64 = 1, limit: Duration = .seconds(3_600),
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: @escaping @Sendable (DeterministicRuntime) async throws -> Void
) {
    let runtime = DeterministicRuntime(seed: seed)
    let outcome = LockedState<Result<Void, any Error>?>(nil)
    runtime.spawn("test main") {
        do {
            try await body(runtime)
            outcome.withLock { $0 = .success(()) }
        } catch {
            outcome.withLock { $0 = .failure(error) }
        }
    }
    runtime.run(until: { outcome.withLock { $0 != nil } }, limit: limit)
    switch outcome.withLock({ $0 }) {
    case .success?: break
    case .failure(let error)?: Issue.record(error, sourceLocation: sourceLocation)
    case nil:
        Issue.record("the main task did not finish within \(limit) of virtual time", sourceLocation: sourceLocation)
    }
}

/// Collects what concurrent tasks report, in the order they report it.
final class Recorder<Value: Sendable>: Sendable {
    private let values = LockedState<[Value]>([])

    init() {}

    func append(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
    var count: Int { values.withLock { $0.count } }
}
