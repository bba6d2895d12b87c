/// The kinds of `ColdError`, for counting and for JSON metrics.
public enum ColdErrorKind: String, CaseIterable, Sendable, Codable {
    case backend
    case notFound
    case cancelled
    case backpressure
    case tooManyLogs
    case streamDeadlineExceeded
    case timeout
    case reorgDetected
    case taskTerminated
}
