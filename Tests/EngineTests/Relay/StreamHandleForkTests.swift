import Backpressure
import Runtime
import Testing

@testable import Engine

/// The fork tests of the relay incident (see Sources/Engine/Relay/README.md), on every step of
/// the ladder: `fixed` passes them, `shared-cancel` fails the two cancellation tests, as the
/// incident's fork-is-a-clone did, and `own-sync-state` (bug 1's fix alone) fails the
/// incremental wakeup test, the one the PR added for bug 2.
@Suite struct StreamHandleForkTests {
    @Test func forkSurvivesCancellingTheOriginalOnlyWhenFixed() async throws {
        for policy in RelayPolicy.allCases {
            let payload = RelayTestPayload.bytes(RelayTestPayload.fragmentPayloadBytes)
            let fragments = RelayTestPayload.fragments(of: payload)
            let original = StreamHandle(buffer: RelayTestPayload.buffer(for: payload), policy: policy)
            try original.push(fragments[0])
            let fork = original.fork()
            original.cancel(because: "upstream connection dropped")

            #expect(original.isCancelled)
            #expect(throws: RelayStreamError.cancelled(reason: "upstream connection dropped")) {
                try original.push(fragments[0])
            }
            #expect(fork.isComplete)
            switch policy {
            case .fixed, .ownSyncState:
                #expect(!fork.isCancelled)
                #expect(try await fork.assemble() == payload)
            case .sharedCancel:
                // The clone shares the flag: the relay's fork dies with the upstream connection
                // although every byte is in the buffer.
                #expect(fork.isCancelled)
                await #expect(throws: RelayStreamError.cancelled(reason: "upstream connection dropped")) {
                    try await fork.assemble()
                }
            }
        }
    }

    @Test func forkReadsBufferedFragmentsAfterTheOriginalIsCancelledOnlyWhenFixed() async throws {
        for policy in RelayPolicy.allCases {
            let payload = RelayTestPayload.bytes(2 * RelayTestPayload.fragmentPayloadBytes)
            let original = StreamHandle(buffer: RelayTestPayload.buffer(for: payload), policy: policy)
            for fragment in RelayTestPayload.fragments(of: payload) { try original.push(fragment) }
            let fork = original.fork()
            original.cancel()

            var reader = fork.fragments().makeAsyncIterator()
            switch policy {
            case .fixed, .ownSyncState:
                #expect(try await reader.next()?.bytes.count == RelayTestPayload.fragmentPayloadBytes)
                #expect(try await reader.next()?.bytes.count == RelayTestPayload.fragmentPayloadBytes)
                #expect(try await reader.next() == nil)
            case .sharedCancel:
                await #expect(throws: RelayStreamError.self) { try await reader.next() }
            }
        }
    }

    @Test(arguments: RelayPolicy.allCases)
    func forkWakesWhenTheOriginalPushes(policy: RelayPolicy) throws {
        let runtime = DeterministicRuntime(seed: 3)
        let payload = RelayTestPayload.bytes(3 * RelayTestPayload.fragmentPayloadBytes)
        let fragments = RelayTestPayload.fragments(of: payload)
        let original = StreamHandle(buffer: RelayTestPayload.buffer(for: payload), policy: policy)
        try original.push(fragments[0])
        let fork = original.fork()
        let received = LockedState<[(index: Int, at: RuntimeInstant)]>([])
        let ended = LockedState(false)

        let readerTask = runtime.spawn("fork reader") {
            var reader = fork.fragments().makeAsyncIterator()
            while let fragment = try? await reader.next() {
                received.withLock { $0.append((fragment.index, runtime.now)) }
            }
            ended.withLock { $0 = true }
        }
        runtime.runUntilIdle()
        #expect(received.withLock { $0.map(\.index) } == [0])

        runtime.spawn("pusher on the original") {
            try? await runtime.sleep(for: .seconds(1))
            try? original.push(fragments[1])
        }
        runtime.run(for: .seconds(5))
        if policy == .ownSyncState {
            // Bug 2: the push fired the original's wakers; the fork's reader parked on its own.
            #expect(received.withLock { $0.map(\.index) } == [0], "the fork must not wake")
            readerTask.cancel()
            runtime.runUntilIdle()
            return
        }
        // Fragment 1 was pushed at 1 s through the ORIGINAL handle and read by the fork's reader
        // at the same instant, well within the test's 5 s.
        #expect(received.withLock { $0.map(\.index) } == [0, 1])
        #expect(received.withLock { $0.last?.at } == RuntimeInstant(sinceStart: .seconds(1)))

        try original.push(fragments[2])
        runtime.runUntilIdle()
        #expect(received.withLock { $0.map(\.index) } == [0, 1, 2])
        #expect(ended.withLock { $0 })
    }

    /// The lost wakeup itself: a push through a handle that does not share the reader's sync state
    /// (a connection that took over the stream) wakes a `fixed` reader through the buffer's event
    /// and never wakes a `shared-cancel` reader parked on its own wakers.
    @Test(arguments: RelayPolicy.allCases)
    func pushThroughAnotherHandleWakesTheReaderOnlyWhenFixed(policy: RelayPolicy) throws {
        let runtime = DeterministicRuntime(seed: 4)
        let payload = RelayTestPayload.bytes(2 * RelayTestPayload.fragmentPayloadBytes)
        let fragments = RelayTestPayload.fragments(of: payload)
        let buffer = RelayTestPayload.buffer(for: payload)
        let fork = StreamHandle(buffer: buffer, policy: policy).fork()
        let received = LockedState(0)
        let reader = runtime.spawn("fork reader") {
            var reader = fork.fragments().makeAsyncIterator()
            while (try? await reader.next()) != nil { received.withLock { $0 += 1 } }
        }
        runtime.runUntilIdle()
        let takeover = StreamHandle(buffer: buffer, policy: policy)
        try takeover.push(fragments[0])
        try takeover.push(fragments[1])
        runtime.run(for: .seconds(3_600))

        #expect(buffer.isComplete)
        #expect(received.withLock { $0 } == (policy == .fixed ? 2 : 0))
        #expect(fork.buffer.dataAvailable.parkedCount + fork.sync.wakers.parkedCount == (policy == .fixed ? 0 : 1))

        // Cancelling the parked reader's task unparks it: the wait is cancel-safe.
        reader.cancel()
        runtime.runUntilIdle()
        #expect(runtime.liveTasks == 0)
        #expect(fork.sync.wakers.parkedCount == 0)
    }

    @Test func forkingACancelledHandleStaysCancelled() {
        for policy in RelayPolicy.allCases {
            let original = StreamHandle(buffer: FragmentBuffer(totalBytes: 10, fragmentPayloadBytes: 4), policy: policy)
            original.cancel(because: "gone")
            #expect(original.fork().cancelReason == "gone")
        }
    }

    @Test func bufferKeepsOutOfOrderFragmentsBehindTheFrontier() {
        let payload = RelayTestPayload.bytes(3 * RelayTestPayload.fragmentPayloadBytes + 5)
        let fragments = RelayTestPayload.fragments(of: payload)
        let buffer = RelayTestPayload.buffer(for: payload)
        #expect(buffer.fragmentCount == 4)
        #expect(buffer.insert(fragments[2]))
        #expect(buffer.frontier == 0)
        #expect(buffer.fragment(at: 2) == nil)
        #expect(buffer.insert(fragments[0]))
        #expect(buffer.frontier == 1)
        #expect(!buffer.insert(fragments[0]))
        #expect(buffer.insert(fragments[1]))
        #expect(buffer.frontier == 3)
        #expect(buffer.contiguousBytes == 3 * RelayTestPayload.fragmentPayloadBytes)
        #expect(buffer.insert(fragments[3]))
        #expect(buffer.isComplete)
        #expect(buffer.contiguousBytes == payload.count)
        buffer.checkInvariants()
    }
}
