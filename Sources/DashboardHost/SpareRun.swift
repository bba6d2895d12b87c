import Dispatch
import Foundation
import Runtime
import Scenarios

/// A second run of the current branch, re-executed from its record in the background and kept
/// paused halfway along it, so that going back re-executes at most half the branch: from the
/// spare when the target lies past it, from the seed when it lies before. Nothing is
/// snapshotted; the spare is the same re-execution going back always does, done ahead of time.
///
/// The spare follows the branch as it grows: it is built from a copy of the record, and catches
/// up with the record as it is later (`DashboardWorkload.catchUp(with:)`) before it runs on. It
/// never runs past half of the copy it has, so every key and disk answer it needs is in it.
///
/// One worker thread (a serial queue) builds and advances the spare, in chunks of virtual time;
/// `take` waits for the current chunk to end (a few milliseconds of work) and takes the spare,
/// which then belongs to the caller's thread.
final class SpareRun: Sendable {
    /// Shorter branches re-execute from the seed quickly enough: no spare for them.
    static let shortestBranch: Duration = .seconds(20)
    /// How far the spare may fall behind the middle of its branch before it runs on: keeps the
    /// worker from waking every frame for a few milliseconds of virtual time.
    static let slack: Duration = .seconds(5)
    /// The virtual time the worker runs between two looks at whether going back wants the spare:
    /// about 15 ms of work under `steady`.
    static let chunk: Duration = .seconds(10)

    /// The spare at rest, with the branch it re-executes.
    struct Spare: Sendable {
        /// Which branch (a restart or a new branch starts another).
        let lineage: Int
        let workload: any DashboardWorkload
        /// Where its runtime stands.
        let at: Duration
    }

    private struct State {
        /// The spare, when no thread runs it.
        var spare: Spare?
        /// The worker holds the spare now.
        var working = false
        /// Going back waits for the worker to hand the spare back.
        var wanted = false
        var closed = false
    }

    /// Builds a started workload that re-executes a record from its seed.
    typealias Prepare = @Sendable (RecordFile) -> any DashboardWorkload
    /// Ends and unwinds a workload nobody will run again.
    typealias Discard = @Sendable (any DashboardWorkload) -> Void
    /// Runs a workload headless to an instant.
    typealias Advance = @Sendable (any DashboardWorkload, Duration) -> Void

    private let advance: Advance
    private let discard: Discard
    private let queue = DispatchQueue(label: "stallscope.spare", qos: .utility)
    private let monitor = NSCondition()
    /// Guarded by `monitor`.
    private nonisolated(unsafe) var state = State()

    init(advance: @escaping Advance, discard: @escaping Discard) {
        self.advance = advance
        self.discard = discard
    }

    /// Where the spare should stand for a branch that reaches `end`: its middle, to the
    /// millisecond. Nil for a branch too short to need one.
    static func target(end: Duration) -> Duration? {
        guard end >= shortestBranch else { return nil }
        return .milliseconds((end / 2) / .milliseconds(1))
    }

    /// Moves the spare to the middle of branch `lineage`, which now reaches `end`, in the
    /// background, unless it is there already (within `slack`). `record` is read only when the
    /// worker has something to do; it must hold the branch up to `end` at least.
    func refresh(
        lineage: Int, end: Duration, record: () -> RecordFile, prepare: @escaping Prepare
    ) {
        guard let target = Self.target(end: end) else { return }
        // The worker takes the spare (if any) with the job: nobody else runs it meanwhile.
        var old: Spare?
        let claimed = withState { state -> Bool in
            guard !state.working, !state.closed else { return false }
            if let spare = state.spare, spare.lineage == lineage, spare.at + Self.slack >= target { return false }
            state.working = true
            old = state.spare
            state.spare = nil
            return true
        }
        guard claimed else { return }
        let record = record()
        queue.async { [self, old] in
            work(old, lineage: lineage, record: record, target: target, prepare: prepare)
        }
    }

    private func work(_ old: Spare?, lineage: Int, record: RecordFile, target: Duration, prepare: Prepare) {
        var workload: any DashboardWorkload
        if let old, old.lineage == lineage, old.at <= target {
            workload = old.workload
            workload.catchUp(with: record)
        } else {
            if let old { discard(old.workload) }
            workload = prepare(record)
        }
        var at = workload.runtime.now.sinceStart
        while at < target, !withState({ $0.wanted || $0.closed }) {
            let next = min(at + Self.chunk, target)
            advance(workload, next)
            at = workload.runtime.now.sinceStart
        }
        let spare = Spare(lineage: lineage, workload: workload, at: at)
        withState { state in
            state.spare = spare
            state.working = false
        }
    }

    /// Takes the spare of branch `lineage` if it stands at or before `instant`, waiting for the
    /// worker to finish its chunk first: the caller then runs it from its thread (after
    /// `catchUp(with:)` the branch's record as it is now).
    func take(lineage: Int, atOrBefore instant: Duration) -> Spare? {
        monitor.lock()
        defer { monitor.unlock() }
        state.wanted = true
        while state.working { monitor.wait() }
        state.wanted = false
        guard let spare = state.spare, spare.lineage == lineage, spare.at <= instant else { return nil }
        state.spare = nil
        return spare
    }

    /// Waits until the worker is idle: for the tests and the benchmark, which measure going back
    /// with the spare where a session that has run a while has it.
    func settle() {
        queue.sync {}
    }

    /// Stops the worker for good and unwinds the spare, on the caller's thread.
    func close() {
        withState { $0.closed = true }
        queue.sync {}
        let left = withState { state -> Spare? in
            defer { state.spare = nil }
            return state.spare
        }
        if let left { discard(left.workload) }
    }

    private func withState<T>(_ body: (inout State) -> T) -> T {
        monitor.lock()
        defer {
            monitor.broadcast()
            monitor.unlock()
        }
        return body(&state)
    }
}
