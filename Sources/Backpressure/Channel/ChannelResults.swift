/// The answer of `trySend`; the element comes back whenever it was not sent.
public enum TrySendResult<Element> {
    case sent
    case full(Element)
    case closed(Element)
}

extension TrySendResult: Sendable where Element: Sendable {}

extension TrySendResult {
    public var isSent: Bool {
        if case .sent = self { return true }
        return false
    }
}
extension TrySendResult: Equatable where Element: Equatable {}

/// The answer of `tryReceive`.
public enum TryReceiveResult<Element> {
    case element(Element)
    /// Nothing buffered right now; senders remain.
    case empty
    /// Nothing buffered and nothing more will come (closed, or every sender gone).
    case closed
}

extension TryReceiveResult: Sendable where Element: Sendable {}
extension TryReceiveResult: Equatable where Element: Equatable {}

/// Why a `send` did not deliver; either way the element comes back.
public enum ChannelSendError<Element: Sendable>: Error {
    case closed(Element)
    case cancelled(Element)

    public var element: Element {
        switch self {
        case .closed(let element), .cancelled(let element): element
        }
    }
}

/// Why a `tryReserve` took no slot.
public enum TryReserveError: Error, Equatable, Sendable {
    /// No free slot, or senders are queued ahead.
    case full
    /// The receiver closed the channel.
    case closed
}

/// Why a `reserve` took no slot.
public enum ReserveError: Error, Equatable, Sendable {
    /// The receiver closed the channel first.
    case closed
    /// The waiting task was cancelled first.
    case cancelled
}
