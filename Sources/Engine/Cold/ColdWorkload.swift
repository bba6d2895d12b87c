import Backpressure
import Runtime

/// The load of a node on its cold storage: a new block every `writeInterval` (fire-and-forget,
/// as `UnifiedStorage::append_blocks` does), `readConcurrency` RPC clients that each read, wait
/// for the answer and pause (exponential, so together they read about `readRatePerSecond`),
/// and `logSubscribers` that follow the tip with log streams, re-subscribing when one ends.
///
/// The clients start together and queue up together behind every drain, so their number is the
/// burst of concurrent reads the task sees: above the 64 permits it is the first step's
/// dispatch deadlock.
final class ColdWorkload: Sendable {
    private struct State {
        var head: ColdHeader?
        var rejectedWrites = 0
    }

    private let runtime: any Runtime
    private let handle: ColdStorageHandle
    private let config: ColdConfig
    private let events: EventLog
    private let random: RandomSource
    private let tasks = ColdTaskTracker(name: "cold.workload")
    private let state: LockedState<State>

    init(runtime: any Runtime, handle: ColdStorageHandle, config: ColdConfig, events: EventLog, head: ColdHeader?) {
        self.runtime = runtime
        self.handle = handle
        self.config = config
        self.events = events
        self.random = runtime.random.fork("cold.workload")
        self.state = LockedState(State(head: head))
    }

    func start() {
        if config.writeInterval > .zero {
            tasks.spawn(on: runtime, "cold.workload.writes") { [self] in await writeBlocks() }
        }
        if config.readRatePerSecond > 0 {
            for client in 0..<config.readConcurrency {
                tasks.spawn(on: runtime, "cold.workload.client \(client)") { [self] in await readRepeatedly() }
            }
        }
        for subscriber in 0..<config.logSubscribers {
            tasks.spawn(on: runtime, "cold.workload.subscriber \(subscriber)") { [self] in await subscribe() }
        }
    }

    /// Issues one read now, outside the arrival process (operator actions use it).
    func issueRead(_ operation: ColdReadOperation) {
        tasks.spawn(on: runtime, "cold.workload.read") { [handle] in _ = try? await handle.read(operation) }
    }

    /// `reads` reads, then the next block, all issued before any of them runs: the reads take
    /// their permits (or queue) first and the write finds them there.
    func burstReadsThenWrite(_ reads: Int) {
        for index in 0..<reads { issueRead(.header(UInt64(index % 8 + 1))) }
        tasks.spawn(on: runtime, "cold.workload.burst-write") { [self] in writeNextBlock() }
    }

    func stop() async {
        tasks.cancelAll()
        tasks.close()
        try? await tasks.wait()
    }

    var head: UInt64? { state.withLock { $0.head?.number } }

    private func writeBlocks() async {
        while (try? await runtime.sleep(for: config.writeInterval)) != nil {
            writeNextBlock()
        }
    }

    /// Appends the block after the head, fire-and-forget.
    private func writeNextBlock() {
        let (number, parent) = state.withLock { ($0.head.map { $0.number + 1 } ?? 1, $0.head?.hash ?? 0) }
        let block = ColdBlock.synthetic(number: number, parentHash: parent, logCount: config.logsPerBlock)
        do {
            try handle.dispatchWrite(.appendBlocks([block]))
            state.withLock { $0.head = block.header }
        } catch {
            // The block is offered again at the next tick, as a node retries after a crash.
            let rejected = state.withLock { state -> Int in
                state.rejectedWrites += 1
                return state.rejectedWrites
            }
            if rejected == 1 || rejected % 10 == 0 {
                events.error(.cold, "append of block \(number) failed: \(error) (\(rejected) rejected so far)")
            }
        }
    }

    private func readRepeatedly() async {
        let meanPause = Duration.seconds(Double(config.readConcurrency) / config.readRatePerSecond)
        repeat {
            _ = try? await handle.read(nextOperation())
        } while (try? await runtime.sleep(for: random.exponential(mean: meanPause))) != nil
    }

    private func nextOperation() -> ColdReadOperation {
        let tip = max(1, head ?? 1)
        let number = UInt64(random.int(in: 1...Int(tip)))
        switch random.unit() {
        case ..<0.70: return .header(number)
        case ..<0.85: return .block(number)
        case ..<0.95: return .logs(number...min(tip, number + 3))
        default: return .latestBlock
        }
    }

    private func subscribe() async {
        while !Task.isCancelled {
            let from = (head ?? 0) + 1
            do {
                let stream = try await handle.streamLogs(from: from, deadline: config.streamRequestedDeadline)
                while try await stream.next() != nil {}
            } catch {
                // Ended by its deadline, refused, or timed out: subscribe again after a pause.
                if (try? await runtime.sleep(for: config.streamPollInterval)) == nil { return }
            }
        }
    }
}
