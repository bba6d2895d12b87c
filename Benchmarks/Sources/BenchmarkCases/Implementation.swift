/// Who performs a benchmark case: our primitives or one of the peers they are compared with.
public enum Implementation: String, CaseIterable, Sendable {
    /// stallscope's Backpressure module (`AsyncSemaphore`, `BoundedChannel`, `withDeadline`).
    case stallscope
    /// tokio 1.24, measured by `peers/tokio-bench` in its own process.
    case tokio
    /// The standard library's `AsyncStream` (yield / next).
    case asyncstream
    /// swift-async-algorithms' `AsyncChannel` (send / next, a rendezvous without a buffer).
    case asyncchannel
    /// The least the default executor allows for the case (`ExecutorFloorBenchmarks`): what any
    /// Swift primitive that parks tasks with continuations pays at best.
    case floor
}
