import Backpressure
import Dashboard
import DashboardHost
import DashboardModel
import Engine
import Runtime
import Scenarios

/// The dashboard's per-frame work, without a terminal: what the app loop does between two
/// `wget_wch` waits, minus the curses calls.
public enum DashboardBenchmarks {
    static let virtualTimePerFrame: Duration = .milliseconds(100)

    /// Render a busy 200x60 screen into a fresh buffer and diff it against the previous frame,
    /// as `DashboardApp.draw` does; consecutive frames alternate between two models that differ
    /// in the moving parts (clock, ages, fills), so the diff finds real changes.
    @Sendable static func renderBusy200x60(ops: Int) async -> Duration {
        let models = [DashboardFixture.busy(frame: 0), DashboardFixture.busy(frame: 1)]
        var state = DashboardState()
        state.focus = .channels
        var previous = Buffer(width: 200, height: 60)
        var updates = 0
        let start = ContinuousClock.now
        for op in 0..<ops {
            var buffer = Buffer(width: 200, height: 60)
            DashboardScreen(model: models[op % 2], state: state, theme: .dark).render(buffer.area, into: &buffer)
            updates &+= buffer.diff(from: previous).count
            previous = buffer
        }
        let elapsed = start.duration(to: .now)
        precondition(updates > ops, "consecutive frames must differ")
        precondition(previous.text.contains("CHANNELS"), "the busy frame lost its panels")
        return elapsed
    }

    /// One whole frame of the `steady` scenario at 120x40, as the app builds it at 10 fps: the
    /// host's frame (every instrument's snapshot, the subsystems' panels and warnings), the view
    /// model (channel history), render and diff. Between frames (off the clock) the engine runs
    /// 100 ms of virtual time, as it does at 1x.
    @Sendable static func steadyFrame120x40(ops: Int) async -> Duration {
        steadyFrames(ops: ops, overrides: [])
    }

    /// The same frame with 20,000 listener peers (100x the default), each with its inbound
    /// channel on the channels panel: what the dashboard costs on a node of realistic size.
    @Sendable static func steadyFrame20000Peers120x40(ops: Int) async -> Duration {
        steadyFrames(ops: ops, overrides: peers20000)
    }

    public static let peers20000 = [ParameterOverride(key: "listener.peerCount", value: "20000")]

    /// `ops` steady frames at 120x40 with `overrides`, the time spent building them. Synchronous
    /// (the engine runs on the deterministic runtime) so `stallscope-profile` can run it under
    /// valgrind, which cannot run the async `stallscope-bench`.
    public static func steadyFrames(ops: Int, overrides: [ParameterOverride]) -> Duration {
        let workload = try! EngineWorkload(
            scenario: ScenarioCatalog.named("steady"), policy: .fixed, seed: 7, overrides: overrides)
        let runtime = workload.runtime
        // As the paced driver runs it: stopping at the session's instants (timeline, detector).
        func advance(_ duration: Duration) {
            runtime.run(until: runtime.now.advanced(by: duration), schedule: workload.session)
        }
        workload.start()
        advance(.seconds(5))
        var frames = SteadyFrames()
        var elapsed = Duration.zero
        for _ in 0..<ops {
            advance(virtualTimePerFrame)
            let start = ContinuousClock.now
            frames.frame(workload)
            elapsed += start.duration(to: .now)
        }
        precondition(
            frames.updates > 0 && frames.previous.text.contains("CHANNELS"), "the steady frame lost its panels")
        workload.finish()
        runtime.spawn("stop") { await workload.stop() }
        runtime.runUntilQuiescent(limit: .seconds(60))
        return elapsed
    }

    /// What one frame keeps for the next, as the app does.
    struct SteadyFrames {
        var builder = DashboardModelBuilder()
        var state = DashboardState()
        var previous = Buffer(width: 120, height: 40)
        var updates = 0

        /// One whole frame: the host's frame, the view model, render and diff. Never inlined, so
        /// a profile (`callgrind --toggle-collect`) can count it alone.
        @inline(never) mutating func frame(_ workload: EngineWorkload) {
            let runtime = workload.runtime
            let context = workload.context
            // As `RuntimeHost.frame` reads them.
            let (readings, groups) = context.instruments.readingsAndGroups()
            var frame = DashboardFrame(
                scenario: "steady", policy: "fixed", seed: 7, speed: 1, isPaused: false,
                virtualTime: runtime.now.sinceStart, resources: readings, groups: groups,
                events: context.events.recent(RuntimeHost.eventsPerFrame).map(EventLine.init),
                commands: workload.commands)
            workload.contribute(to: &frame)
            let model = builder.build(frame, state: state, themeName: "dark")
            state.ensureFocus(model)
            var buffer = Buffer(width: 120, height: 40)
            DashboardScreen(model: model, state: state, theme: .dark).render(buffer.area, into: &buffer)
            updates &+= buffer.diff(from: previous).count
            previous = buffer
        }
    }
}
