/// The run as far as it exists, for the timeline strip: how far it has gone on its current branch
/// (after going back, the current instant is behind that), and what happened where.
public struct RunTimeline: Equatable, Sendable {
    /// The furthest instant the run has reached on this branch, since its start: `]` goes no
    /// further.
    public var end: Duration
    /// In order of their instants, up to `end`.
    public var marks: [TimelineMark]

    public init(end: Duration, marks: [TimelineMark]) {
        precondition(marks.allSatisfy { $0.at <= end }, "marks are within the run")
        self.end = end
        self.marks = marks.sorted { $0.at < $1.at }
    }
}
