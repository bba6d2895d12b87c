import Backpressure
import Foundation
import Runtime
import Testing

@testable import Engine

/// The subsystem as the engine runs it: backend, task, workload and operator actions.
@Suite("Cold: subsystem, workload and operator actions")
struct ColdSubsystemTests {
    static func run(
        _ policy: ColdPolicy, seed: UInt64 = 7, configure: (inout ColdConfig) -> Void = { _ in }
    ) -> (DeterministicDriver, ColdSubsystem) {
        let driver = DeterministicDriver(seed: seed)
        var config = ColdConfig.incident
        // A lighter read load than the dashboard's: the suite stays fast in debug builds.
        config.readRatePerSecond = 4
        configure(&config)
        let cold = ColdSubsystem(context: EngineContext(runtime: driver.runtime), policy: policy, config: config)
        cold.start()
        return (driver, cold)
    }

    /// Stops from a task on the runtime and checks nothing is left running or unanswered.
    static func stop(_ driver: DeterministicDriver, _ cold: ColdSubsystem) async {
        driver.runtime.spawn("stop") { await cold.stop() }
        let stopped = await driver.waitUntil(within: .seconds(60)) {
            cold.task.isTerminated && driver.runtime.liveTasks == 0
        }
        #expect(stopped, "live tasks: \(driver.runtime.liveTasks)")
        let snapshot = cold.snapshot()
        #expect(snapshot.callersWaiting == 0)
        #expect(snapshot.readPermits.held == 0 && snapshot.readPermits.available == snapshot.readPermits.total)
        #expect(snapshot.streamSlots.held == 0)
        cold.task.readPermits.checkInvariants()
        cold.task.writeSender.channel.checkInvariants()
    }

    @Test func steadyWorkloadUnderFixedRaisesNoWarning() async {
        let (driver, cold) = Self.run(.fixed)
        await driver.advance(.seconds(121))
        let snapshot = cold.snapshot()
        #expect(snapshot.writesApplied == 10)
        #expect(snapshot.readsServed > 300)
        #expect(snapshot.streamsOpened >= 2)
        #expect(snapshot.logsStreamed > 0)
        #expect(snapshot.warnings.isEmpty)
        #expect(snapshot.errorCount(.backpressure) == 0)
        let names = cold.context.instruments.snapshots().map(\.name)
        #expect(["cold.read-permits", "cold.stream-slots", "cold.read", "cold.write"].allSatisfy(names.contains))
        #expect(names.filter { $0.hasPrefix("cold.stream #") }.count == snapshot.activeStreams)
        #expect(cold.metrics()["writesApplied"] == 10)
        await Self.stop(driver, cold)
    }

    /// `cold-dispatch-deadlock`: 96 clients start together, 32 more reads than permits.
    @Test(arguments: [ColdPolicy.tasktracker, .fixed])
    func clientBurstAboveThePermits(_ policy: ColdPolicy) async {
        let (driver, cold) = Self.run(policy) { $0.readConcurrency = 96 }
        await driver.advance(.seconds(30))
        let snapshot = cold.snapshot()
        if policy == .tasktracker {
            #expect(snapshot.dispatcher.state == .parkedOnTracker(inFlight: 64))
            #expect(snapshot.warnings.map(\.kind).contains(.dispatcherParked))
            #expect(snapshot.writesApplied == 0)
        } else {
            #expect(snapshot.warnings.isEmpty)
            #expect(snapshot.writesApplied == 2)
        }
        await Self.stop(driver, cold)
    }

    @Test func sameSeedReplaysTheSameRun() async {
        var snapshots: [ColdSnapshot] = []
        for _ in 0..<2 {
            let (driver, cold) = Self.run(.fixed, seed: 42)
            await driver.advance(.seconds(40))
            snapshots.append(cold.snapshot())
            await Self.stop(driver, cold)
        }
        #expect(snapshots[0] == snapshots[1])
    }

    @Test func stuckReaderUnderSemaphoreIsNamedAsTheBlocker() async {
        let (driver, cold) = Self.run(.semaphore)
        await driver.advance(.seconds(5))
        cold.injectStuckReaders(1)
        await driver.advance(.seconds(30))
        let snapshot = cold.snapshot()
        let stuck = snapshot.readPermits.holders.first { $0.state == .backend(.header) && $0.age >= .seconds(29) }
        #expect(stuck?.operation == "headerByNumber")
        let warning = snapshot.warnings.first { $0.kind == .writerDrainBlocked }
        #expect(warning?.cause.contains("by \(stuck?.label ?? "?") (headerByNumber, backend header)") == true)
        #expect(snapshot.writer.blockedBy.first?.requestID == stuck?.requestID)
        cold.releaseStuckReaders()
        await driver.advance(.seconds(1))
        #expect(!cold.snapshot().warnings.contains { $0.kind == .writerDrainBlocked })
        #expect(cold.snapshot().writesApplied == 2)
        await Self.stop(driver, cold)
    }

    @Test(arguments: [ColdPolicy.permitAttached, .fixed])
    func hungBackendReachesTheWriterOnlyThroughStreamSetup(_ policy: ColdPolicy) async {
        let (driver, cold) = Self.run(policy) { $0.streamRequestedDeadline = .seconds(20) }
        await driver.advance(.seconds(5))
        cold.setBackendHung(true)
        // The subscribers' streams end at 20 s and they subscribe again, into the hang.
        await driver.advance(.seconds(60))
        let snapshot = cold.snapshot()
        let blocked = snapshot.warnings.first { $0.kind == .writerDrainBlocked }
        if policy == .permitAttached {
            #expect(blocked?.cause.contains("(streamLogs setup, backend latestBlock)") == true)
        } else {
            #expect(blocked == nil)
            #expect(snapshot.errorCount(.timeout) > 0)
            #expect(snapshot.writesApplied == 5)
        }
        cold.setBackendHung(false)
        await Self.stop(driver, cold)
    }

    @Test func cancelUnderFixedTerminatesPromptly() async {
        let (driver, cold) = Self.run(.fixed)
        await driver.advance(.seconds(20))
        cold.injectStuckReaders(3)
        await driver.advance(.seconds(1))
        cold.cancelTask()
        #expect(await driver.waitUntil(within: .seconds(1)) { cold.task.isTerminated })
        #expect(cold.snapshot().shutdown == .terminated)
        await Self.stop(driver, cold)
    }
}

@Suite("Cold: configuration and snapshot values")
struct ColdConfigTests {
    @Test func policiesAreTheIncidentSteps() {
        #expect(ColdPolicy.allCases.map(\.rawValue) == ["tasktracker", "semaphore", "permit-attached", "fixed"])
    }

    @Test func incidentBounds() {
        let config = ColdConfig.incident
        #expect(config.readPermits == 64 && config.streamSlots == 8 && config.writeChannelCapacity == 256)
        #expect(config.readChannelCapacity(for: .semaphore) == 256)
        #expect(config.readChannelCapacity(for: .permitAttached) == 64)
        #expect(config.readDeadline == .seconds(5) && config.maxStreamDeadline == .seconds(60))
        #expect(config.writeInterval == .seconds(12))
    }

    @Test func setsFieldsByKey() throws {
        var config = ColdConfig.incident
        try config.set("readDeadline", "200ms")
        try config.set("readPermits", "8")
        try config.set("readRatePerSecond", "2.5")
        try config.set("maxStreamDeadline", "1.5m")
        #expect(config.readDeadline == .milliseconds(200))
        #expect(config.readPermits == 8)
        #expect(config.readRatePerSecond == 2.5)
        #expect(config.maxStreamDeadline == .seconds(90))
        for key in ColdConfig.settableKeys {
            var copy = config
            let accepted = (try? copy.set(key, "2")) != nil || (try? copy.set(key, "2s")) != nil
            #expect(accepted, "\(key)")
        }
    }

    @Test func rejectsUnknownKeysAndBadValues() {
        var config = ColdConfig.incident
        #expect {
            try config.set("readDeadlne", "5s")
        } throws: { error in
            "\(error)".contains("valid keys") && "\(error)".contains("readDeadline")
        }
        #expect(throws: ParameterError.self) { try config.set("readDeadline", "five") }
        #expect(throws: ParameterError.self) { try config.set("readPermits", "-1") }
        #expect(config == .incident)
    }

    @Test func snapshotRoundTripsThroughJSON() async throws {
        let cold = ColdHarness(.semaphore)
        await cold.parkStuckReader()
        cold.write("append", .appendBlocks([ColdHarness.block(9)]))
        await cold.advance(.seconds(7))
        let snapshot = cold.snapshot
        #expect(!snapshot.warnings.isEmpty)
        let decoded = try JSONDecoder().decode(ColdSnapshot.self, from: JSONEncoder().encode(snapshot))
        #expect(decoded == snapshot)
        await cold.finish()
    }

    @Test func durationsFormatForWarnings() {
        #expect(ColdStallDetector.format(.milliseconds(7_300)) == "7.3 s")
        #expect(ColdStallDetector.format(.seconds(60)) == "60.0 s")
    }
}
