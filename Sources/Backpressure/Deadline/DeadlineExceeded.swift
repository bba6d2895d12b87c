/// The operation did not finish before its deadline: `withDeadline` interrupted one of its waits,
/// or `withCancellingDeadline` cancelled it.
public struct DeadlineExceeded: Error, Equatable, Sendable {
    public init() {}
}
