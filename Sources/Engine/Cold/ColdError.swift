/// What a caller of the cold storage task can see fail.
public enum ColdError: Error, Sendable, Equatable, Codable {
    /// The backend call failed.
    case backend(String)
    case notFound
    /// The caller was cancelled, or the task cancelled the request.
    case cancelled
    /// A fire-and-forget write found the write channel full: the production crash of incident 1.
    case backpressure
    /// A log query matched more than `limit` logs.
    case tooManyLogs(limit: Int)
    /// A log stream reached `min(requested, maxStreamDeadline)`.
    case streamDeadlineExceeded
    /// A read exceeded the read deadline; its handler was dropped and its permit returned.
    case timeout
    /// An append did not extend the stored chain.
    case reorgDetected
    /// The task has shut down (or is shutting down) and will not answer.
    case taskTerminated

    public var kind: ColdErrorKind {
        switch self {
        case .backend: .backend
        case .notFound: .notFound
        case .cancelled: .cancelled
        case .backpressure: .backpressure
        case .tooManyLogs: .tooManyLogs
        case .streamDeadlineExceeded: .streamDeadlineExceeded
        case .timeout: .timeout
        case .reorgDetected: .reorgDetected
        case .taskTerminated: .taskTerminated
        }
    }

    /// Maps whatever a backend call or a wait threw to what the caller sees.
    init(_ error: any Error) {
        switch error {
        case let error as ColdError: self = error
        case is CancellationError: self = .cancelled
        default: self = .backend(String(describing: error))
        }
    }
}
