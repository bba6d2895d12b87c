import DashboardModel

/// The timeline strip's content: the run's extent on its branch, the current instant and the
/// marks (warnings first seen, faults injected, keys pressed).
public struct TimelineViewModel: Equatable, Sendable {
    /// The furthest instant the branch reached: the strip's right end.
    public var end: Duration
    /// The instant shown: behind `end` after going back.
    public var now: Duration
    /// In order of their instants.
    public var marks: [TimelineMark]

    public init(end: Duration, now: Duration, marks: [TimelineMark]) {
        self.end = Swift.max(end, now)
        self.now = now
        self.marks = marks
    }

    public init(timeline: RunTimeline, now: Duration) {
        self.init(end: timeline.end, now: now, marks: timeline.marks)
    }

    /// How far behind the branch's end the run stands (zero at the live edge).
    public var behind: Duration { end - now }
}
