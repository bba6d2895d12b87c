import Runtime
import Testing

@testable import Engine

/// What the cancel-select around the drain does in `fixed`, where no scenario needs it (the
/// read deadline frees every permit the drain waits for; see Cold/README.md, fix elements):
/// PR #57's `cancel_during_write_drain_shuts_down`, which its PR says would fail without it.
@Suite("Cold: the cancel-select around the drain, in fixed")
struct ColdCancelSelectTests {
    /// Withheld, a shutdown during the drain waits for the gated readers' deadline and the
    /// write is applied after the cancellation; with it, the write is answered at once and not
    /// applied.
    @Test(arguments: [false, true])
    func aShutdownDuringTheDrainInterruptsIt(withheld: Bool) async {
        let cold = ColdHarness(.fixed, withholding: withheld ? [.cancellableDrain] : [])
        await ColdPortedScenarios.shutDownDuringTheDrain(cold)
        let shutdown = cold.task.snapshot().shutdownDuration ?? .zero
        if withheld {
            #expect(cold.calls.error("append") == .some(nil), "the write went through after the cancel")
            #expect(cold.backend.tip == 9)
            #expect(shutdown >= cold.task.config.readDeadline - .milliseconds(200), "\(shutdown)")
        } else {
            #expect([.cancelled, .taskTerminated].contains(cold.calls.error("append") ?? nil))
            #expect(cold.backend.tip == 8)
            #expect(shutdown < .seconds(1), "\(shutdown)")
        }
        await cold.finish()
    }
}
