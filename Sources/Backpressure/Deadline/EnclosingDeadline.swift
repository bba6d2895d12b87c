/// A deadline that encloses another, boxed so that `BoundDeadline` can hold its chain.
@usableFromInline
final class EnclosingDeadline: Sendable {
    let deadline: BoundDeadline

    init(_ deadline: BoundDeadline) {
        self.deadline = deadline
    }
}
