import Dashboard
import DashboardModel
import Runtime
import Scenarios
import Testing

@testable import DashboardHost

/// The engine's dashboard shows the generic detectors' findings beside the subsystems' own
/// warnings, apart from them: the header counts only the warnings.
@Suite struct EngineFindingsTests {
    @Test func theStuckReadersDrainShowsAsAGenericFindingBesideTheWarning() throws {
        let workload = try EngineWorkload(
            scenario: try ScenarioCatalog.named("cold-stuck-reader"),
            policy: try PolicySelection.parse("cold=semaphore"),
            seed: 7, overrides: [])
        let runtime = workload.runtime
        workload.start()
        var frame = DashboardFrame(scenario: "", policy: "", seed: 7, speed: 1, isPaused: false, virtualTime: .zero)
        // A frame a second, as a dashboard at 1x reads them (the channel detector's state moves
        // with each read).
        for second in 1...20 {
            runtime.run(until: RuntimeInstant(sinceStart: .seconds(second)), schedule: workload.session)
            frame = DashboardFrame(
                scenario: "cold-stuck-reader", policy: "cold=semaphore", seed: 7, speed: 1, isPaused: false,
                virtualTime: runtime.now.sinceStart, resources: workload.context.instruments.readings())
            workload.contribute(to: &frame)
        }
        #expect(frame.warnings.map(\.kind) == ["writer-drain-blocked"])
        #expect(frame.warnings.allSatisfy { !$0.isGeneric })
        let drain = try #require(frame.findings.first { $0.kind == "long-wait" })
        #expect(drain.isGeneric && drain.source == WarningLine.genericSource)
        #expect(drain.cause.hasPrefix("waiter \"writer drain\" on cold.read-permits waited 8.0 s for 64 permits"))
        // The panel lists both; the header counts the subsystem's warning alone.
        var builder = DashboardModelBuilder()
        let model = builder.build(frame, state: DashboardState(), themeName: "dark")
        #expect(model.events?.warnings.map { $0.isGeneric } == [false] + frame.findings.map { _ in true })
        #expect(model.header.warningCount == 1)
        _ = workload.session.finish()
    }
}
