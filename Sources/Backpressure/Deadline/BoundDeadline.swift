/// The deadlines that `withDeadline` has bound on the current task, innermost first: what a wait
/// of this module arms a timer for when it has to suspend.
///
/// The innermost deadline is stored inline; an enclosing one (a `withDeadline` inside another)
/// is kept in a box, which only nesting pays for. Deadlines on different clocks cannot be
/// compared, so a wait arms one timer per level and the first to fire ends it.
@usableFromInline
struct BoundDeadline: Sendable {
    let innermost: any DeadlineInstant
    let enclosing: EnclosingDeadline?

    /// The task-local slot `withDeadline` binds (spelled out rather than through `@TaskLocal`, so
    /// that the inlined `withDeadline` can reach it).
    @usableFromInline static let binding = TaskLocal<BoundDeadline?>(wrappedValue: nil)

    /// The deadlines bound on the current task, if any.
    @usableFromInline static var current: BoundDeadline? { binding.get() }

    @inlinable
    init<C: Clock>(clock: C, instant: C.Instant, enclosing: BoundDeadline?) {
        self.init(innermost: ClockDeadline(clock: clock, instant: instant), enclosing: enclosing)
    }

    @usableFromInline
    init(innermost: any DeadlineInstant, enclosing: BoundDeadline?) {
        self.innermost = innermost
        self.enclosing = enclosing.map(EnclosingDeadline.init)
    }

    /// See `DeadlineTimer.armForCurrentWait`.
    static func armForCurrentWait(expire: @escaping @Sendable () -> Void) -> DeadlineTimer? {
        guard let bound = current else { return nil }
        return bound.arm(expire: expire)
    }

    private func arm(expire: @escaping @Sendable () -> Void) -> DeadlineTimer {
        let timer = innermost.armTimer(expire: expire)
        guard let outer = enclosing?.deadline.arm(expire: expire) else { return timer }
        return DeadlineTimer {
            timer.disarm()
            outer.disarm()
        }
    }
}
