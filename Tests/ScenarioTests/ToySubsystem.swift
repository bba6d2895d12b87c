import Backpressure
import Engine
import Runtime

/// A minimal subsystem on the real primitives, for testing the runner without the incidents: a
/// worker takes a permit every second; `injectStuckReaders` makes a holder park on a gate, and
/// the worker's wait becomes a stall once it exceeds `stallAfter`.
final class ToySubsystem: EngineSubsystem {
    static let stallAfter: Duration = .seconds(2)

    let id = SubsystemID.cold
    let policyStep: String
    private let context: EngineContext
    private let permits: AsyncSemaphore
    private let gate = Gate(name: "toy gate", open: false)
    private let completed = LockedState(0)

    init(context: EngineContext, policyStep: String) {
        self.context = context
        self.policyStep = policyStep
        self.permits = AsyncSemaphore(name: "toy permits", permits: 1, timeSource: context.timeSource)
        context.instruments.register(permits)
    }

    func start() {
        let runtime = context.runtime
        runtime.spawn("toy worker") { [self] in
            while (try? await runtime.sleep(for: .seconds(1))) != nil {
                guard let permit = try? await permits.acquireOwned(label: "work") else { return }
                completed.withLock { $0 += 1 }
                permit.release()
            }
        }
    }

    func apply(_ action: EngineAction) {
        switch action.fault(as: ColdAction.self) {
        case .injectStuckReaders:
            context.events.warn(id, "injected a stuck holder")
            let runtime = context.runtime
            runtime.spawn("stuck holder") { [self] in
                guard let permit = try? await permits.acquireOwned(label: "stuck #1") else { return }
                try? await gate.pass()
                permit.release()
            }
        case .releaseStuckReaders:
            gate.open()
        case .hangBackend, .burstReadsThenWrite, nil:
            break
        }
    }

    func stop() async {
        permits.close()
    }

    func stallWarnings() -> [StallWarning] {
        let snapshot = permits.snapshot()
        guard let waiter = snapshot.waiters.first, waiter.waited >= Self.stallAfter,
            let holder = snapshot.oldestHolder
        else { return [] }
        let since = context.runtime.now.sinceStart - waiter.waited
        return [
            StallWarning(
                kind: StallKind("worker-blocked"), subsystem: id, since: RuntimeInstant(sinceStart: since),
                cause: "worker blocked \(waiter.waited) by \(holder.label)")
        ]
    }

    func metrics() -> [String: Double] {
        ["completed": Double(completed.withLock { $0 })]
    }
}
