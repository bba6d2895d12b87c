import DashboardModel

/// The subsystem panels' models, as the running subsystems fill them: each descriptor's
/// `panels` function adds what its snapshot shows. A panel no running subsystem fills stays nil
/// (not drawn).
public struct EnginePanels: Sendable, Equatable {
    public var writer: WriterViewModel?
    public var streams: StreamsViewModel?
    public var trust: TrustViewModel?
    public var transport: TransportViewModel?

    public init() {}
}

/// How often a subsystem's panel figures must be read: every frame, or at most every
/// `interval` of virtual time (a snapshot that walks latency histograms or hundreds of peer
/// channels is read less often; the channels panel stays per frame).
public enum PanelRefresh: Sendable, Equatable, Hashable {
    case everyFrame
    case throttled
}
