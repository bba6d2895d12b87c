import Runtime
import Testing

@testable import Engine

/// The relay chain end to end in virtual time: the incident's 10 hops and 253 KB.
@Suite struct RelayChainTests {
    func makeRelay(
        _ policy: RelayPolicy, seed: UInt64 = 1, config: RelayConfig = .incident
    ) -> (DeterministicRuntime, RelaySubsystem) {
        let runtime = DeterministicRuntime(seed: seed)
        let relay = RelaySubsystem(context: EngineContext(runtime: runtime), policy: policy, config: config)
        return (runtime, relay)
    }

    func stop(_ relay: RelaySubsystem, on runtime: DeterministicRuntime) {
        relay.checkInvariants()
        runtime.spawn("stop") { await relay.stop() }
        runtime.runUntilIdle()
        #expect(runtime.liveTasks == 0, "stop() ends every relay task, stalled ones included")
    }

    /// `own-sync-state` cannot relay at all (`relay-lost-wakeup` shows it).
    @Test(arguments: [RelayPolicy.sharedCancel, .fixed])
    func deliversThePayloadOverTenHopsWithoutFaults(policy: RelayPolicy) throws {
        let (runtime, relay) = makeRelay(policy)
        relay.start()
        #expect(runtime.run(until: { relay.snapshot().totals.streamsDone == 1 }, limit: .seconds(60)))
        #expect(runtime.now < .start.advanced(by: .seconds(10)))
        let stream = try #require(relay.snapshot().streams.first)
        #expect(stream.state == .done)
        #expect(stream.hopsDone == 10 && stream.hopsTotal == 10)
        #expect(stream.bytesDeliveredPerHop == Array(repeating: 253_000, count: 10))
        #expect(stream.fragmentCount == 201)
        #expect(relay.snapshot().totals.bytesDelivered == 253_000)
        #expect(relay.snapshot().warnings.isEmpty)
        stop(relay, on: runtime)
    }

    @Test func upstreamDropAtHopThreeStallsSharedCancelForever() throws {
        let (runtime, relay) = makeRelay(.sharedCancel)
        relay.dropUpstream(hop: 3, afterFragments: 1)
        relay.start()
        runtime.run(for: .seconds(60))
        let first = relay.snapshot()
        let stream = try #require(first.streams.first)
        // The receiver's assembly had its 30 s inactivity timeout before the PR: the PUT fails
        // with "stream was cancelled", as the user saw, while hops 4-9 keep waiting.
        #expect(stream.state == .failed(reason: "hop 3: stream was cancelled (upstream drop)"))
        #expect(stream.hopsDone == 3)
        // Hops 1-3 hold every byte; downstream of hop 3 only its one forwarded fragment arrived.
        #expect(Array(stream.bytesDeliveredPerHop.prefix(3)) == [253_000, 253_000, 253_000])
        #expect(Array(stream.bytesDeliveredPerHop.dropFirst(3)) == Array(repeating: 1_263, count: 7))
        #expect(
            first.warnings.map(\.cause) == [
                "stream 1 stalled at hop 3 after 1 fragment: fork cancelled by upstream drop"
            ])
        #expect(first.warnings.first?.kind == .relayForkCancelled)
        #expect(first.totals.upstreamDrops == 1)
        #expect(first.metrics["streamsFailed"] == 1)
        #expect(first.metrics["bytesDelivered"] == 0)

        // No progress however long it runs: the pipes of hops 4-9 never time out.
        runtime.run(for: .seconds(6 * 3_600))
        let later = relay.snapshot()
        #expect(later.streams.first?.bytesDeliveredPerHop == stream.bytesDeliveredPerHop)
        #expect(later.warnings.map(\.kind) == [.relayForkCancelled])
        #expect(later.totals.streamsDone == 0 && later.totals.streamsFailed == 1)
        #expect(runtime.nextTimer == nil, "the hung pipes wait with no timer at all")
        #expect(runtime.liveTasks == 6, "hops 4-9 still wait")
        let messages = relay.context.events.events().map(\.message)
        #expect(messages.contains("dropped the upstream connection of hop 3: 1 stream handles cancelled"))
        #expect(
            messages.contains(
                "stream 1 hop 3 relay failed after forwarding 1/201 fragments (1 buffered): stream was cancelled (upstream drop)"
            ))

        // The operator's cancel ends the hung pipes; the stream keeps its failure.
        #expect(relay.cancelStream(1))
        #expect(!relay.cancelStream(1))
        runtime.runUntilIdle()
        #expect(runtime.liveTasks == 0)
        #expect(relay.snapshot().streams.first?.state == .failed(reason: "hop 3: stream was cancelled (upstream drop)"))
        #expect(relay.snapshot().warnings.isEmpty)
        stop(relay, on: runtime)
    }

    @Test func upstreamDropAtHopThreeDeliversEveryByteWhenFixed() {
        let (runtime, relay) = makeRelay(.fixed)
        relay.dropUpstream(hop: 3, afterFragments: 1)
        relay.start()
        #expect(runtime.run(until: { relay.snapshot().totals.streamsDone == 1 }, limit: .seconds(60)))
        let snapshot = relay.snapshot()
        #expect(snapshot.streams.first?.bytesDeliveredPerHop == Array(repeating: 253_000, count: 10))
        #expect(snapshot.totals.bytesDelivered == 253_000)
        #expect(snapshot.totals.upstreamDrops == 1)
        stop(relay, on: runtime)
    }

    @Test func stoppedSourceFailsFixedWithinTheInactivityTimeout() throws {
        let (runtime, relay) = makeRelay(.fixed)
        relay.stopSource(afterFragments: 57)
        relay.start()
        runtime.run(for: .seconds(20))
        let stalled = relay.snapshot()
        // Quiet, but every pipe and the receiver have a timer armed: a bounded wait, not a stall.
        #expect(stalled.streams.first?.state == .stalled)
        #expect(stalled.warnings.isEmpty)
        #expect(runtime.nextTimer != nil)

        // Hop 1's relay gives up first, 30 s after its last fragment; the others and the
        // receiver follow on their own timers, and no warning is raised on the way.
        #expect(
            runtime.run(
                until: { relay.snapshot().warnings.isEmpty == false || relay.snapshot().totals.streamsFailed == 1 },
                limit: .seconds(3_600)))
        #expect(relay.snapshot().warnings.isEmpty)
        #expect(runtime.run(until: { relay.snapshot().totals.streamsFailed == 1 }, limit: .seconds(3_600)))
        let failedAt = runtime.now
        let stream = try #require(relay.snapshot().streams.first)
        #expect(stream.bytesDeliveredPerHop == Array(repeating: 57 * 1_263, count: 10))
        guard case .failed(let reason) = stream.state else {
            Issue.record("expected a failed stream, got \(stream.state)")
            return
        }
        #expect(reason == "hop 1: no fragment for 30 s after 57/201 fragments")
        // The last fragment reached the receiver `sinceLastFragment` before the failure.
        #expect(stream.sinceLastFragment <= .seconds(30))
        #expect(stream.sinceLastFragment >= .seconds(29))
        #expect(failedAt < .start.advanced(by: .seconds(60)))
        #expect(runtime.runUntilQuiescent(limit: .seconds(60)), "every relay ended by itself: nothing hangs")
        #expect(runtime.liveTasks == 1, "only the stopped source's sender is left, parked at its gate")
        stop(relay, on: runtime)
    }

    @Test func stoppedSourceStallsSharedCancelWithNoTimeout() {
        let (runtime, relay) = makeRelay(.sharedCancel)
        relay.stopSource(afterFragments: 57)
        relay.start()
        runtime.run(for: .seconds(3_600))
        let snapshot = relay.snapshot()
        // The receiver gives up after 30 s (its assembly always had the timeout); the pipes do not.
        #expect(
            snapshot.streams.first?.state == .failed(reason: "receiver: no fragment for 30 s after 57/201 fragments"))
        #expect(snapshot.totals.streamsFailed == 1)
        #expect(snapshot.warnings.map(\.kind) == [.relaySourceStopped])
        #expect(
            snapshot.warnings.first?.cause.contains("hops 1-9 wait for the next fragment with no inactivity timeout")
                == true)
        #expect(runtime.nextTimer == nil)
        #expect(runtime.liveTasks == 10, "the parked sender and the nine hung pipes")
        stop(relay, on: runtime)
    }

    @Test(arguments: [RelayPolicy.sharedCancel, .fixed])
    func upstreamMigrationLosesTheWakeupOnlyUnderSharedCancel(policy: RelayPolicy) throws {
        let (runtime, relay) = makeRelay(policy)
        relay.migrateUpstream(hop: 3, afterFragments: 1)
        relay.start()
        runtime.run(for: .seconds(120))
        let snapshot = relay.snapshot()
        let stream = try #require(snapshot.streams.first)
        #expect(snapshot.totals.upstreamMigrations == 1)
        switch policy {
        case .fixed, .ownSyncState:
            #expect(stream.state == .done)
            #expect(snapshot.warnings.isEmpty)
        case .sharedCancel:
            #expect(stream.state == .failed(reason: "receiver: no fragment for 30 s after 1/201 fragments"))
            #expect(stream.bytesDeliveredPerHop[2] == 253_000)
            #expect(stream.bytesDeliveredPerHop[3] < 253_000)
            #expect(snapshot.warnings.first?.kind == .relayLostWakeup)
            #expect(snapshot.warnings.first?.cause.hasPrefix("stream 1 stalled at hop 3 after ") == true)
        }
        stop(relay, on: runtime)
    }

    @Test func slowedHopDelaysButDelivers() {
        let (runtime, relay) = makeRelay(.fixed)
        #expect(relay.slowHop(5, factor: 10))
        #expect(!relay.slowHop(11, factor: 2))
        relay.start()
        #expect(runtime.run(until: { relay.snapshot().totals.streamsDone == 1 }, limit: .seconds(600)))
        // 201 fragments at ten times hop 5's ~23 ms each; the unslowed chain takes under 10 s.
        #expect(runtime.now > .start.advanced(by: .seconds(40)))
        #expect(relay.snapshot().slowedHops == [5: 10])
        stop(relay, on: runtime)
    }

    @Test func aVerySlowHopIsNamedAsTheBlocker() throws {
        let (runtime, relay) = makeRelay(.fixed)
        relay.slowHop(5, factor: 1_000)
        relay.start()
        runtime.run(for: .seconds(20))
        let warning = try #require(relay.snapshot().warnings.first)
        #expect(warning.kind == .relaySlowHop)
        #expect(
            warning.cause.hasPrefix(
                "stream 1 stalled at hop 4 after 0 fragments: one fragment in transmit over hop 5 for "))
        stop(relay, on: runtime)
    }

    @Test func sameSeedSameRun() {
        func run() -> RelaySnapshot {
            let (runtime, relay) = makeRelay(.sharedCancel, seed: 9)
            relay.migrateUpstream(hop: 4, afterFragments: 3)
            relay.start()
            runtime.run(for: .seconds(30))
            return relay.snapshot()
        }
        #expect(run() == run())
    }

    @Test func keepsTheNewestFinishedStreamsAndEndsTheirTasks() throws {
        var config = RelayConfig.incident
        try config.set("hopCount", "4")
        try config.set("payloadBytes", "20000")
        try config.set("streamCount", "12")
        try config.set("streamIntervalMilliseconds", "500")
        let (runtime, relay) = makeRelay(.fixed, config: config)
        relay.start()
        #expect(runtime.run(until: { relay.snapshot().totals.streamsDone == 12 }, limit: .seconds(120)))
        let snapshot = relay.snapshot()
        #expect(snapshot.streams.map(\.id) == Array(5...12))
        #expect(
            snapshot.streams.allSatisfy {
                $0.state == .done && $0.bytesDeliveredPerHop == [20_000, 20_000, 20_000, 20_000]
            })
        #expect(snapshot.totals.streamsStarted == 12 && snapshot.totals.bytesDelivered == 12 * 20_000)
        runtime.runUntilIdle()
        #expect(runtime.liveTasks == 0)
        stop(relay, on: runtime)
    }

    @Test func faultsRejectHopsThatDoNotExist() {
        let (runtime, relay) = makeRelay(.fixed)
        #expect(!relay.dropUpstream(hop: 0))
        #expect(!relay.dropUpstream(hop: 11))
        #expect(!relay.dropUpstream(hop: 10, afterFragments: 1), "the receiver's hop has no relay to count")
        #expect(!relay.migrateUpstream(hop: 3, afterFragments: -1))
        #expect(relay.dropUpstream(hop: 10))
        #expect(relay.snapshot().totals.upstreamDrops == 1)
        stop(relay, on: runtime)
    }

    @Test func configRejectsUnknownKeysAndBadValues() throws {
        var config = RelayConfig.incident
        try config.set("hopCount", "4")
        #expect(config.hopCount == 4)
        #expect(throws: ParameterError.self) { try config.set("hops", "4") }
        #expect(throws: ParameterError(key: "relay.hopCount", value: "0", expected: "a whole number in 1...100")) {
            try config.set("hopCount", "0")
        }
        #expect((try? config.set("payloadBytes", "lots")) == nil)
        do {
            try config.set("nope", "1")
        } catch {
            #expect(error.description.contains("streamInactivityTimeoutSeconds"))
        }
        for key in RelayConfig.settableKeys where !["fragmentPayloadBytes", "streamIntervalMilliseconds"].contains(key)
        {
            try config.set(key, "7")
        }
        try config.set("fragmentPayloadBytes", "64")
        try config.set("streamIntervalMilliseconds", "20")
    }
}
