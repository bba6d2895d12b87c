/// What the single loop of the first two steps selects, in its bias order.
enum ColdLoopEvent: Sendable {
    case shutdown
    case write(ColdWriteMessage)
    case read(ColdReadMessage)

    /// tokio's `biased;` select: the token first, then writes, then reads.
    var bias: Int {
        switch self {
        case .shutdown: 0
        case .write: 1
        case .read: 2
        }
    }
}
