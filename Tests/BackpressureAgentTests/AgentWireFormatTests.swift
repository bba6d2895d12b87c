import Backpressure
import Foundation
import Testing

@testable import BackpressureAgent

@Suite struct AgentWireFormatTests {
    static let resources = [
        AgentResource(
            InstrumentReading(
                owner: InstrumentOwner(component: "demo", item: "7"),
                snapshot: AsyncSemaphore(name: "db", permits: 3).resourceSnapshot())),
        AgentResource(
            InstrumentReading(
                owner: nil,
                snapshot: BoundedChannel<Int>.make(name: "jobs", capacity: 4).1.instrument.resourceSnapshot())
        ),
    ]

    static let frames: [AgentFrame] = [
        .hello(AgentHello(version: 1, service: "checkout", pid: 42, startTime: 1.5e9, intervalSeconds: 0.1)),
        .snapshot(AgentSnapshot(sequence: 7, uptimeSeconds: 2.25, dropped: 3, resources: resources)),
        .event(AgentEvent(uptimeSeconds: 1, level: "info", message: "hello \"world\"\n", dropped: 0)),
        .subscribe(AgentSubscribe(version: 1)),
    ]

    @Test func everyFrameRoundTripsThroughBytes() throws {
        var decoder = FrameDecoder(maxFrameBytes: AgentWireFormat.maxAgentFrameBytes)
        var stream: [UInt8] = []
        for frame in Self.frames { stream += AgentWireFormat.frame(try frame.payload()) }
        // Byte by byte: a frame split anywhere still decodes, once.
        var decoded: [AgentFrame] = []
        for byte in stream {
            decoder.append([byte])
            while let payload = try decoder.nextFrame() { decoded.append(try AgentFrame.decode(payload)) }
        }
        #expect(decoded == Self.frames)
        #expect(decoder.bufferedBytes == 0)
    }

    @Test func theLengthIsFourBytesBigEndian() throws {
        let bytes = AgentWireFormat.frame(Array("{\"type\":\"subscribe\",\"version\":1}".utf8))
        #expect(bytes.prefix(4) == [0, 0, 0, 32])
        #expect(try AgentFrame.decode(bytes.dropFirst(4)) == .subscribe(AgentSubscribe(version: 1)))
    }

    @Test func theJSONNamesItsTypeAndFields() throws {
        let json = String(decoding: try Self.frames[1].payload(), as: UTF8.self)
        // Keys sorted, absent fields left out (a semaphore has no `channel` key).
        #expect(
            json.hasPrefix(
                "{\"dropped\":3,\"resources\":[{\"kind\":\"semaphore\",\"name\":\"db\","
                    + "\"owner\":{\"component\":\"demo\",\"item\":\"7\"},\"semaphore\":{\"acquisitions\":0,\"available\":3,"
            ))
        #expect(json.contains("{\"channel\":{\"capacity\":4,"))
        #expect(json.hasSuffix("\"sequence\":7,\"type\":\"snapshot\",\"uptimeSeconds\":2.25}"))
    }

    @Test func aLengthAboveTheBoundIsRefusedBeforeItsBody() {
        var decoder = FrameDecoder(maxFrameBytes: AgentWireFormat.maxClientFrameBytes)
        decoder.append([0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: FrameError.oversize(length: .max, limit: AgentWireFormat.maxClientFrameBytes)) {
            try decoder.nextFrame()
        }
        var empty = FrameDecoder(maxFrameBytes: 16)
        empty.append([0, 0, 0, 0])
        #expect(throws: FrameError.empty) { try empty.nextFrame() }
    }

    @Test func garbageAndUnknownTypesAreMalformed() {
        #expect(throws: FrameError.self) { try AgentFrame.decode(Array("not json".utf8)) }
        #expect(throws: FrameError.self) { try AgentFrame.decode(Array("{\"type\":\"shell\"}".utf8)) }
        #expect(throws: FrameError.self) { try AgentFrame.decode(Array("{\"type\":\"hello\"}".utf8)) }
    }

    @Test func aClientSendsOneSubscribeAndNothingElse() throws {
        var client = AgentClient(fd: 3, hello: [], queueFrames: 1)
        try client.receive(AgentWireFormat.frame(try AgentFrame.subscribe(AgentSubscribe(version: 1)).payload()))
        #expect(client.hasSubscribed)
        #expect(throws: FrameError.self) {
            try client.receive(AgentWireFormat.frame(try AgentFrame.subscribe(AgentSubscribe(version: 1)).payload()))
        }
        var other = AgentClient(fd: 3, hello: [], queueFrames: 1)
        #expect(throws: FrameError.self) { try other.receive(AgentWireFormat.frame(try Self.frames[1].payload())) }
        var future = AgentClient(fd: 3, hello: [], queueFrames: 1)
        #expect(throws: FrameError.self) {
            try future.receive(AgentWireFormat.frame(try AgentFrame.subscribe(AgentSubscribe(version: 2)).payload()))
        }
    }

    @Test func aFullOutboxDropsTheOldestAndTheNextFrameSaysHowMany() {
        var outbox = ClientOutbox(capacityFrames: 3)
        for sequence in 1...10 {
            outbox.enqueue(
                .snapshot(AgentSnapshot(sequence: UInt64(sequence), uptimeSeconds: 0, dropped: 0, resources: [])),
                encoded: [UInt8(sequence)])
            #expect(outbox.count <= 3)
        }
        #expect(outbox.droppedTotal == 7)
        let taken = outbox.take()
        // The shared bytes say "dropped 0": this client's copy is encoded again.
        #expect(taken?.encoded == nil)
        guard case .snapshot(let first) = taken?.frame else {
            Issue.record("no frame")
            return
        }
        #expect(first.sequence == 8)
        #expect(first.dropped == 7)
        let next = outbox.take()
        #expect(next?.encoded == [9])
        guard case .snapshot(let second) = next?.frame else {
            Issue.record("no frame")
            return
        }
        #expect(second.sequence == 9)
        #expect(second.dropped == 0)
    }

    @Test func aResourceFromTheWireIsTheReadingItWasMadeFrom() throws {
        let db = AsyncSemaphore(name: "db", permits: 3)
        let permit = try db.tryAcquireOwned(2, label: "order #1")
        let (jobs, queue) = BoundedChannel<Int>.make(name: "jobs", capacity: 4)
        _ = jobs.trySend(1)
        let readings = [
            InstrumentReading(owner: InstrumentOwner(component: "store"), snapshot: db.resourceSnapshot()),
            InstrumentReading(owner: nil, snapshot: queue.instrument.resourceSnapshot()),
        ]
        let payload = try AgentFrame.snapshot(
            AgentSnapshot(sequence: 1, uptimeSeconds: 0, dropped: 0, resources: readings.map(AgentResource.init))
        ).payload()
        guard case .snapshot(let decoded) = try AgentFrame.decode(payload) else {
            Issue.record("not a snapshot")
            return
        }
        let back = decoded.resources.compactMap(\.reading)
        guard case .semaphore(let semaphore) = back.first?.snapshot,
            case .semaphore(let original) = readings[0].snapshot
        else {
            Issue.record("no semaphore")
            return
        }
        #expect(back.first?.owner == InstrumentOwner(component: "store"))
        #expect(semaphore.held == 2 && semaphore.available == 1 && semaphore.total == 3)
        #expect(semaphore.holders.map(\.label) == original.holders.map(\.label))
        #expect(back.last == readings.last)
        permit.release()
    }

    @Test func durationsFromTheWireNeverTrap() {
        #expect(wireDuration(.infinity) == .zero)
        #expect(wireDuration(.nan) == .zero)
        #expect(wireDuration(-1) == .zero)
        #expect(wireDuration(1e300) == .seconds(1_000_000_000))
        #expect(wireDuration(0.25) == .milliseconds(250))
    }

    @Test func socketNamesAndDirectories() {
        #expect(AgentSocketDirectory.socketName(service: "check out/../x", pid: 12) == "check_out____x.12.sock")
        #expect(AgentSocketDirectory.socketName(service: "", pid: 1) == "service.1.sock")
        #expect(AgentSocketDirectory.path(environment: ["XDG_RUNTIME_DIR": "/run/user/5/"]) == "/run/user/5/stallscope")
        #expect(AgentSocketDirectory.path(environment: ["TMPDIR": "/var/tmp"]) == "/var/tmp/stallscope-\(getuid())")
        #expect(
            AgentSocketDirectory.path(environment: ["XDG_RUNTIME_DIR": "relative"]) == "/tmp/stallscope-\(getuid())")
    }
}
