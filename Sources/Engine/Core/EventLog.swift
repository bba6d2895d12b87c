import Backpressure
import Runtime

/// The engine's event log: a bounded ring of the most recent events, newest last.
///
/// Bounded so a long run or a spinning fault cannot grow memory without limit; the sequence
/// number tells a reader how many events were dropped from the front. Repetitive sources
/// (a listener dropping packets) rate-limit themselves before logging.
public final class EventLog: Sendable {
    /// How many events the ring keeps.
    public static let capacityEvents = 2_000

    private struct State {
        var events: [EngineEvent] = []
        var start = 0  // ring position of the oldest event once full
        var recorded = 0
    }

    private let clock: RuntimeClock
    private let state = LockedState(State())

    public init(clock: RuntimeClock) {
        self.clock = clock
    }

    public func record(_ level: EngineEvent.Level, _ subsystem: SubsystemID?, _ message: String) {
        let at = clock.now
        state.withLock { state in
            let event = EngineEvent(
                sequence: state.recorded, at: at, level: level, subsystem: subsystem, message: message)
            state.recorded += 1
            if state.events.count < Self.capacityEvents {
                state.events.append(event)
            } else {
                state.events[state.start] = event
                state.start = (state.start + 1) % Self.capacityEvents
            }
        }
    }

    public func info(_ subsystem: SubsystemID?, _ message: String) { record(.info, subsystem, message) }
    public func warn(_ subsystem: SubsystemID?, _ message: String) { record(.warn, subsystem, message) }
    public func error(_ subsystem: SubsystemID?, _ message: String) { record(.error, subsystem, message) }

    /// Every event still in the ring, oldest first.
    public func events() -> [EngineEvent] {
        state.withLock { state in
            Array(state.events[state.start...] + state.events[..<state.start])
        }
    }

    /// The newest `limit` events, newest first.
    public func recent(_ limit: Int) -> [EngineEvent] {
        // Read straight from the ring: the dashboard asks every frame, and copying the whole
        // ring first costs a retain per event.
        state.withLock { state in
            let count = min(limit, state.events.count)
            var newest: [EngineEvent] = []
            newest.reserveCapacity(count)
            var index = state.start  // the newest event sits just before the oldest
            for _ in 0..<count {
                index = (index == 0 ? state.events.count : index) - 1
                newest.append(state.events[index])
            }
            return newest
        }
    }

    /// Events ever recorded, including those trimmed from the ring.
    public var recordedCount: Int { state.withLock { $0.recorded } }
}
