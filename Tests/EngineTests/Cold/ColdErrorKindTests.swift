import Testing

@testable import Engine

/// Each error kind a caller can see comes from a real cause in the task or the backend.
@Suite("Cold: error kinds reach the caller")
struct ColdErrorKindTests {
    @Test func backendAnswersAndFailures() async {
        let cold = ColdHarness(.fixed) { $0.maxLogsPerQuery = 5 }
        cold.read("missing", .header(99))
        cold.read("tooMany", .logs(1...8))
        cold.read("fewLogs", .logs(1...2))
        cold.backend.failNext(.block)
        cold.read("failed", .block(1))
        cold.write("reorg", .appendBlocks([ColdHarness.block(10)]))
        await cold.advance(.seconds(1))
        #expect(cold.calls.error("missing") == .some(.notFound))
        #expect(cold.calls.error("tooMany") == .some(.tooManyLogs(limit: 5)))
        #expect(cold.calls.error("fewLogs") == .some(nil))
        #expect(cold.calls.error("failed") == .some(.backend("injected failure in block")))
        #expect(cold.calls.error("reorg") == .some(.reorgDetected))
        let snapshot = cold.snapshot
        #expect(snapshot.errorCount(.notFound) == 1 && snapshot.errorCount(.reorgDetected) == 1)
        await cold.finish()
    }

    @Test func drainAndTruncateRemoveBlocksAbove() async throws {
        let cold = ColdHarness(.fixed)
        let handle = cold.handle
        let drained = ColdCallRecorder()
        cold.runtime.spawn("drain") {
            do throws(ColdError) {
                let blocks = try await handle.write(.drainAbove(6))
                drained.answered(blocks.map { String($0.number) }.joined(separator: ","), nil)
                try await handle.write(.truncateAbove(4))
                drained.answered("tip \(try await handle.latestBlock() ?? 0)", nil)
            } catch {
                drained.answered("error", error)
            }
        }
        await cold.advance(.seconds(1))
        #expect(drained.isAnswered("7,8"))
        #expect(drained.isAnswered("tip 4"))
        await cold.finish()
    }

    @Test func streamEndsAtItsDeadline() async {
        let cold = ColdHarness(.fixed)
        cold.stream("short", from: 1, deadline: .seconds(3))
        await cold.advance(.seconds(4))
        #expect(cold.calls.error("short") == .some(nil))
        #expect(cold.calls.error("short.end") == .some(.streamDeadlineExceeded))
        #expect(cold.snapshot.logsStreamed == 16)
        // A bounded range ends by itself, before any deadline.
        cold.stream("range", from: 2, to: 3)
        await cold.advance(.seconds(1))
        #expect(cold.calls.error("range.end") == .some(nil))
        #expect(cold.snapshot.activeStreams == 0)
        // A longer request is capped at maxStreamDeadline (60 s).
        cold.stream("capped", from: 1, deadline: .seconds(600))
        await cold.advance(.seconds(59))
        #expect(!cold.calls.isAnswered("capped.end"))
        await cold.advance(.seconds(2))
        #expect(cold.calls.error("capped.end") == .some(.streamDeadlineExceeded))
        await cold.finish()
    }
}
