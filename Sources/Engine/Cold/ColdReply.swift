import Backpressure

/// The one-shot answer channel a request carries back to its caller. Built on a one-slot
/// `BoundedChannel`: if the request is dropped unanswered (the task shut down, the handler was
/// cancelled) the sender goes away and the caller sees `taskTerminated` instead of waiting
/// forever, which is how every caller gets an answer.
struct ColdReply<Value: Sendable>: Sendable {
    private let sender: ChannelSender<Result<Value, ColdError>>

    static func make() -> (ColdReply, ChannelReceiver<Result<Value, ColdError>>) {
        let (sender, receiver) = BoundedChannel<Result<Value, ColdError>>.make(name: "cold.reply", capacity: 1)
        return (ColdReply(sender: sender), receiver)
    }

    /// Answers once; a caller that gave up (cancelled) simply never reads it.
    func send(_ result: Result<Value, ColdError>) {
        switch sender.trySend(result) {
        case .sent, .closed: break
        case .full: assertionFailure("a request was answered twice")
        }
    }

    /// What the caller waits for: the answer, `taskTerminated` if the request was dropped, or
    /// `cancelled` if the caller itself was cancelled while waiting.
    static func outcome(of receiver: ChannelReceiver<Result<Value, ColdError>>) async -> Result<Value, ColdError> {
        do {
            return try await receiver.receive() ?? .failure(.taskTerminated)
        } catch {
            return .failure(.cancelled)
        }
    }
}
