import Dashboard
import Runtime
import Scenarios
import Testing

@testable import DashboardHost

/// The spare (`SpareRun`) is built on its own thread while frames ask for it and going back
/// takes it at whatever chunk the worker is in: however the two interleave, going back and
/// forward again arrives where the run had been. A real-thread race, so its name holds `Stress`:
/// it runs in the real-executor pass and under `make check-tsan`.
@Suite struct SpareRunStressTests {
    @Test func goingBackWhileTheSpareIsBuiltArrivesWhereTheRunHadBeen() throws {
        let scenario = try ScenarioCatalog.named("steady")
        let end = Duration.seconds(60)
        func host() -> RuntimeHost {
            let host = RewindTests.host(scenario, policy: .fixed)
            host.runAhead(to: .seconds(5))
            host.perform("s", focus: DashboardFocus(panel: .permits))
            host.runAhead(to: end)
            return host
        }
        let straight = host()
        let expected = straight.stateDigest()
        straight.shutdown()

        let racing = host()
        defer { racing.shutdown() }
        var generator = Xoshiro256(seed: 20)
        for _ in 0..<8 {
            _ = racing.frame()  // the worker starts moving the spare to 30 s
            let target = Duration.seconds(20) + .milliseconds(Int64(generator.next() % 40_000))
            #expect(racing.travel(to: target).hasPrefix("back to"))
            #expect(racing.travel(to: end).hasPrefix("forward to"))
            #expect(racing.stateDigest() == expected, "back to \(target) and forward again")
        }
    }
}
