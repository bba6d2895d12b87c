import Backpressure
import Runtime
import Testing

@testable import Engine

/// A cold storage task on an in-memory backend seeded with blocks 1-8 (no latency unless asked),
/// callers spawned on the runtime whose answers are recorded, and `finish()`, which tears down
/// and checks the invariants every test must end with.
final class ColdHarness: Sendable {
    let driver: any ColdTestDriver
    let context: EngineContext
    let backend: InMemoryColdBackend
    let recording: RecordingColdBackend
    let task: ColdStorageTask
    let calls = ColdCallRecorder()

    init(
        _ policy: ColdPolicy, driver: any ColdTestDriver = DeterministicDriver(),
        latency: ColdLatencyModel = .none, withholding: Set<ColdFixElement> = [],
        configure: (inout ColdConfig) -> Void = { _ in }
    ) {
        var config = ColdConfig.incident
        configure(&config)
        self.driver = driver
        context = EngineContext(runtime: driver.runtime)
        backend = InMemoryColdBackend(
            runtime: driver.runtime, latency: latency, blocks: Array(Self.chain.prefix(8)))
        recording = RecordingColdBackend(backend)
        task = ColdStorageTask(
            context: context, policy: policy, config: config, backend: recording, withholding: withholding)
        task.start()
    }

    var handle: ColdStorageHandle { task.handle }
    var runtime: any Runtime { driver.runtime }
    var snapshot: ColdSnapshot { task.snapshot() }

    // MARK: Callers

    func read(_ key: String, _ operation: ColdReadOperation = .header(1)) {
        calls.issued(key)
        runtime.spawn("caller \(key)") { [handle, calls] in
            do throws(ColdError) {
                _ = try await handle.read(operation)
                calls.answered(key, nil)
            } catch {
                calls.answered(key, error)
            }
        }
    }

    func reads(
        _ prefix: String, count: Int, _ operation: @escaping @Sendable (Int) -> ColdReadOperation = { _ in .header(1) }
    ) {
        for index in 0..<count { read("\(prefix)\(index)", operation(index)) }
    }

    func write(_ key: String, _ write: ColdWrite) {
        calls.issued(key)
        runtime.spawn("caller \(key)") { [handle, calls] in
            do throws(ColdError) {
                try await handle.write(write)
                calls.answered(key, nil)
            } catch {
                calls.answered(key, error)
            }
        }
    }

    /// Opens a stream and consumes it to its end; `key` records the setup, `key.end` the end.
    func stream(_ key: String, from: UInt64 = 9, to: UInt64? = nil, deadline: Duration = .seconds(60)) {
        calls.issued(key)
        runtime.spawn("subscriber \(key)") { [handle, calls] in
            let stream: ColdLogStream
            do throws(ColdError) {
                stream = try await handle.streamLogs(from: from, to: to, deadline: deadline)
                calls.answered(key, nil)
            } catch {
                calls.answered(key, error)
                return
            }
            do throws(ColdError) {
                while try await stream.next() != nil {}
                calls.answered("\(key).end", nil)
            } catch {
                calls.answered("\(key).end", error)
            }
        }
    }

    /// The chain the backend is seeded with (blocks 1-8), continued for the tests' appends.
    static let chain = ColdBlock.chain(count: 400, logsPerBlock: 2)

    static func block(_ number: UInt64) -> ColdBlock { chain[Int(number) - 1] }

    /// Closes the backend's read gate and parks one reader per permit in it (the original
    /// tests' first wave); returns the permit count.
    @discardableResult
    func parkReadersAtTheGate(_ prefix: String) async -> Int {
        let permits = task.config.readPermits
        backend.readGate.close()
        reads(prefix, count: permits)
        let parked = await waitUntil { [backend] in backend.readGate.entered == permits }
        #expect(parked)
        return permits
    }

    /// One read ("stuck") that parks in the backend until released: an injected stuck reader.
    func parkStuckReader() async {
        backend.stickNextReads(1)
        read("stuck")
        let parked = await waitUntil { [backend] in backend.stuckReaders == 1 }
        #expect(parked)
    }

    // MARK: Waiting

    @discardableResult
    func waitUntil(within limit: Duration = .seconds(15), _ condition: @escaping @Sendable () -> Bool) async -> Bool {
        await driver.waitUntil(within: limit, condition)
    }

    func advance(_ duration: Duration) async { await driver.advance(duration) }

    func allAnswered(_ keys: [String]) -> Bool { keys.allSatisfy { calls.isAnswered($0) } }

    // MARK: Teardown and invariants

    /// Tears everything down (releasing faults first), then checks: no permit leaked
    /// (held + available == total, nothing held), channels within capacity, every caller
    /// answered, no task left running.
    func finish(sourceLocation: SourceLocation = #_sourceLocation) async {
        backend.releaseStuckReads()
        backend.readGate.open()
        backend.latestBlockGate.open()
        // Torn down from a task on the runtime: a deterministic runtime only moves while driven.
        runtime.spawn("teardown") { [task] in await task.terminate() }
        let quiet = await waitUntil { [calls, runtime, task] in
            calls.unanswered.isEmpty && runtime.liveTasks == 0 && task.ledger.count == 0
        }
        #expect(
            quiet, "unanswered: \(calls.unanswered), live tasks: \(runtime.liveTasks)", sourceLocation: sourceLocation)
        #expect(task.isTerminated, sourceLocation: sourceLocation)
        for semaphore in [task.readPermits, task.streamSlots] {
            semaphore.checkInvariants()
            let permits = semaphore.snapshot()
            #expect(
                permits.held == 0 && permits.available == permits.total, "\(permits)", sourceLocation: sourceLocation)
        }
        task.readSender.channel.checkInvariants()
        task.writeSender.channel.checkInvariants()
        task.streamSender.channel.checkInvariants()
        let snapshot = task.snapshot()
        for channel in [snapshot.readChannel, snapshot.writeChannel] {
            #expect(channel.highWater <= channel.capacity, sourceLocation: sourceLocation)
        }
        #expect(snapshot.callersWaiting == 0, sourceLocation: sourceLocation)
    }
}
