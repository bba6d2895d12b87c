import Backpressure
import Engine
import Foundation
import Runtime

/// A trust manager on a deterministic runtime and a simulated disk, with the workload off:
/// tests drive the mutation paths themselves.
struct TrustTestBed {
    let runtime: DeterministicRuntime
    let context: EngineContext
    let disk: SimulatedTrustDisk
    let manager: TrustManager

    init(
        policy: TrustPolicy = .fixed, seed: UInt64 = 1, config: TrustConfig = TrustConfig(),
        disk: SimulatedTrustDisk? = nil, runtime: DeterministicRuntime? = nil
    ) {
        let runtime = runtime ?? DeterministicRuntime(seed: seed)
        self.runtime = runtime
        self.context = EngineContext(runtime: runtime)
        self.disk = disk ?? SimulatedTrustDisk(runtime: runtime)
        self.manager = TrustManager(context: context, policy: policy, config: config, disk: self.disk)
    }

    func start() {
        let manager = self.manager
        runtime.spawn("test.start") { await manager.start() }
        runtime.runUntilIdle()
    }

    /// Spawns a mutation; the returned box holds its outcome once it has run.
    @discardableResult
    func mutate(_ mutation: TrustMutation) -> OutcomeBox {
        let box = OutcomeBox()
        let manager = self.manager
        runtime.spawn("test.mutate") { box.set(try? await manager.mutate(mutation)) }
        return box
    }

    /// Spawns `stop()`; the returned box says when it returned.
    func stop() -> StopBox {
        let box = StopBox()
        let manager = self.manager
        let runtime = self.runtime
        runtime.spawn("test.stop") {
            await manager.stop()
            box.set(runtime.now)
        }
        return box
    }

    /// The trust file on the simulated disk, decoded (nil when absent).
    func savedFile() throws -> TrustFile? {
        guard let data = disk.contents(of: TrustFile.fileName) else { return nil }
        return try TrustFile.decode(data)
    }

    static func accept(_ index: Int) -> TrustMutation {
        .accept(nodeId: "peer-\(index)", publicKey: "key-\(index)", network: "net-\(index % 3)")
    }
}

final class OutcomeBox: Sendable {
    private let value = LockedState<TrustMutationOutcome??>(nil)
    func set(_ outcome: TrustMutationOutcome?) { value.withLock { $0 = .some(outcome) } }
    /// nil until the call returned; then its outcome (nil inside if it threw).
    var outcome: TrustMutationOutcome?? { value.withLock { $0 } }
}

final class StopBox: Sendable {
    private let value = LockedState<RuntimeInstant?>(nil)
    func set(_ at: RuntimeInstant) { value.withLock { $0 = at } }
    var returnedAt: RuntimeInstant? { value.withLock { $0 } }
}
