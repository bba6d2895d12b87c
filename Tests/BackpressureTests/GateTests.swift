import Backpressure
import Runtime
import Testing

@Suite struct GateTests {
    @Test func parksUntilOpenedAndCountsEveryone() {
        let passed = Recorder<Int>()
        simulate { runtime in
            let gate = Gate(name: "reads", open: false)
            for index in 0..<5 {
                runtime.spawn("reader \(index)") {
                    try? await gate.pass()
                    passed.append(index)
                }
            }
            try await runtime.sleep(for: .seconds(1))
            #expect(passed.all.isEmpty)
            #expect(gate.entered == 5 && gate.waiting == 5)
            gate.admit(1)
            try await runtime.sleep(for: .milliseconds(1))
            #expect(passed.all == [0])
            gate.open()
            try await runtime.sleep(for: .milliseconds(1))
            #expect(passed.all == [0, 1, 2, 3, 4])
            try await gate.pass()  // open: passes at once
            gate.close()
            gate.admit(1)  // an admission for a caller that has not arrived yet
            try await gate.pass()
            let snapshot = gate.snapshot()
            #expect(!snapshot.isOpen && snapshot.entered == 7 && snapshot.passed == 7 && snapshot.waiting == 0)
        }
    }

    @Test func cancelledCallerLeavesTheQueue() {
        let outcomes = Recorder<String>()
        simulate { runtime in
            let gate = Gate(name: "g", open: false)
            let parked = runtime.spawn("parked") {
                do {
                    try await gate.pass()
                    outcomes.append("passed")
                } catch {
                    outcomes.append("cancelled")
                }
            }
            try await runtime.sleep(for: .milliseconds(1))
            parked.cancel()
            try await runtime.sleep(for: .milliseconds(1))
            #expect(gate.waiting == 0)
        }
        #expect(outcomes.all == ["cancelled"])
    }
}
