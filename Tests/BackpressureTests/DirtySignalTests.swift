import Backpressure
import Runtime
import Testing

@Suite struct DirtySignalTests {
    @Test func burstOfMarksCoalescesIntoOneWakeUp() {
        let batches = Recorder<DirtySignal.Batch>()
        simulate { runtime in
            let signal = DirtySignal(name: "trust", timeSource: runtime.timeSource)
            runtime.spawn("saver") {
                while let batch = try? await signal.wait() {
                    batches.append(batch)
                    try? await runtime.sleep(for: .milliseconds(50))  // the save
                }
            }
            #expect(signal.mark())
            try await runtime.sleep(for: .milliseconds(10))  // saver is saving the first change
            #expect(signal.mark())
            #expect(!signal.mark())
            #expect(!signal.mark())
            #expect(signal.snapshot().pendingMarks == 3)
            #expect(signal.snapshot().dirtyFor == .zero)
            try await runtime.sleep(for: .milliseconds(30))
            #expect(signal.snapshot().dirtyFor == .milliseconds(30))
            try await runtime.sleep(for: .milliseconds(100))
            signal.close()
        }
        #expect(
            batches.all == [
                DirtySignal.Batch(marks: 1, since: .zero),
                DirtySignal.Batch(marks: 3, since: .milliseconds(10)),
            ])
    }

    @Test func closeDeliversWhatIsPendingThenEnds() async throws {
        let signal = DirtySignal(name: "s")
        signal.mark()
        signal.close()
        #expect(!signal.mark())
        #expect(try await signal.wait()?.marks == 1)
        #expect(try await signal.wait() == nil)
    }

    @Test func takePendingEmptiesTheSignal() {
        let signal = DirtySignal(name: "s")
        #expect(signal.takePending() == nil)
        signal.mark()
        signal.mark()
        #expect(signal.takePending()?.marks == 2)
        #expect(!signal.isDirty)
    }
}
