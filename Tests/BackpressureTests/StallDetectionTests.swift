import Backpressure
import Testing

/// The generic detectors on hand-made snapshots: each finding past its threshold and not
/// before, the channel's consumer told from two snapshots, chains and cycles across semaphores.
@Suite struct StallDetectionTests {
    static func semaphore(
        _ name: String, total: Int = 4, holders: [(String, Double)] = [], waiters: [(String?, Double)] = []
    ) -> ResourceSnapshot {
        let held = holders.count
        return .semaphore(
            SemaphoreSnapshot(
                name: name, total: total, available: waiters.isEmpty ? total - held : 0, held: held, isClosed: false,
                highWater: held, acquisitions: held, rejections: 0,
                waiters: waiters.map { .init(label: $0.0, requested: 1, collected: 0, waited: .seconds($0.1)) },
                holders: holders.enumerated().map {
                    .init(id: UInt64($0.offset), label: $0.element.0, permits: 1, age: .seconds($0.element.1))
                }))
    }

    static func channel(
        _ name: String = "jobs", length: Int, reserved: Int = 0, receives: Int, receiverWaiting: Bool = false,
        isClosed: Bool = false
    ) -> ResourceSnapshot {
        .channel(
            ChannelSnapshot(
                name: name, capacity: 4, length: length, reserved: reserved, highWater: 4, sends: receives + length,
                receives: receives, fullRejections: 0, waitingSenders: 2, receiverWaiting: receiverWaiting,
                isClosed: isClosed, sendersGone: false))
    }

    static func findings(_ snapshots: [ResourceSnapshot], at seconds: Double = 100) -> [StallFinding] {
        var detection = StallDetection()
        return detection.observe(snapshots, at: .seconds(seconds))
    }

    @Test func aLongWaiterIsReportedWithTheHoldersItWaitsBehind() {
        let handlers = Self.semaphore(
            "handlers", total: 2, holders: [("request #17", 12.3), ("request #18", 3)], waiters: [(nil, 12), (nil, 1)])
        let findings = Self.findings([handlers])
        #expect(findings.map(\.kind) == ["long-wait"])
        #expect(
            findings.first?.description
                == "waiter on handlers waited 12.0 s behind request #17 (held 12.3 s), request #18 (held 3.0 s)")
        #expect(findings.first?.blockers == ["request #17", "request #18"])
        // Under the threshold (5 s), a queue is ordinary.
        let short = Self.semaphore("handlers", total: 2, holders: [("request #17", 4.9)], waiters: [(nil, 4.9)])
        #expect(Self.findings([short]).isEmpty)
    }

    @Test func aPermitHeldPastTheThresholdIsReported() {
        // Past 60 s, not at 59 s: a stream holding its slot for its life is ordinary.
        let findings = Self.findings([Self.semaphore("slots", holders: [("stream 3", 60.5), ("stream 4", 59)])])
        #expect(
            findings == [
                .longHold(
                    resource: "slots", holders: [PermitHolding(label: "stream 3", permits: 1, age: .seconds(60.5))])
            ])
        #expect(findings.first?.description == "slots held long by stream 3 (held 60.5 s)")
    }

    @Test func aChannelFullPastTheThresholdSaysWhetherItsConsumerDrains() {
        var detection = StallDetection()
        // Full from 10 s; nothing reported until it has been full 5 s.
        #expect(detection.observe([Self.channel(length: 4, receives: 7)], at: .seconds(10)).isEmpty)
        #expect(detection.observe([Self.channel(length: 4, receives: 7)], at: .seconds(14)).isEmpty)
        let stuck = detection.observe([Self.channel(length: 4, receives: 7)], at: .seconds(15))
        #expect(
            stuck == [
                .channelFull(
                    channel: "jobs", fullFor: .seconds(5), length: 4, reserved: 0, capacity: 4, waitingSenders: 2,
                    consumer: .notDraining)
            ])
        #expect(
            stuck.first?.description
                == "channel jobs full 5.0 s (4/4, 2 senders waiting): consumer not draining (took nothing since it "
                + "filled: busy elsewhere or gone)")
        // It took three since it filled: busy and slow, not gone.
        let slow = detection.observe([Self.channel(length: 4, receives: 10)], at: .seconds(16))
        #expect(
            slow.first.map { if case .channelFull(_, _, _, _, _, _, .drainingSlowly(3)) = $0 { true } else { false } }
                == true)
        // Once it has a free slot the clock starts again.
        #expect(detection.observe([Self.channel(length: 3, receives: 11)], at: .seconds(17)).isEmpty)
        #expect(detection.observe([Self.channel(length: 4, receives: 11)], at: .seconds(18)).isEmpty)
        #expect(detection.observe([Self.channel(length: 4, receives: 11)], at: .seconds(22)).isEmpty)
        #expect(detection.observe([Self.channel(length: 4, receives: 11)], at: .seconds(23)).count == 1)
    }

    @Test func aParkedReceiverOnAFullChannelMeansEverySlotIsReserved() {
        var detection = StallDetection()
        let reserved = Self.channel(length: 0, reserved: 4, receives: 3, receiverWaiting: true)
        _ = detection.observe([reserved], at: .seconds(0))
        let findings = detection.observe([reserved], at: .seconds(6))
        #expect(
            findings.first.map {
                if case .channelFull(_, _, _, _, _, _, .parkedOnReservations) = $0 { true } else { false }
            } == true)
        #expect(findings.first?.description.contains("0 + 4 reserved/4") == true)
    }

    @Test func aClosedChannelOrANewClockIsNotAStall() {
        var detection = StallDetection()
        _ = detection.observe([Self.channel(length: 4, receives: 0, isClosed: true)], at: .seconds(0))
        #expect(detection.observe([Self.channel(length: 4, receives: 0, isClosed: true)], at: .seconds(9)).isEmpty)
        _ = detection.observe([Self.channel(length: 4, receives: 0)], at: .seconds(20))
        // An earlier instant is a restarted service: what was known is dropped.
        #expect(detection.observe([Self.channel(length: 4, receives: 0)], at: .seconds(2)).isEmpty)
        #expect(detection.observe([Self.channel(length: 4, receives: 0)], at: .seconds(7)).count == 1)
    }

    /// Three tasks: "drain" waits on read permits held by "read #17", which waits on the backend
    /// lock held by "fetch" (which waits on nothing): the root blocker is "fetch".
    @Test func aThreeTaskChainNamesItsRootBlocker() {
        let permits = Self.semaphore(
            "read permits", holders: [("read #16", 30), ("read #17", 20)], waiters: [("drain", 12)])
        let backend = Self.semaphore("backend lock", total: 1, holders: [("fetch", 25)], waiters: [("read #17", 19)])
        let findings = Self.findings([permits, backend])
        let chains = findings.filter { $0.kind == "wait-chain" }
        #expect(
            chains == [
                .waitChain([
                    WaitLink(
                        waiter: "drain", resource: "read permits", waited: .seconds(12),
                        holder: PermitHolding(label: "read #17", permits: 1, age: .seconds(20))),
                    WaitLink(
                        waiter: "read #17", resource: "backend lock", waited: .seconds(19),
                        holder: PermitHolding(label: "fetch", permits: 1, age: .seconds(25))),
                ])
            ])
        #expect(chains.first?.blockers == ["fetch"])
        #expect(
            chains.first?.description
                == "wait chain: drain waits 12.0 s on read permits held by read #17, read #17 waits 19.0 s on "
                + "backend lock held by fetch (held 25.0 s)")
        // The second link's wait under the threshold: no chain (a tear between two reads).
        let fresh = Self.semaphore("backend lock", total: 1, holders: [("fetch", 25)], waiters: [("read #17", 1)])
        #expect(!Self.findings([permits, fresh]).contains { $0.kind == "wait-chain" })
    }

    /// Two tasks each holding what the other waits on: one deadlock, told once from either side.
    @Test func aTwoTaskCycleIsADeadlockToldOnce() {
        let peers = Self.semaphore("peers lock", total: 1, holders: [("register #2", 8)], waiters: [("lookup #1", 7)])
        let active = Self.semaphore("active lock", total: 1, holders: [("lookup #1", 9)], waiters: [("register #2", 6)])
        let findings = Self.findings([peers, active])
        let deadlocks = findings.filter { $0.kind == "deadlock" }
        #expect(deadlocks.count == 1)
        #expect(
            deadlocks.first?.description
                == "deadlock: lookup #1 waits 7.0 s on peers lock held by register #2, register #2 waits 6.0 s on "
                + "active lock held by lookup #1")
        #expect(deadlocks.first?.blockers == ["lookup #1", "register #2"])
        #expect(!findings.contains { $0.kind == "wait-chain" })
        // Registered the other way round, the same cycle, from the same task.
        #expect(Self.findings([active, peers]).filter { $0.kind == "deadlock" } == deadlocks)
    }
}
