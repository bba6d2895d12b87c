import Backpressure
import Runtime

/// A backend that really stores blocks, headers and logs in memory, with a latency model and the
/// fault hooks of incident 1:
/// - `readGate`: every read call (header, block, latestBlock, logs) passes it; close it to make
///   every reader stuck, `admit(n)` to let n through (the ported tests' `GatedBackend`).
/// - `stickNextReads(n)` / `releaseStuckReads()`: the next n read calls park until released,
///   while other reads proceed: injected stuck readers.
/// - `latestBlockGate`: close it to hang `latestBlock` (Scenario B's stuck pool connection).
/// - `failNext(_:times:)`: the next calls of a kind throw.
/// Stream production (`streamLogs`) and writes are not gated, as in the original tests.
public final class InMemoryColdBackend: ColdBackend {
    private struct Store {
        var blocks: [UInt64: ColdBlock] = [:]
        var tip: ColdHeader?
        var stuckPending = 0
        var failures: [ColdBackendCall: Int] = [:]
        var calls: [ColdBackendCall: Int] = [:]
    }

    public let readGate: Gate
    public let latestBlockGate: Gate
    /// Where injected stuck readers park.
    public let stuckGate: Gate
    private let runtime: any Runtime
    private let random: RandomSource
    private let latency: ColdLatencyModel
    private let store = LockedState(Store())

    public init(runtime: any Runtime, latency: ColdLatencyModel, blocks: [ColdBlock] = []) {
        self.runtime = runtime
        self.random = runtime.random.fork("cold.backend")
        self.latency = latency
        self.readGate = Gate(name: "cold.backend.reads", open: true)
        self.latestBlockGate = Gate(name: "cold.backend.latestBlock", open: true)
        self.stuckGate = Gate(name: "cold.backend.stuck", open: false)
        store.withLock { store in
            for block in blocks { store.blocks[block.number] = block }
            store.tip = blocks.last?.header
        }
    }

    // MARK: Faults

    /// The next `count` read calls park on `stuckGate` until `releaseStuckReads()`.
    public func stickNextReads(_ count: Int) {
        store.withLock { $0.stuckPending += count }
    }

    /// Lets every stuck reader through; later injections park again.
    public func releaseStuckReads() {
        store.withLock { $0.stuckPending = 0 }
        stuckGate.open()
        stuckGate.close()
    }

    public var stuckReaders: Int { stuckGate.waiting }

    public func failNext(_ call: ColdBackendCall, times: Int = 1) {
        store.withLock { $0.failures[call, default: 0] += times }
    }

    /// Calls made so far, per kind.
    public func callCount(_ call: ColdBackendCall) -> Int { store.withLock { $0.calls[call, default: 0] } }

    public var tip: UInt64? { store.withLock { $0.tip?.number } }

    // MARK: ColdBackend

    public func header(_ number: UInt64) async throws -> ColdHeader? {
        try await enterRead(.header)
        return store.withLock { $0.blocks[number]?.header }
    }

    public func block(_ number: UInt64) async throws -> ColdBlock? {
        try await enterRead(.block)
        return store.withLock { $0.blocks[number] }
    }

    public func latestBlock() async throws -> UInt64? {
        try await enterRead(.latestBlock)
        try await latestBlockGate.pass()
        return tip
    }

    public func logs(in range: ClosedRange<UInt64>, limit: Int) async throws -> [ColdLog] {
        try await enterRead(.logs)
        return try store.withLock { store throws(ColdError) -> [ColdLog] in
            var logs: [ColdLog] = []
            // Walk only the stored numbers: a wide range over a short chain stays cheap.
            for number in store.blocks.keys.sorted() where range.contains(number) {
                logs += store.blocks[number]?.logs ?? []
                if logs.count > limit { throw .tooManyLogs(limit: limit) }
            }
            return logs
        }
    }

    public func streamLogs(block number: UInt64) async throws -> [ColdLog]? {
        try await enter(.streamLogs, blocks: 1)
        return store.withLock { $0.blocks[number]?.logs }
    }

    public func append(_ blocks: [ColdBlock]) async throws {
        try await enter(.append, blocks: blocks.count)
        try store.withLock { store throws(ColdError) in
            var tip = store.tip
            for block in blocks {
                if let current = tip,
                    block.number != current.number + 1 || block.header.parentHash != current.hash
                {
                    throw .reorgDetected
                }
                tip = block.header
            }
            for block in blocks { store.blocks[block.number] = block }
            store.tip = tip
        }
    }

    public func truncate(above number: UInt64) async throws {
        try await enter(.truncate, blocks: 1)
        _ = store.withLock { Self.remove(above: number, from: &$0) }
    }

    public func drain(above number: UInt64) async throws -> [ColdBlock] {
        try await enter(.drain, blocks: 1)
        return store.withLock { Self.remove(above: number, from: &$0) }
    }

    // MARK: Internals

    private static func remove(above number: UInt64, from store: inout Store) -> [ColdBlock] {
        let removed = store.blocks.keys.filter { $0 > number }.sorted().compactMap {
            store.blocks.removeValue(forKey: $0)
        }
        if let tip = store.tip, tip.number > number { store.tip = store.blocks[number]?.header }
        return removed
    }

    private func enterRead(_ call: ColdBackendCall) async throws {
        let stuck = store.withLock { store -> Bool in
            guard store.stuckPending > 0 else { return false }
            store.stuckPending -= 1
            return true
        }
        if stuck { try await stuckGate.pass() }
        try await readGate.pass()
        try await enter(call, blocks: 1)
    }

    private func enter(_ call: ColdBackendCall, blocks: Int) async throws {
        let fail = store.withLock { store -> Bool in
            store.calls[call, default: 0] += 1
            let pending = store.failures[call, default: 0]
            if pending > 0 { store.failures[call] = pending - 1 }
            return pending > 0
        }
        let delay = latency.latency(of: call, blocks: blocks, random: random)
        if delay > .zero { try await runtime.sleep(for: delay) }
        if fail { throw ColdBackendFailure(call: call) }
    }
}
