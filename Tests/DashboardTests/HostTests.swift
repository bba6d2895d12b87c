import Backpressure
import Dashboard
import Engine
import Foundation
import Runtime
import Synchronization
import Testing

@Suite struct HostTests {
    @Test func stuckReaderHoldsAPermitUntilReleased() {
        let runtime = DeterministicRuntime(seed: 3)
        let context = EngineContext(runtime: runtime)
        let workload = PrimitivesWorkload(context: context)
        workload.start()
        runtime.run(for: .seconds(2))
        workload.perform(.stuckReader, focus: DashboardFocus(panel: .permits))
        runtime.run(for: .seconds(20))
        func stuck() -> [PermitPool.Holder] {
            PermitsViewModel(resources: context.instruments.snapshots())!.pools[0].holders.filter { $0.age >= .seconds(15) }
        }
        #expect(stuck().count == 1)
        #expect(context.events.events().contains { $0.level == .warn && $0.message.contains("stuck holding a read permit") })
        workload.perform(.releaseStuckReaders, focus: DashboardFocus(panel: .permits))
        runtime.run(for: .seconds(1))
        #expect(stuck().isEmpty)
        #expect(context.events.events().last { $0.message.hasPrefix("released 1 stuck reader") } != nil)
        runtime.spawn("stop") { await workload.stop() }
        #expect(runtime.runUntilQuiescent(limit: .seconds(60)))
        #expect(runtime.liveTasks == 0)
    }

    @Test func workloadFillsTheChannelsPanelAndReplaysFromTheSeed() {
        func trace(seed: UInt64) -> [ResourceSnapshot] {
            let runtime = DeterministicRuntime(seed: seed)
            let context = EngineContext(runtime: runtime)
            let workload = PrimitivesWorkload(context: context)
            workload.start()
            runtime.run(for: .seconds(30))
            defer {
                runtime.spawn("stop") { await workload.stop() }
                runtime.runUntilQuiescent()
            }
            return context.instruments.snapshots()
        }
        let first = trace(seed: 5)
        #expect(first == trace(seed: 5))
        var history = ChannelHistory()
        let channels = history.observe(first, at: .start)!.rows
        #expect(channels.map(\.name) == ["ingest", "commit"])
        #expect(channels[0].highWater > 0)
    }

    /// The live host on the paced driver: waits on conditions with a generous wall-clock guard.
    @Test func runtimeHostRunsPausesAndRestarts() throws {
        let host = RuntimeHost(settings: .init(scenario: "steady", policy: "fixed", seed: 7, speed: 64)) {
            PrimitivesWorkload(context: $0)
        }
        defer { host.shutdown() }
        #expect(host.supportedCommands == [.stuckReader, .releaseStuckReaders])
        try #require(Self.eventually { host.frame().virtualTime.sinceStart >= .seconds(2) })
        let frame = host.frame()
        #expect(frame.scenario == "steady" && frame.seed == 7 && frame.speed == 64)
        #expect(frame.resources.count == 4)
        #expect(frame.events.last?.message.hasPrefix("started steady") == true)

        host.perform(.stuckReader, focus: DashboardFocus(panel: .permits))
        try #require(Self.eventually { host.frame().events.contains { $0.message.contains("stuck holding") } })

        host.togglePause()
        #expect(host.isPaused && host.frame().isPaused)
        let before = host.frame().virtualTime
        host.restart()
        let after = host.frame()
        #expect(after.virtualTime < before)
        #expect(after.isPaused)  // a restart keeps the pause and the speed
        #expect(after.speed == 64)
        host.step()
        try #require(Self.eventually { host.frame().virtualTime > after.virtualTime })
        host.setSpeed(1_000)
        #expect(host.speed == PacedDriver.speedRange.upperBound)
    }

    static func eventually(timeout: Duration = .seconds(20), _ condition: () -> Bool) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return condition()
    }
}
