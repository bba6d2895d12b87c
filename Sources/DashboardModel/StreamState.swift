/// Where a stream is in its life, as the streams panel colors it.
public enum StreamState: String, Equatable, Sendable {
    case active
    case stalled
    case done
    case failed
}
