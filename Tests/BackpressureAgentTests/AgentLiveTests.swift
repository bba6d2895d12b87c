import Backpressure
import Foundation
import Testing

@testable import BackpressureAgent

/// A real agent on a real socket in a temporary directory. Every wait is on a condition with a
/// deadline; nothing sleeps a fixed time to let something happen.
@Suite(.serialized) struct AgentLiveTests {
    /// The longest any condition here is waited for: reached only when something is broken.
    static let conditionDeadline: Duration = .seconds(20)

    /// A fresh directory standing in for `XDG_RUNTIME_DIR`, removed by `body`'s end.
    func withRuntimeDirectory(_ body: (String) throws -> Void) throws {
        var template = Array("/tmp/agent-test.XXXXXX".utf8CString)
        let directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory)
    }

    /// Waits until `condition` holds, calling `meanwhile` between checks (a client's reads);
    /// false at the deadline.
    func eventually(
        within deadline: Duration = conditionDeadline, meanwhile: () -> Void = {}, _ condition: () throws -> Bool
    ) rethrows -> Bool {
        let end = ContinuousClock.now + deadline
        while ContinuousClock.now < end {
            if try condition() { return true }
            meanwhile()
            Thread.sleep(forTimeInterval: 0.001)
        }
        return try condition()
    }

    func nextSnapshot(_ connection: AgentConnection) throws -> AgentSnapshot {
        let end = ContinuousClock.now + Self.conditionDeadline
        while true {
            if case .snapshot(let snapshot) = try connection.readFrame(timeout: end - .now).frame { return snapshot }
        }
    }

    func mode(_ path: String) -> mode_t {
        var status = stat()
        #expect(lstat(path, &status) == 0)
        return status.st_mode & 0o777
    }

    @Test func aClientReadsTheHelloThenSnapshotsWherePermitsMove() throws {
        try withRuntimeDirectory { runtime in
            let db = AsyncSemaphore(name: "db", permits: 3)
            let registry = InstrumentRegistry()
            registry.register(db, owner: InstrumentOwner(component: "store"))
            let events = AgentEventSink()
            let agent = try BackpressureAgent.start(
                service: "checkout", registry: registry, events: events,
                configuration: AgentConfiguration(
                    snapshotInterval: .milliseconds(10), environment: ["XDG_RUNTIME_DIR": runtime]))
            defer { agent.stop() }
            #expect(agent.socketPath == "\(runtime)/stallscope/checkout.\(getpid()).sock")

            let connection = try AgentConnection(path: agent.socketPath)
            try connection.send(.subscribe(AgentSubscribe(version: AgentWireFormat.version)))
            guard case .hello(let hello) = try connection.readFrame(timeout: Self.conditionDeadline).frame else {
                Issue.record("the first frame is not a hello")
                return
            }
            #expect(hello.version == AgentWireFormat.version)
            #expect(hello.service == "checkout")
            #expect(hello.pid == getpid())
            #expect(abs(hello.startTime - Date().timeIntervalSince1970) < 60)
            #expect(hello.intervalSeconds == 0.01)

            let before = try nextSnapshot(connection)
            #expect(before.resources.map(\.name) == ["db"])
            #expect(before.resources.first?.owner == InstrumentOwner(component: "store"))
            #expect(before.resources.first?.semaphore?.held == 0)

            let permit = try db.tryAcquireOwned(2, label: "order #1")
            var after = before
            #expect(
                try eventually {
                    after = try nextSnapshot(connection)
                    return after.resources.first?.semaphore?.held == 2
                })
            #expect(after.sequence > before.sequence)
            #expect(after.uptimeSeconds >= before.uptimeSeconds)
            #expect(after.resources.first?.semaphore?.available == 1)
            #expect(after.resources.first?.semaphore?.holders.map(\.label) == ["order #1"])
            permit.release()

            events.emit(level: "warning", message: "pool exhausted")
            var event: AgentEvent?
            #expect(
                try eventually {
                    if case .event(let e) = try connection.readFrame(timeout: Self.conditionDeadline).frame {
                        event = e
                    }
                    return event != nil
                })
            #expect(event?.level == "warning")
            #expect(event?.message == "pool exhausted")
        }
    }

    @Test func theSocketIs0600InA0700DirectoryAndGoesOnStop() throws {
        try withRuntimeDirectory { temporary in
            // No XDG_RUNTIME_DIR: the fallback under TMPDIR.
            let agent = try BackpressureAgent.start(
                service: "modes", registry: InstrumentRegistry(),
                configuration: AgentConfiguration(environment: ["TMPDIR": temporary]))
            let directory = "\(temporary)/stallscope-\(getuid())"
            #expect(agent.socketPath == "\(directory)/modes.\(getpid()).sock")
            #expect(mode(directory) == 0o700)
            #expect(mode(agent.socketPath) == 0o600)
            #expect(AgentSocketDirectory.entries(environment: ["TMPDIR": temporary]).map(\.name) == ["modes"])
            agent.stop()
            #expect(!FileManager.default.fileExists(atPath: agent.socketPath))
            #expect(throws: AgentError.self) { try AgentConnection(path: agent.socketPath) }
        }
    }

    @Test func aDirectoryOthersCanReachIsClosedAndASymlinkRefused() throws {
        try withRuntimeDirectory { runtime in
            mkdir("\(runtime)/stallscope", 0o777)
            chmod("\(runtime)/stallscope", 0o777)
            let agent = try BackpressureAgent.start(
                service: "open", registry: InstrumentRegistry(),
                configuration: AgentConfiguration(environment: ["XDG_RUNTIME_DIR": runtime]))
            #expect(mode("\(runtime)/stallscope") == 0o700)
            agent.stop()

            // A symlink in place of the directory (someone else could point it anywhere).
            mkdir("\(runtime)/elsewhere", 0o700)
            let linkedRuntime = "\(runtime)/l"
            mkdir(linkedRuntime, 0o700)
            symlink("\(runtime)/elsewhere", "\(linkedRuntime)/stallscope")
            #expect(throws: AgentError.unsafeDirectory(path: "\(linkedRuntime)/stallscope", reason: "not a directory"))
            {
                try AgentSocketDirectory.prepare(environment: ["XDG_RUNTIME_DIR": linkedRuntime])
            }
        }
    }

    @Test func aClientThatNeverReadsNeitherBlocksThePublisherNorGrowsItsQueue() throws {
        try withRuntimeDirectory { runtime in
            // Forty semaphores make each snapshot several kilobytes, so the stuck client's socket
            // buffer fills within a few hundred snapshots.
            let semaphores = (0..<40).map { AsyncSemaphore(name: "pool-\($0)", permits: 8) }
            let registry = InstrumentRegistry()
            for semaphore in semaphores { registry.register(semaphore) }
            let queueFrames = 8
            let agent = try BackpressureAgent.start(
                service: "stuck", registry: registry,
                configuration: AgentConfiguration(
                    snapshotInterval: .milliseconds(2), clientQueueFrames: queueFrames,
                    environment: ["XDG_RUNTIME_DIR": runtime]))
            defer { agent.stop() }
            let stuck = try AgentConnection(path: agent.socketPath)
            let reader = try AgentConnection(path: agent.socketPath)
            var lastRead: UInt64 = 0
            let readAvailable = {
                while let read = try? reader.readFrame(timeout: .milliseconds(1)) {
                    if case .snapshot(let snapshot) = read.frame { lastRead = snapshot.sequence }
                }
            }
            #expect(eventually(meanwhile: readAvailable) { agent.statistics.clients.count == 2 })
            #expect(
                eventually(meanwhile: readAvailable) { (agent.statistics.clients.first?.droppedFrames ?? 0) > 0 })

            // The stuck client still reads nothing: the publisher keeps its pace regardless, the
            // stuck queue stays at its bound and the reader keeps getting fresh snapshots.
            let published = agent.statistics.snapshotsPublished
            let target = published + 100
            #expect(eventually(meanwhile: readAvailable) { agent.statistics.snapshotsPublished >= target })
            #expect(eventually(meanwhile: readAvailable) { lastRead >= target })
            let statistics = agent.statistics
            #expect(statistics.clients.count == 2)
            #expect(statistics.clients[0].queuedFrames == queueFrames)
            #expect(statistics.clients[0].droppedFrames >= 100)
            #expect(statistics.clients[1].droppedFrames == 0)

            // When the stuck client reads at last, a frame tells it how many it lost.
            var reportedDrops = 0
            #expect(
                try eventually {
                    reportedDrops += try nextSnapshot(stuck).dropped
                    return reportedDrops > 0
                })
        }
    }

    @Test func hostileBytesCloseThatClientOnlyAndAVanishedClientIsRemoved() throws {
        try withRuntimeDirectory { runtime in
            let registry = InstrumentRegistry()
            let db = AsyncSemaphore(name: "db", permits: 2)
            registry.register(db)
            let agent = try BackpressureAgent.start(
                service: "hostile", registry: registry,
                configuration: AgentConfiguration(
                    snapshotInterval: .milliseconds(5), environment: ["XDG_RUNTIME_DIR": runtime]))
            defer { agent.stop() }
            let good = try AgentConnection(path: agent.socketPath)
            try good.send(.subscribe(AgentSubscribe(version: AgentWireFormat.version)))
            _ = try nextSnapshot(good)

            var generator = SplitMix(seed: 19)
            let garbage = (0..<8_192).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let snapshotFrame = AgentWireFormat.frame(
                try AgentFrame.snapshot(AgentSnapshot(sequence: 1, uptimeSeconds: 0, dropped: 0, resources: []))
                    .payload())
            let subscribe = AgentWireFormat.frame(try AgentFrame.subscribe(AgentSubscribe(version: 1)).payload())
            let hostile: [(String, [UInt8])] = [
                ("random bytes", garbage),
                ("a 4 GB length", [0xFF, 0xFF, 0xFF, 0xFF]),
                ("a length just over the bound", [0, 0, 0x10, 0x01] + [UInt8](repeating: 0x20, count: 16)),
                ("an empty frame", [0, 0, 0, 0]),
                ("JSON that is not a frame", AgentWireFormat.frame(Array("[1,2,3]".utf8))),
                ("a frame only the agent sends", snapshotFrame),
                ("two subscribes", subscribe + subscribe),
            ]
            for (index, (name, bytes)) in hostile.enumerated() {
                let connection = try AgentConnection(path: agent.socketPath)
                try connection.sendRaw(bytes)
                #expect(connection.waitForClose(timeout: Self.conditionDeadline), "\(name) did not close the client")
                #expect(
                    eventually { agent.statistics.clientsClosedForProtocol == index + 1 }, "\(name) was not counted")
            }

            // One that vanishes without a word is removed.
            var gone: AgentConnection? = try AgentConnection(path: agent.socketPath)
            #expect(eventually { agent.statistics.clients.count == 2 })
            gone?.close()
            gone = nil
            #expect(eventually { agent.statistics.clients.count == 1 })

            // The good client was served all along.
            let permit = try db.tryAcquireOwned(label: "still here")
            #expect(try eventually { try nextSnapshot(good).resources.first?.semaphore?.held == 1 })
            permit.release()
            #expect(agent.statistics.clientsClosedForProtocol == hostile.count)
        }
    }

    @Test func clientsBeyondTheBoundAreClosedAtOnce() throws {
        try withRuntimeDirectory { runtime in
            let agent = try BackpressureAgent.start(
                service: "full", registry: InstrumentRegistry(),
                configuration: AgentConfiguration(maxClients: 1, environment: ["XDG_RUNTIME_DIR": runtime]))
            defer { agent.stop() }
            let first = try AgentConnection(path: agent.socketPath)
            _ = try first.readFrame(timeout: Self.conditionDeadline)
            let second = try AgentConnection(path: agent.socketPath)
            #expect(second.waitForClose(timeout: Self.conditionDeadline))
            #expect(eventually { agent.statistics.clientsRefused == 1 })
        }
    }
}

/// A seeded generator, so the garbage is the same bytes every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
