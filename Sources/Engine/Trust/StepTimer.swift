import Foundation

/// Times the steps of one real disk operation on the blocking thread. The wall clock is the
/// point here: these durations are what the outside world took, to be charged to virtual time
/// and recorded for replay.
struct StepTimer {
    private var last = ContinuousClock.now
    private(set) var laps: [Int64] = []

    /// Ends the current step.
    mutating func lap() {
        let now = ContinuousClock.now
        laps.append(last.duration(to: now).nanoseconds)
        last = now
    }
}
