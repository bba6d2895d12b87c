/// A bound deadline with its clock's type erased, so that one task-local can hold a deadline on
/// any clock.
@usableFromInline
protocol DeadlineInstant: Sendable {
    /// Arms a timer that calls `expire` once the deadline has passed.
    func armTimer(expire: @escaping @Sendable () -> Void) -> DeadlineTimer
}
