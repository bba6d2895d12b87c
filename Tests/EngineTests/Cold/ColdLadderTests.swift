import Runtime
import Testing

@testable import Engine

/// The ladder matrix: each step stalls exactly where Sources/Engine/Cold/README.md (the ladder) says it does, and the
/// later steps hold there. Virtual time throughout.
@Suite("Cold: policy ladder")
struct ColdLadderTests {
    static let slowReads = ColdLatencyModel(readMean: .milliseconds(10), writePerBlock: .milliseconds(1), spread: 0)

    /// Fire-and-forget appends every 12 s, as the node does, until one is refused; returns the
    /// tick of the first `backpressure` error, nil if none within `ticks`.
    static func appendEveryInterval(_ cold: ColdHarness, ticks: Int) async -> Int? {
        for tick in 1...ticks {
            await cold.advance(cold.task.config.writeInterval)
            do {
                try cold.handle.dispatchWrite(.appendBlocks([ColdHarness.block(8 + UInt64(tick))]))
            } catch {
                #expect(error == .backpressure)
                return tick
            }
        }
        return nil
    }

    static func isDraining(_ snapshot: ColdSnapshot) -> Bool {
        if case .draining = snapshot.writer.state { return true }
        return false
    }

    // MARK: tasktracker

    @Test func tasktrackerDeadlocksOnThe65thConcurrentRead() async {
        let cold = ColdHarness(.tasktracker, latency: Self.slowReads)
        let permits = cold.task.config.readPermits
        cold.reads("r", count: permits + 1)
        await cold.advance(.seconds(10))
        #expect(cold.calls.answered(withPrefix: "r").count == permits)
        #expect(cold.snapshot.dispatcher.state == .parkedOnTracker(inFlight: permits))
        // The loop never gets back to its select: no write is dispatched again.
        cold.write("append", .appendBlocks([ColdHarness.block(9)]))
        await cold.advance(.seconds(60))
        #expect(!cold.calls.isAnswered("append"))
        var rejected = 0
        for number in 10..<(10 + UInt64(cold.task.config.writeChannelCapacity)) {
            do { try cold.handle.dispatchWrite(.appendBlocks([ColdHarness.block(number)])) } catch { rejected += 1 }
        }
        #expect(rejected == 1, "the awaited write holds one of the 256 slots")
        let snapshot = cold.snapshot
        #expect(snapshot.errorCount(.backpressure) == 1)
        #expect(snapshot.writeChannel.length == snapshot.writeChannel.capacity)
        #expect(snapshot.warnings.map(\.kind).contains(.dispatcherParked))
        // The token is never selected again: shutdown hangs.
        cold.task.shutdown()
        await cold.advance(.seconds(60))
        #expect(!cold.task.isTerminated)
        #expect(cold.snapshot.warnings.map(\.kind).contains(.shutdownHung))
        await cold.finish()
    }

    @Test func tasktrackerHoldsAtTheCap() async {
        let cold = ColdHarness(.tasktracker, latency: Self.slowReads)
        cold.reads("r", count: cold.task.config.readPermits)
        cold.write("append", .appendBlocks([ColdHarness.block(9)]))
        #expect(await cold.waitUntil(within: .seconds(1)) { cold.calls.answeredCount == 65 })
        #expect(cold.backend.tip == 9)
        cold.task.shutdown()
        #expect(await cold.waitUntil(within: .seconds(1)) { cold.task.isTerminated })
        await cold.finish()
    }

    // MARK: semaphore

    @Test func semaphoreStuckReaderWedgesTheDrainUntilBackpressure() async {
        let cold = ColdHarness(.semaphore)
        await cold.parkStuckReader()
        let capacity = cold.task.config.writeChannelCapacity
        // The writer takes the first write and drains forever; 256 more fill the channel.
        let refusedAt = await Self.appendEveryInterval(cold, ticks: capacity + 10)
        #expect(refusedAt == capacity + 2)
        let snapshot = cold.snapshot
        #expect(snapshot.writer.state == .draining(collected: 63, required: 64))
        #expect(snapshot.writer.duration >= .seconds(3000))
        #expect(snapshot.writer.blockedBy.map(\.activity) == ["headerByNumber, backend header"])
        let warning = snapshot.warnings.first { $0.kind == .writerDrainBlocked }
        #expect(warning?.cause.hasPrefix("writer drain blocked ") == true)
        #expect(warning?.cause.contains("by read #1 (headerByNumber, backend header): 63 of 64 collected") == true)
        #expect(snapshot.warnings.map(\.kind).contains(.writeBackpressure))
        // FIFO: a reader arriving now is not served (the loop is inside the drain).
        cold.read("late")
        await cold.advance(.seconds(30))
        #expect(!cold.calls.isAnswered("late"))
        // The drain is not raced against the token: shutdown hangs.
        cold.task.shutdown()
        await cold.advance(.seconds(60))
        #expect(!cold.task.isTerminated)
        await cold.finish()
    }

    @Test func semaphoreHoldsReadsAboveTheCap() async {
        let cold = ColdHarness(.semaphore, latency: Self.slowReads)
        cold.reads("r", count: 256)
        cold.write("append", .appendBlocks([ColdHarness.block(9)]))
        #expect(await cold.waitUntil(within: .seconds(5)) { cold.calls.answeredCount == 257 })
        #expect(cold.calls.answered(withPrefix: "").values.allSatisfy { $0.error == nil })
        await cold.finish()
    }

    // MARK: permit-attached: the deadline fixes stuck readers

    @Test(arguments: [ColdPolicy.permitAttached, .fixed])
    func readDeadlineUnwedgesAStuckReader(_ policy: ColdPolicy) async {
        let cold = ColdHarness(policy)
        await cold.parkStuckReader()
        cold.write("append", .appendBlocks([ColdHarness.block(9)]))
        #expect(await cold.waitUntil(within: .seconds(6)) { cold.calls.isAnswered("append") })
        #expect(cold.calls.error("stuck") == .some(.timeout))
        #expect(cold.calls.error("append") == .some(nil))
        #expect(cold.snapshot.deadlineExpirations == 1)
        #expect(
            cold.context.events.events().contains { $0.message.contains("read deadline: timeout, permit returned") })
        await cold.finish()
    }

    // MARK: Scenario A: stream saturation

    @Test(arguments: [ColdPolicy.permitAttached, .fixed])
    func scenarioAStreamSaturation(_ policy: ColdPolicy) async {
        let cold = ColdHarness(policy)
        let slots = cold.task.config.streamSlots
        for index in 0..<slots { cold.stream("s\(index)", from: 1) }
        #expect(await cold.waitUntil(within: .seconds(1)) { cold.snapshot.activeStreams == slots })
        cold.stream("ninth", from: 1)
        await cold.advance(.milliseconds(10))
        cold.write("append", .appendBlocks([ColdHarness.block(9)]))
        await cold.advance(.seconds(30))
        let snapshot = cold.snapshot
        if policy == .permitAttached {
            // The ninth setup holds its read permit while it waits for a slot: the drain waits.
            #expect(!cold.calls.isAnswered("append"))
            #expect(Self.isDraining(snapshot))
            #expect(snapshot.writer.blockedBy.map(\.activity) == ["streamLogs setup, stream slot"])
            let warning = snapshot.warnings.first { $0.kind == .writerDrainBlocked }
            #expect(warning?.cause.contains("(streamLogs setup, stream slot)") == true)
            // Not permanent: the busy streams end at 60 s, a slot frees, the drain completes.
            #expect(await cold.waitUntil(within: .seconds(40)) { cold.calls.isAnswered("append") })
            #expect(cold.calls.error("s0.end") == .some(.streamDeadlineExceeded))
            #expect(cold.calls.error("ninth") == .some(nil))
        } else {
            #expect(cold.calls.error("append") == .some(nil))
            #expect(!Self.isDraining(snapshot))
            #expect(cold.calls.error("ninth") == .some(.timeout))
            #expect(snapshot.warnings.isEmpty)
        }
        await cold.finish()
    }

    // MARK: Scenario B: a hung latestBlock during stream setup

    @Test(arguments: [ColdPolicy.permitAttached, .fixed])
    func scenarioBStreamSetupHang(_ policy: ColdPolicy) async {
        let cold = ColdHarness(policy)
        cold.backend.latestBlockGate.close()
        cold.stream("hung", from: 9)
        await cold.advance(.seconds(1))
        let capacity = cold.task.config.writeChannelCapacity
        if policy == .permitAttached {
            // The original crash, verbatim: the drain never completes, the channel fills.
            let refusedAt = await Self.appendEveryInterval(cold, ticks: capacity + 10)
            #expect(refusedAt == capacity + 2)
            let snapshot = cold.snapshot
            #expect(snapshot.writer.blockedBy.map(\.activity) == ["streamLogs setup, backend latestBlock"])
            let warning = snapshot.warnings.first { $0.kind == .writerDrainBlocked }
            #expect(warning?.cause.contains("by read #1 (streamLogs setup, backend latestBlock)") == true)
            #expect(!cold.calls.isAnswered("hung"))
        } else {
            #expect(await cold.waitUntil(within: .seconds(5)) { cold.calls.isAnswered("hung") })
            #expect(cold.calls.error("hung") == .some(.timeout))
            #expect(await Self.appendEveryInterval(cold, ticks: 20) == nil)
            #expect(await cold.waitUntil(within: .seconds(1)) { cold.snapshot.writesApplied == 20 })
            #expect(cold.snapshot.errorCount(.backpressure) == 0)
        }
        await cold.finish()
    }

    // MARK: Shutdown

    @Test(arguments: [ColdPolicy.permitAttached, .fixed])
    func shutdownWithALongStream(_ policy: ColdPolicy) async {
        let cold = ColdHarness(policy)
        cold.stream("long", from: 1)
        #expect(await cold.waitUntil(within: .seconds(1)) { cold.snapshot.activeStreams == 1 })
        await cold.advance(.seconds(1))
        cold.task.shutdown()
        await cold.advance(.seconds(5))
        if policy == .permitAttached {
            // Shutdown waits for the longest stream, up to its 60 s deadline.
            #expect(!cold.task.isTerminated)
            #expect(await cold.waitUntil(within: .seconds(60)) { cold.task.isTerminated })
            #expect(cold.snapshot.shutdownDuration.map { $0 >= .seconds(58) } == true)
            #expect(cold.calls.error("long.end") == .some(.streamDeadlineExceeded))
        } else {
            #expect(cold.task.isTerminated)
            #expect(cold.snapshot.shutdownDuration.map { $0 < .seconds(1) } == true)
            #expect(cold.calls.error("long.end") == .some(.taskTerminated))
        }
        await cold.finish()
    }

    /// The `cold-shutdown-during-drain` case: a stuck reader, a write draining, then cancel.
    @Test(arguments: [ColdPolicy.semaphore, .permitAttached, .fixed])
    func shutdownDuringWriteDrain(_ policy: ColdPolicy) async {
        let cold = ColdHarness(policy)
        await cold.parkStuckReader()
        cold.write("append", .appendBlocks([ColdHarness.block(9)]))
        await cold.advance(.seconds(1))
        #expect(Self.isDraining(cold.snapshot))
        cold.task.shutdown()
        await cold.advance(.seconds(30))
        let snapshot = cold.snapshot
        switch policy {
        case .semaphore:
            // The drain is not raced against the token, and shutdown waits for the stuck reader.
            #expect(!cold.task.isTerminated)
            #expect(snapshot.warnings.contains { $0.kind == .shutdownHung && $0.cause.contains("read #1") })
            #expect(!cold.calls.isAnswered("append"))
        case .permitAttached:
            // The drain gives up at once; shutdown then waits out the reader's 5 s deadline.
            #expect(cold.task.isTerminated)
            #expect(snapshot.shutdownDuration.map { $0 > .seconds(3) && $0 <= .seconds(4) } == true)
            #expect(cold.calls.error("stuck") == .some(.timeout))
        default:
            #expect(cold.task.isTerminated)
            #expect(snapshot.shutdownDuration.map { $0 < .milliseconds(100) } == true)
            #expect(cold.calls.error("stuck") == .some(.taskTerminated))
        }
        if policy != .semaphore { #expect(cold.calls.error("append") == .some(.taskTerminated)) }
        #expect(cold.backend.tip == 8)
        await cold.finish()
    }

    @Test(arguments: [ColdPolicy.permitAttached, .fixed])
    func callerAfterShutdown(_ policy: ColdPolicy) async {
        let cold = ColdHarness(policy)
        await cold.parkReadersAtTheGate("gated")
        cold.task.shutdown()
        await cold.advance(.milliseconds(10))
        cold.read("late")
        await cold.advance(.milliseconds(10))
        if policy == .permitAttached {
            // The semaphore stays open: the caller waits for in-flight readers (their deadline).
            #expect(!cold.calls.isAnswered("late"))
            #expect(await cold.waitUntil(within: .seconds(6)) { cold.calls.isAnswered("late") })
        } else {
            #expect(cold.snapshot.readPermits.isClosed)
        }
        #expect(cold.calls.error("late") == .some(.taskTerminated))
        await cold.finish()
    }
}
