import Backpressure
import CoreMetrics
import MetricsTestKit
import Runtime
import Testing

/// Each metric, read back through swift-metrics' test backend. The backend is bound task-locally
/// (`withMetricsFactory`) while a primitive is made, which is how a primitive finds the
/// application's backend; nothing here bootstraps the global one.
@Suite struct MetricsTests {
    static let name = [("name", "jobs")]

    @Test func semaphoreReportsPermitsInUseWaitersAcquisitionsAndItsWaits() throws {
        let metrics = TestMetrics()
        let semaphore = withMetricsFactory(metrics) {
            AsyncSemaphore(name: "jobs", permits: 2, timeSource: .monotonic)
        }
        let inUse = { try metrics.expectMeter("backpressure_semaphore_permits_in_use", Self.name).lastValue }
        let waiters = { try metrics.expectMeter("backpressure_semaphore_waiters", Self.name).lastValue }
        let acquisitions = { metrics.counterTotal(label: "backpressure_semaphore_acquisitions_total") }

        var held = try semaphore.tryAcquireOwned(2)
        #expect(try inUse() == 2)
        #expect(acquisitions() == 1)

        // A waiter on the deterministic runtime: queued, then granted when the holder releases.
        let runtime = DeterministicRuntime(seed: 1)
        let waited = LockedState(false)
        let waitingSemaphore = withMetricsFactory(metrics) {
            AsyncSemaphore(name: "queue", permits: 1, timeSource: runtime.timeSource)
        }
        let first = try waitingSemaphore.tryAcquireOwned()
        runtime.spawn("waiter") {
            let permit = try? await waitingSemaphore.acquire()
            waited.withLock { $0 = permit != nil }
        }
        runtime.spawn("releaser") {
            try? await runtime.sleep(for: .milliseconds(250))
            first.release()
        }
        runtime.run(until: { waited.withLock { $0 } }, limit: .seconds(10))
        #expect(waited.withLock { $0 })
        let queue = [("name", "queue")]
        #expect(try metrics.expectMeter("backpressure_semaphore_waiters", queue).values.max() == 1)
        #expect(try metrics.expectMeter("backpressure_semaphore_waiters", queue).lastValue == 0)
        #expect(try metrics.expectTimer("backpressure_semaphore_wait_duration_seconds", queue).values == [250_000_000])

        held.release()
        held = try semaphore.tryAcquireOwned(1)
        #expect(try inUse() == 1)
        #expect(try waiters() == 0)
        #expect(acquisitions() == 2 + 2)
        held.release()
        #expect(try inUse() == 0)
    }

    @Test func semaphoreCountsTryAcquireRejectionsAndClosesOnce() throws {
        let metrics = TestMetrics()
        let semaphore = withMetricsFactory(metrics) { AsyncSemaphore(name: "jobs", permits: 1) }
        let permit = try semaphore.tryAcquire()
        #expect(throws: TryAcquireError.noPermits) { _ = try semaphore.tryAcquire() }
        #expect(throws: TryAcquireError.noPermits) { _ = try semaphore.tryAcquire() }
        #expect(
            try metrics.expectCounter("backpressure_semaphore_try_acquire_rejections_total", Self.name).totalValue == 2)
        semaphore.close()
        semaphore.close()
        #expect(try metrics.expectCounter("backpressure_semaphore_closes_total", Self.name).totalValue == 1)
        _ = consume permit
    }

    @Test func channelReportsItsLengthFullTrySendsAndClose() throws {
        let metrics = TestMetrics()
        let (sender, receiver) = withMetricsFactory(metrics) { BoundedChannel<Int>.make(name: "jobs", capacity: 2) }
        let length = { try metrics.expectMeter("backpressure_channel_length", Self.name).lastValue }
        #expect(sender.trySend(1).isSent)
        #expect(try length() == 1)
        #expect(sender.trySend(2).isSent)
        #expect(!sender.trySend(3).isSent)
        #expect(!sender.trySend(4).isSent)
        #expect(try length() == 2)
        #expect(try metrics.expectCounter("backpressure_channel_try_send_full_total", Self.name).totalValue == 2)
        #expect(receiver.tryReceive() == .element(1))
        #expect(try length() == 1)
        receiver.close()
        receiver.close()
        #expect(try metrics.expectCounter("backpressure_channel_closes_total", Self.name).totalValue == 1)
    }

    @Test func channelTimesASenderThatWaitedForASlot() throws {
        let metrics = TestMetrics()
        let (sender, receiver) = withMetricsFactory(metrics) { BoundedChannel<Int>.make(name: "jobs", capacity: 1) }
        simulate { runtime in
            #expect(sender.trySend(1).isSent)
            let blocked = runtime.spawn("blocked sender") { try? await sender.send(2) }
            try await runtime.sleep(for: .milliseconds(1))
            #expect(
                try metrics.expectTimer("backpressure_channel_send_wait_duration_seconds", Self.name).values.isEmpty)
            #expect(try await receiver.receive() == 1)
            await blocked.join()
        }
        // The channel times with the system clock (it has no time source), so only the count is
        // exact here.
        #expect(try metrics.expectTimer("backpressure_channel_send_wait_duration_seconds", Self.name).values.count == 1)
    }

    @Test func aDeadlineCountsItsExpiriesUnderItsName() throws {
        let metrics = TestMetrics()
        let never = AsyncSemaphore(name: "never", permits: 0)
        simulate { runtime in
            await withMetricsFactory(metrics) {
                let expired = try? await withDeadline(.seconds(1), clock: runtime.clock, name: "read") {
                    try await never.acquireOwned()
                }
                #expect(expired == nil)
                // A ready operation is no expiry.
                _ = try? await withDeadline(.seconds(1), clock: runtime.clock, name: "read") { 7 }
            }
        }
        #expect(try metrics.expectCounter("backpressure_deadline_expiries_total", [("name", "read")]).totalValue == 1)
    }

    @Test func withoutABackendAPrimitiveMakesNoMetrics() {
        let metrics = TestMetrics()
        let semaphore = AsyncSemaphore(name: "jobs", permits: 1)
        withMetricsFactory(metrics) { _ = try? semaphore.tryAcquire() }
        #expect(metrics.counters.isEmpty && metrics.meters.isEmpty)
    }

    @Test func aPrimitiveIsNamedAfterWhereItIsMadeByDefault() {
        let semaphore = AsyncSemaphore(permits: 1)
        let (sender, _) = BoundedChannel<Int>.make(capacity: 1)
        #expect(semaphore.name == "BackpressureTests/MetricsTests.swift:\(#line - 2)")
        #expect(sender.instrument.name == "BackpressureTests/MetricsTests.swift:\(#line - 2)")
    }
}
