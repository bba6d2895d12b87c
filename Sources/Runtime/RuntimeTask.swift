/// A task started by `Runtime.spawn`.
public struct RuntimeTask: Sendable {
    public let name: String
    let task: Task<Void, Never>

    public func cancel() { task.cancel() }
    public var isCancelled: Bool { task.isCancelled }

    /// Waits for the task to finish.
    public func join() async { await task.value }
}
