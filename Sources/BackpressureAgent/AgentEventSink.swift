import Backpressure
import DequeModule

/// Where a service's log lines go to reach attached dashboards as event frames.
///
/// `emit` takes a lock for a moment and never waits: lines beyond ``pendingLinesBound`` not yet
/// taken by the agent are dropped and counted, so a burst of logging never grows the service.
/// Make one, hand it to ``BackpressureAgent/start(service:registry:events:configuration:)``, and
/// emit to it from anywhere (a log handler, for instance).
public final class AgentEventSink: Sendable {
    /// Lines held between two turns of the agent's loop, in lines.
    public static let pendingLinesBound = 1_024

    struct Line: Sendable {
        let at: ContinuousClock.Instant
        let level: String
        let message: String
    }

    private struct State {
        var lines: Deque<Line> = []
        var dropped = 0
        /// Called (outside the lock) after a line is queued: wakes the agent's loop.
        var wake: (@Sendable () -> Void)?
    }

    private let state = LockedState(State())

    public init() {}

    /// Queues one line for every attached client; never blocks.
    public func emit(level: String, message: String) {
        let line = Line(at: .now, level: level, message: message)
        let wake = state.withLock { state -> (@Sendable () -> Void)? in
            if state.lines.count == Self.pendingLinesBound {
                state.lines.removeFirst()
                state.dropped += 1
            }
            state.lines.append(line)
            return state.wake
        }
        wake?()
    }

    func attach(wake: @escaping @Sendable () -> Void) {
        state.withLock { $0.wake = wake }
    }

    func detach() {
        state.withLock { $0.wake = nil }
    }

    /// Every line queued since the last call, and how many were dropped meanwhile.
    func drain() -> (lines: [Line], dropped: Int) {
        state.withLock { state in
            let taken = (Array(state.lines), state.dropped)
            state.lines.removeAll(keepingCapacity: true)
            state.dropped = 0
            return taken
        }
    }
}
