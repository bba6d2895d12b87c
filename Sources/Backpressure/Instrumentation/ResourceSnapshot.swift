/// A point-in-time reading of one instrumented primitive, as the dashboard and the stall
/// detectors see it.
public enum ResourceSnapshot: Sendable, Equatable {
    case semaphore(SemaphoreSnapshot)
    case channel(ChannelSnapshot)
    case dirtySignal(DirtySignalSnapshot)
    case gate(GateSnapshot)

    public var name: String {
        switch self {
        case .semaphore(let s): s.name
        case .channel(let c): c.name
        case .dirtySignal(let d): d.name
        case .gate(let g): g.name
        }
    }
}
