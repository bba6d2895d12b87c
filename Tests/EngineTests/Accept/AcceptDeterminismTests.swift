import Engine
import Runtime
import Testing

@Suite struct AcceptDeterminismTests {
    /// Same seed, same policy: the same run, down to lock percentiles and warning instants.
    @Test func aSeedReplaysTheStall() {
        let first = AcceptHarness(policy: .inline, config: .contended, seed: 7)
        let second = AcceptHarness(policy: .inline, config: .contended, seed: 7)
        let a = first.flood(clients: 40)
        let b = second.flood(clients: 40)
        #expect(a == b)
        #expect(first.runtime.jobsExecuted == second.runtime.jobsExecuted)
        #expect(first.stop() && second.stop())
    }
}
