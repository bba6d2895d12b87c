/// A timer armed for a bound deadline while a wait is suspended; the wait disarms it when it
/// resumes, whichever way. Only the slow path makes one.
@usableFromInline
package struct DeadlineTimer: Sendable {
    private let disarmAction: @Sendable () -> Void

    package init(disarm: @escaping @Sendable () -> Void) {
        disarmAction = disarm
    }

    /// For a wait that has just queued: arms a timer for every deadline `withDeadline` has bound
    /// on the current task, each calling `expire`, which must undo the wait exactly as
    /// cancellation would (and tolerate running after the wait was served, or twice). Nil when no
    /// deadline is bound: the wait then costs one task-local lookup more than before.
    @usableFromInline
    package static func armForCurrentWait(expire: @escaping @Sendable () -> Void) -> DeadlineTimer? {
        BoundDeadline.armForCurrentWait(expire: expire)
    }

    /// Whether a `withDeadline` is bound on the current task (a wait that cannot arm a timer
    /// itself checks this before paying for one).
    package static var isBound: Bool { BoundDeadline.current != nil }

    /// Stops the timer if it has not fired; harmless after it fired.
    @usableFromInline
    package func disarm() { disarmAction() }
}
