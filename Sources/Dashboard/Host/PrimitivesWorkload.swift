import Backpressure
import Engine
import Runtime
import Synchronization

/// A small read-and-write pipeline on the real primitives, so the dashboard shows live permits
/// and channels before the engine's subsystems exist: readers contend for read permits and push
/// into an ingest channel, a writer with slow phases drains it into a commit channel. `s` parks
/// a reader on a gate while it holds its permit (a stuck reader), `S` lets them all go.
///
/// It stands in for the `steady` scenario until the subsystems land; then `Stallscope` passes
/// their workload to `RuntimeHost` instead and this one remains a demo of the primitives.
public final class PrimitivesWorkload: DashboardWorkload {
    public static let readPermitCount = 16
    public static let readerCount = 24
    public static let ingestCapacity = 64
    public static let commitCapacity = 16
    public static let meanReadInterval: Duration = .milliseconds(150)
    public static let meanReadHold: Duration = .milliseconds(150)
    public static let fastWriteTime: Duration = .milliseconds(6)
    public static let slowWriteTime: Duration = .milliseconds(40)
    public static let meanCommitTime: Duration = .milliseconds(8)
    /// How often the writer may change between its fast and slow phase.
    public static let phaseInterval: Duration = .seconds(4)

    private struct State {
        var tasks: [RuntimeTask] = []
        var reads = 0
        var stuck = 0
        var slowPhase = false
    }

    private let context: EngineContext
    private let random: RandomSource
    public let readPermits: AsyncSemaphore
    private let ingest: (sender: ChannelSender<Int>, receiver: ChannelReceiver<Int>)
    private let commit: (sender: ChannelSender<Int>, receiver: ChannelReceiver<Int>)
    private let stuckReaders: Gate
    private let state = Mutex(State())

    public init(context: EngineContext) {
        self.context = context
        self.random = context.runtime.random.fork("primitives-workload")
        readPermits = AsyncSemaphore(name: "read permits", permits: Self.readPermitCount, timeSource: context.timeSource)
        ingest = BoundedChannel<Int>.make(name: "ingest", capacity: Self.ingestCapacity)
        commit = BoundedChannel<Int>.make(name: "commit", capacity: Self.commitCapacity)
        stuckReaders = Gate(name: "stuck readers", open: false)
        for resource in [readPermits, ingest.sender.channel, commit.sender.channel, stuckReaders] as [any Instrumented] {
            context.instruments.register(resource)
        }
    }

    public var supportedCommands: [DashboardCommand] { [.stuckReader, .releaseStuckReaders] }

    public func start() {
        let runtime = context.runtime
        var tasks = (0..<Self.readerCount).map { index in
            runtime.spawn("reader \(index)") { [self] in await readLoop() }
        }
        tasks.append(runtime.spawn("writer") { [self] in await writeLoop() })
        tasks.append(runtime.spawn("committer") { [self] in await commitLoop() })
        tasks.append(runtime.spawn("phases") { [self] in await phaseLoop() })
        state.withLock { $0.tasks += tasks }
    }

    public func stop() async {
        let tasks = state.withLock { $0.tasks }
        for task in tasks { task.cancel() }
        stuckReaders.open()
        for task in tasks { await task.join() }
    }

    public func perform(_ command: DashboardCommand, focus: DashboardFocus) {
        switch command {
        case .stuckReader:
            let number = state.withLock { state in
                state.reads += 1
                state.stuck += 1
                return state.reads
            }
            let task = context.runtime.spawn("stuck read #\(number)") { [self] in
                let label = "read #\(number)"
                guard let permit = try? await readPermits.acquire(label: label) else { return }
                context.events.warn(nil, "\(label) is stuck holding a read permit (injected)")
                try? await stuckReaders.pass()
                _ = consume permit
            }
            state.withLock { $0.tasks.append(task) }
        case .releaseStuckReaders:
            let count = state.withLock { state in defer { state.stuck = 0 }; return state.stuck }
            stuckReaders.open()
            stuckReaders.close()
            context.events.info(nil, "released \(count) stuck reader\(count == 1 ? "" : "s")")
        default:
            break
        }
    }

    public func contribute(to frame: inout DashboardFrame) {}

    private func readLoop() async {
        let runtime = context.runtime
        while !Task.isCancelled {
            do {
                try await runtime.sleep(for: random.exponential(mean: Self.meanReadInterval))
                let number = state.withLock { state in state.reads += 1; return state.reads }
                let permit = try await readPermits.acquire(label: "read #\(number)")
                try await runtime.sleep(for: random.exponential(mean: Self.meanReadHold))
                // A full ingest channel drops the read's result: the rejections the panel counts.
                _ = ingest.sender.trySend(number)
                _ = consume permit
            } catch {
                return
            }
        }
    }

    private func writeLoop() async {
        let runtime = context.runtime
        while !Task.isCancelled {
            guard let item = try? await ingest.receiver.receive() else { return }
            let slow = state.withLock { $0.slowPhase }
            do {
                try await runtime.sleep(for: random.exponential(mean: slow ? Self.slowWriteTime : Self.fastWriteTime))
                try await commit.sender.send(item)
            } catch {
                return
            }
        }
    }

    private func commitLoop() async {
        let runtime = context.runtime
        while !Task.isCancelled {
            guard (try? await commit.receiver.receive()) != nil else { return }
            guard (try? await runtime.sleep(for: random.exponential(mean: Self.meanCommitTime))) != nil else { return }
        }
    }

    private func phaseLoop() async {
        let runtime = context.runtime
        while !Task.isCancelled {
            guard (try? await runtime.sleep(for: Self.phaseInterval)) != nil else { return }
            guard random.chance(0.4) else { continue }
            let slow = state.withLock { state in state.slowPhase.toggle(); return state.slowPhase }
            if slow {
                context.events.warn(nil, "writer slowed to ~\(Format.duration(Self.slowWriteTime)) per write: ingest backs up")
            } else {
                context.events.info(nil, "writer back to ~\(Format.duration(Self.fastWriteTime)) per write")
            }
        }
    }
}
