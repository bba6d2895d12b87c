import Runtime
import Testing

@testable import Engine

/// The six concurrency tests of the original PR, ported (see Sources/Engine/Cold/README.md), written once
/// against a driver so they run in virtual time and on the real executor alike, and on the
/// step whose PR wrote them (`permit-attached`, PR #57) as well as on `fixed`.
enum ColdPortedScenarios {
    /// Enough latency that 256 reads really overlap beyond the 64 permits.
    static let overlappingReads = ColdLatencyModel(
        readMean: .milliseconds(1), writePerBlock: .milliseconds(1), spread: 0)
    static let saturatingReads = 256

    static func readsAboveConcurrencyCapDoNotDeadlock(_ driver: any ColdTestDriver, _ policy: ColdPolicy) async {
        let cold = ColdHarness(policy, driver: driver, latency: overlappingReads)
        cold.reads("r", count: saturatingReads) { .header(UInt64($0 % 8 + 1)) }
        let done = await cold.waitUntil { cold.calls.answeredCount == saturatingReads }
        #expect(done)
        #expect(cold.calls.answered(withPrefix: "r").values.allSatisfy { $0.error == nil })
        #expect(cold.task.readPermits.snapshot().highWater == cold.task.config.readPermits)
        await cold.finish()
    }

    static func writeAfterSaturatingReadsMakesProgress(_ driver: any ColdTestDriver, _ policy: ColdPolicy) async {
        let cold = ColdHarness(policy, driver: driver, latency: overlappingReads)
        cold.reads("r", count: saturatingReads) { .header(UInt64($0 % 8 + 1)) }
        cold.write("append", .appendBlocks([ColdHarness.block(9)]))
        #expect(await cold.waitUntil { cold.calls.isAnswered("append") })
        #expect(cold.calls.error("append") == .some(nil))
        #expect(cold.backend.tip == 9)
        #expect(await cold.waitUntil { cold.calls.answeredCount == saturatingReads + 1 })
        #expect(cold.calls.answered(withPrefix: "r").values.allSatisfy { $0.error == nil })
        await cold.finish()
    }

    static func writeServedBeforeLaterReaders(_ driver: any ColdTestDriver, _ policy: ColdPolicy) async {
        let cold = ColdHarness(policy, driver: driver)
        let permits = await cold.parkReadersAtTheGate("first")
        cold.write("append", .appendBlocks([ColdHarness.block(9)]))
        #expect(
            await cold.waitUntil { cold.task.readPermits.snapshot().waiters.first?.label == ColdStorageTask.drainLabel }
        )
        await cold.advance(.milliseconds(50))
        cold.reads("second", count: permits)
        // Every later reader queues behind the writer's drain (FIFO).
        #expect(await cold.waitUntil { cold.task.readPermits.snapshot().waiters.count == permits + 1 })
        cold.backend.readGate.open()
        #expect(await cold.waitUntil { cold.calls.answeredCount == 2 * permits + 1 })
        let log = cold.recording.calls
        let appendAt = log.firstIndex(of: .append)
        #expect(appendAt == permits, "the write ran after \(appendAt ?? -1) reads, not after the first wave only")
        #expect(cold.calls.answered(withPrefix: "second").values.allSatisfy { $0.error == nil })
        await cold.finish()
    }

    static func cancelDuringReaderBackpressureShutsDown(_ driver: any ColdTestDriver, _ policy: ColdPolicy) async {
        let cold = ColdHarness(policy, driver: driver)
        await cold.parkReadersAtTheGate("gated")
        cold.read("extra")
        #expect(await cold.waitUntil { cold.task.readPermits.snapshot().waiters.count == 1 })
        cold.task.shutdown()
        #expect(await cold.waitUntil { cold.task.isTerminated })
        #expect(await cold.waitUntil { cold.calls.isAnswered("extra") })
        #expect([.cancelled, .taskTerminated].contains(cold.calls.error("extra") ?? nil))
        await cold.finish()
    }

    static func cancelDuringWriteDrainShutsDown(_ driver: any ColdTestDriver, _ policy: ColdPolicy) async {
        let cold = ColdHarness(policy, driver: driver)
        await shutDownDuringTheDrain(cold)
        #expect([.cancelled, .taskTerminated].contains(cold.calls.error("append") ?? nil))
        #expect(cold.backend.tip == 8)
        await cold.finish()
    }

    /// PR #57's cancel-during-drain steps: readers parked at the gate, a write whose drain waits
    /// for their permits, a shutdown 100 ms into the drain; returns once the task has ended and
    /// the write is answered, for the caller to say how.
    static func shutDownDuringTheDrain(_ cold: ColdHarness) async {
        await cold.parkReadersAtTheGate("gated")
        cold.write("append", .appendBlocks([ColdHarness.block(9)]))
        #expect(
            await cold.waitUntil {
                if case .draining = cold.task.snapshot().writer.state { return true }
                return false
            })
        await cold.advance(.milliseconds(100))
        cold.task.shutdown()
        #expect(await cold.waitUntil { cold.task.isTerminated })
        #expect(await cold.waitUntil { cold.calls.isAnswered("append") })
    }

    static func operationDeadlineReleasesPermit(_ driver: any ColdTestDriver, _ policy: ColdPolicy) async {
        // One permit, so the second read can only run if the timed-out one gave it back.
        let cold = ColdHarness(policy, driver: driver) { config in
            config.readDeadline = .milliseconds(200)
            config.readPermits = 1
        }
        cold.backend.readGate.close()
        cold.read("stuck")
        #expect(await cold.waitUntil(within: .seconds(2)) { cold.calls.isAnswered("stuck") })
        #expect(cold.calls.error("stuck") == .some(.timeout))
        #expect(cold.task.snapshot().deadlineExpirations == 1)
        cold.backend.readGate.admit(1)
        cold.read("next")
        #expect(await cold.waitUntil(within: .seconds(2)) { cold.calls.isAnswered("next") })
        #expect(cold.calls.error("next") == .some(nil))
        await cold.finish()
    }
}

/// The six tests by name, so each suite runs all of them on its runtime.
enum ColdPortedTest: String, CaseIterable, Sendable {
    case readsAboveConcurrencyCapDoNotDeadlock
    case writeAfterSaturatingReadsMakesProgress
    case writeServedBeforeLaterReaders
    case cancelDuringReaderBackpressureShutsDown
    case cancelDuringWriteDrainShutsDown
    case operationDeadlineReleasesPermit

    func run(on driver: any ColdTestDriver, policy: ColdPolicy) async {
        switch self {
        case .readsAboveConcurrencyCapDoNotDeadlock:
            await ColdPortedScenarios.readsAboveConcurrencyCapDoNotDeadlock(driver, policy)
        case .writeAfterSaturatingReadsMakesProgress:
            await ColdPortedScenarios.writeAfterSaturatingReadsMakesProgress(driver, policy)
        case .writeServedBeforeLaterReaders: await ColdPortedScenarios.writeServedBeforeLaterReaders(driver, policy)
        case .cancelDuringReaderBackpressureShutsDown:
            await ColdPortedScenarios.cancelDuringReaderBackpressureShutsDown(driver, policy)
        case .cancelDuringWriteDrainShutsDown: await ColdPortedScenarios.cancelDuringWriteDrainShutsDown(driver, policy)
        case .operationDeadlineReleasesPermit: await ColdPortedScenarios.operationDeadlineReleasesPermit(driver, policy)
        }
    }
}

/// The steps the PR's tests must pass: its own and every later one.
let coldPortedSteps: [ColdPolicy] = [.permitAttached, .fixed]

@Suite("Cold: ported tests, permit-attached and fixed steps, virtual time")
struct ColdPortedDeterministicTests {
    @Test(arguments: ColdPortedTest.allCases, coldPortedSteps)
    func onStep(_ test: ColdPortedTest, policy: ColdPolicy) async {
        await test.run(on: DeterministicDriver(), policy: policy)
    }
}

@Suite("Cold: ported tests, permit-attached and fixed steps, real executor (15 s deadlock guard)")
struct ColdPortedLiveTests {
    @Test(arguments: ColdPortedTest.allCases, coldPortedSteps)
    func onStep(_ test: ColdPortedTest, policy: ColdPolicy) async {
        await test.run(on: LiveDriver(), policy: policy)
    }
}
