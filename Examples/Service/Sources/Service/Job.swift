/// One request's work, handed to the pool through the "jobs" channel. The handler waits on
/// `reply` for the result; a handler that gave up (its deadline) has dropped the stream, and the
/// worker's answer goes nowhere.
struct Job: Sendable {
    let request: Int
    let reply: AsyncStream<String>.Continuation
}
