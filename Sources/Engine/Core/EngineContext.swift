import Backpressure
import Runtime

/// What every subsystem is built with: the runtime it runs on, the log it writes to, and the
/// registry its instrumented primitives join so the dashboard's channel and permit panels see
/// them without knowing the subsystem.
public struct EngineContext: Sendable {
    public let runtime: any Runtime
    public let events: EventLog
    public let instruments: InstrumentRegistry
    /// Where values from outside the runtime (real disk outcomes) come from: measured, and
    /// recorded when the run is; or handed back by a replay.
    public let outsideInputs: OutsideInputs

    public init(
        runtime: any Runtime, events: EventLog? = nil, instruments: InstrumentRegistry = InstrumentRegistry(),
        outsideInputs: OutsideInputs = .measured()
    ) {
        self.runtime = runtime
        self.events = events ?? EventLog(clock: runtime.clock)
        self.instruments = instruments
        self.outsideInputs = outsideInputs
    }

    /// Stamps for primitives, on the runtime's clock.
    public var timeSource: TimeSource { runtime.timeSource }
}
