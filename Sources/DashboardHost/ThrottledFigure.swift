import Backpressure
import Runtime

/// A panel's figures that cost too much to read every frame, kept between frames. While the run
/// moves they are read again once `interval` of virtual time has passed (at 1x, 10 fps: every
/// fifth frame); an operator command since the last read, or a paused run (a paused frame is only
/// built because something changed), reads them at once, so a fault key's effect still shows in
/// the next frame.
final class ThrottledFigure<Value: Sendable>: Sendable {
    private struct Reading {
        var value: Value
        var virtualTime: RuntimeInstant
        var commands: Int
    }

    let interval: Duration
    private let last = LockedState<Reading?>(nil)

    init(interval: Duration) {
        precondition(interval > .zero, "a throttle needs an interval")
        self.interval = interval
    }

    /// The figures for a frame at `now`, after `commands` operator commands; `read` takes them
    /// from the engine when the last reading is too old. Called from one thread (the UI's).
    func value(at now: RuntimeInstant, commands: Int, isPaused: Bool, read: () -> Value) -> Value {
        if let reading = last.withLock({ $0 }), !isPaused, reading.commands == commands,
            reading.virtualTime <= now, reading.virtualTime.duration(to: now) < interval
        {
            return reading.value
        }
        let value = read()
        last.withLock { $0 = Reading(value: value, virtualTime: now, commands: commands) }
        return value
    }
}
