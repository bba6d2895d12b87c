/// Where an in-flight request is, so a snapshot can say what a permit holder is waiting on.
public enum ColdRequestState: Sendable, Equatable, Codable {
    /// The caller waits for a read permit (permit-attached steps).
    case waitingForPermit
    /// In the read channel, not yet dispatched.
    case queued
    /// Dispatched, before its first backend call.
    case running
    /// Inside a backend call.
    case backend(ColdBackendCall)
    /// Stream setup waiting for one of the stream slots.
    case waitingForStreamSlot
    /// A stream producer sending logs.
    case streaming

    public var description: String {
        switch self {
        case .waitingForPermit: "waiting for a permit"
        case .queued: "queued"
        case .running: "running"
        case .backend(let call): "backend \(call.rawValue)"
        case .waitingForStreamSlot: "stream slot"
        case .streaming: "streaming"
        }
    }
}
