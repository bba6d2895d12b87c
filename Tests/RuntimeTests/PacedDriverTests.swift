import Dispatch
import Runtime
import Testing

/// The dashboard's mode: virtual time paced to the wall clock. These wait on conditions with a
/// generous wall-clock guard, never on fixed sleeps.
@Suite struct PacedDriverTests {
    /// Waits until `condition` holds, checking every few milliseconds; false after `guardSeconds`.
    func eventually(guardSeconds: Double = 20, _ condition: () -> Bool) -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(guardSeconds * 1e9)
        while !condition() {
            if DispatchTime.now().uptimeNanoseconds > deadline { return false }
            usleepForPolling()
        }
        return true
    }

    /// Runs `action` on the driver thread and waits for it: a synchronisation point with the
    /// driver's loop.
    func sync(_ driver: PacedDriver, _ action: @escaping @Sendable (DeterministicRuntime) -> Void = { _ in }) {
        let done = DispatchSemaphore(value: 0)
        driver.perform { runtime in
            action(runtime)
            done.signal()
        }
        done.wait()
    }

    @Test func advancesVirtualTimeAtSpeedAndStopsWhilePaused() {
        let runtime = DeterministicRuntime(seed: 1)
        let ticks = LockedState(0)
        runtime.spawn("ticker") {
            while (try? await runtime.sleep(for: .milliseconds(100))) != nil { ticks.withLock { $0 += 1 } }
        }
        let driver = PacedDriver(runtime: runtime, speed: 200)
        driver.start()
        defer { driver.stop() }
        #expect(eventually { ticks.withLock { $0 } >= 20 })

        driver.setPaused(true)
        sync(driver)
        let pausedAt = runtime.now
        sync(driver)
        sync(driver)
        #expect(runtime.now == pausedAt)

        driver.step()
        #expect(eventually { runtime.now > pausedAt })
        sync(driver)
        #expect(runtime.now == pausedAt.advanced(by: pausedAt.duration(to: runtime.now)))
        #expect(
            runtime.now.sinceStart.components.attoseconds % 100_000_000_000_000_000 == 0,
            "a step lands exactly on the next timer")

        driver.setPaused(false)
        let resumedFrom = runtime.now
        #expect(eventually { runtime.now > resumedFrom.advanced(by: .seconds(1)) })
    }

    /// A pause asked for while the driver catches up (a busy slice at high speed) takes effect
    /// between two of its checks; `isHalted` says when, and from then on time stands, so a
    /// header that shows "paused" from it never sees the clock move.
    @Test func haltedMeansVirtualTimeStands() {
        let runtime = DeterministicRuntime(seed: 2)
        runtime.spawn("busy ticker") {
            while (try? await runtime.sleep(for: .microseconds(50))) != nil {}
        }
        let driver = PacedDriver(runtime: runtime, speed: 256, wallSlice: .milliseconds(100))
        driver.start()
        defer { driver.stop() }
        #expect(eventually { runtime.now.sinceStart > .milliseconds(50) })
        driver.setPaused(true)
        #expect(driver.isPaused)
        #expect(eventually { driver.isHalted })
        let haltedAt = runtime.now
        sync(driver)
        sync(driver)
        #expect(runtime.now == haltedAt)
        driver.setPaused(false)
        #expect(eventually { !driver.isHalted && runtime.now > haltedAt })
    }

    @Test func aStepMovesTheMillisecondClockEvenWhenTimersAreMicrosecondsApart() {
        let runtime = DeterministicRuntime(seed: 1)
        let ticks = LockedState(0)
        runtime.spawn("fast ticker") {
            while (try? await runtime.sleep(for: .microseconds(100))) != nil { ticks.withLock { $0 += 1 } }
        }
        let driver = PacedDriver(runtime: runtime, speed: 1)
        driver.setPaused(true)
        driver.start()
        defer { driver.stop() }
        sync(driver)
        let pausedAt = runtime.now
        driver.step()
        #expect(eventually { runtime.now > pausedAt })
        sync(driver)
        // One press, one step: at least a millisecond (every 100 us timer on the way fired), and
        // not a timer further, since the millisecond mark is itself a ticker instant.
        #expect(pausedAt.duration(to: runtime.now) == PacedDriver.minimumStep)
        #expect(runtime.now.clock(fractionDigits: 3) != pausedAt.clock(fractionDigits: 3))
        #expect(ticks.withLock { $0 } >= 10)
    }

    @Test func actionsRunAtTheCurrentInstantOnTheDriverThread() {
        let runtime = DeterministicRuntime(seed: 1)
        let driver = PacedDriver(runtime: runtime, speed: 1)
        driver.setPaused(true)
        driver.start()
        defer { driver.stop() }
        let seen = LockedState<RuntimeInstant?>(nil)
        sync(driver) { runtime in seen.withLock { $0 = runtime.now } }
        #expect(seen.withLock { $0 } == .start)
    }
}

#if canImport(Glibc)
    import Glibc
    import Backpressure
#endif

/// Polling interval for `eventually`: it waits for a condition, not for time to pass.
private func usleepForPolling() { usleep(2_000) }
