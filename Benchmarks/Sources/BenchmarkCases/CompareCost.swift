import Dashboard
import DashboardHost
import Engine
import Foundation
import Glibc
import Runtime
import Scenarios

/// What `dashboard --compare` costs beside the single dashboard: the real app loop
/// (`DashboardApp`) on a `TestBackend`, at 1x and 10 fps on `steady`, the driver threads
/// included. The process's CPU time (getrusage, user + system, every thread) is read around
/// `frames` drawn frames of each, one after the other in the same process.
public enum CompareCost {
    public static let framesPerSecond = 10
    /// Frames drawn before the measured ones: the first frames build every panel's history.
    public static let warmupFrames = 10
    /// The terminal both run in: wide enough for the compare screen's two sides side by side.
    public static let size = (width: 200, height: 50)

    public struct Sample: Sendable {
        public let label: String
        public let frames: Int
        public let cpu: Duration
        public let wall: Duration

        public var cpuPercent: Double { cpu / wall * 100 }
    }

    /// The single dashboard under `policy` (`stallscope dashboard --policy P`).
    public static func single(_ policy: String, frames: Int) -> Sample {
        let selection = try! PolicySelection.parse(policy)
        let scenario = try! ScenarioCatalog.named("steady")
        let host = RuntimeHost(
            settings: .init(
                scenario: scenario.name, policy: selection, seed: 7, speed: 1,
                frameInterval: .seconds(1) / framesPerSecond)
        ) { policy, _ in try! EngineWorkload(scenario: scenario, policy: policy, seed: 7, overrides: []) }
        return measure(host, label: "single \(policy)", frames: frames)
    }

    /// `stallscope dashboard --policy A --compare B`.
    public static func compare(_ a: String, _ b: String, frames: Int) -> Sample {
        let policies = [try! PolicySelection.parse(a), try! PolicySelection.parse(b)]
        let scenario = try! ScenarioCatalog.named("steady")
        let host = CompareHost(
            settings: .init(
                scenario: scenario.name, policies: policies, seed: 7, speed: 1,
                frameInterval: .seconds(1) / framesPerSecond)
        ) { _, policy, _ in try! EngineWorkload(scenario: scenario, policy: policy, seed: 7, overrides: []) }
        return measure(host, label: "compare \(a) vs \(b)", frames: frames)
    }

    private static func measure(_ host: any DashboardHost, label: String, frames: Int) -> Sample {
        let backend = TestBackend(width: size.width, height: size.height)
        let app = DashboardApp(
            host: host,
            options: DashboardOptions(
                framesPerSecond: framesPerSecond, theme: .dark, catalog: ThemeCatalog(directories: [])))
        let result = Measured()
        // The app loop runs on this thread, as on the terminal; another thread reads the clocks
        // around the measured draws and then quits it with `q`.
        let measuring = Thread {
            waitForDraws(warmupFrames, backend)
            let (cpu0, wall0) = (processCPU(), ContinuousClock.now)
            let first = backend.drawCount
            waitForDraws(first + frames, backend)
            let (cpu1, wall1) = (processCPU(), ContinuousClock.now)
            result.set(
                Sample(
                    label: label, frames: backend.drawCount - first, cpu: cpu1 - cpu0, wall: wall0.duration(to: wall1)))
            backend.send(.character("q"))
        }
        measuring.start()
        _ = app.run(on: backend)
        return result.get()
    }

    /// The measuring thread's sample, handed to the app's thread once the loop has ended.
    private final class Measured: @unchecked Sendable {
        // @unchecked: `sample` is guarded by `lock`.
        private let lock = NSLock()
        private var sample: Sample?

        func set(_ value: Sample) { lock.withLock { sample = value } }
        func get() -> Sample {
            guard let sample = lock.withLock({ sample }) else { preconditionFailure("the loop ended unmeasured") }
            return sample
        }
    }

    /// Polls the draw count every 20 ms (a benchmark, on the wall clock by design).
    private static func waitForDraws(_ count: Int, _ backend: TestBackend) {
        while backend.drawCount < count { usleep(20_000) }
    }

    /// User plus system time of every thread of the process so far.
    static func processCPU() -> Duration {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func duration(_ time: timeval) -> Duration { .seconds(time.tv_sec) + .microseconds(time.tv_usec) }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }
}
