import Backpressure
import DequeModule
import Runtime

/// Where a run's outside inputs come from: measured from the real world (and handed to a
/// recorder, so the run can be replayed), or taken back from a record in the order they were
/// consumed, so a replay touches nothing real.
///
/// A replay is exact only if it asks for the same inputs at the same virtual instants. The first
/// request that does not match is kept as `divergence`, and the replay goes on with what it was
/// recorded to get (the final state then tells how far it strayed).
public final class OutsideInputs: Sendable {
    public typealias Recorder = @Sendable (RecordedInput) -> Void

    private struct Replay {
        var pending: Deque<RecordedInput>
        var consumed = 0
        var divergence: String?
        /// Set for a run that goes on live once its record runs out (the dashboard going back in
        /// time): every input, handed back or measured, goes to it.
        var liveRecorder: Recorder?
    }

    private enum Source: Sendable {
        case measured(Recorder?)
        case replayed(LockedState<Replay>)
    }

    private let source: Source

    private init(_ source: Source) {
        self.source = source
    }

    /// The real world; every input goes to `recorder` when one is given.
    public static func measured(recorder: Recorder? = nil) -> OutsideInputs {
        OutsideInputs(.measured(recorder))
    }

    /// The inputs of a recorded run, handed back in order.
    public static func replayed(_ inputs: [RecordedInput]) -> OutsideInputs {
        OutsideInputs(.replayed(LockedState(Replay(pending: Deque(inputs)))))
    }

    /// The inputs of a recorded run handed back in order (and to `recorder`), then, once none
    /// is left or `dropPending()` dropped them, the real world, recorded as `measured` does: the
    /// dashboard re-executing its run up to an earlier instant and going on from there.
    public static func resuming(_ inputs: [RecordedInput], recorder: @escaping Recorder) -> OutsideInputs {
        OutsideInputs(.replayed(LockedState(Replay(pending: Deque(inputs), liveRecorder: recorder))))
    }

    /// Forgets the recorded inputs not yet handed back: the run has left its record (a new
    /// branch), so what the record says the disk answered later no longer applies. Only a
    /// `resuming` run may leave its record; its later inputs are measured.
    public func dropPending() {
        guard case .replayed(let replay) = source else { return }
        replay.withLock { replay in
            precondition(replay.liveRecorder != nil, "only a resuming run leaves its record")
            replay.pending.removeAll()
        }
    }

    /// Hands back the inputs `record` has beyond the ones this replay was given so far: a
    /// run re-executed from an earlier copy of its record (the dashboard's spare run) catches up
    /// with the record as it is now. `record` must begin with every input given so far.
    public func extendReplay(with record: [RecordedInput]) {
        guard case .replayed(let replay) = source else { preconditionFailure("only a replay is extended") }
        replay.withLock { replay in
            precondition(replay.liveRecorder != nil, "only a resuming run catches up with its record")
            let given = replay.consumed + replay.pending.count
            precondition(record.count >= given, "a record only grows: \(record.count) inputs, \(given) given")
            replay.pending.append(contentsOf: record.dropFirst(given))
        }
    }

    public var isReplay: Bool {
        if case .replayed = source { true } else { false }
    }

    /// The next input, asked for at virtual instant `at`: `measure` run as blocking work (a
    /// real system call), or the recorded input. A replay hands its input back through
    /// `runtime.blocking` too, so the caller resumes at the same idle point as the recording run
    /// did and the jobs interleave the same way. Nil when a replay has no such input left.
    public func obtain<Value: OutsideValue>(
        at: Duration, kind: String, on runtime: any Runtime, measure: @escaping @Sendable () -> Value
    ) async -> Value? {
        switch source {
        case .measured(let recorder):
            // `measure` returns failures as inputs: `blocking` only throws what its work throws.
            guard let measured = try? await runtime.blocking(kind, measure) else {
                preconditionFailure("measuring \(kind) threw")
            }
            recorder?(RecordedInput(at: at, input: OutsideInput(measured)))
            return measured
        case .replayed(let replay):
            let liveRecorder = replay.withLock { $0.pending.isEmpty ? $0.liveRecorder : nil }
            if let liveRecorder {
                return await OutsideInputs.measured(recorder: liveRecorder).obtain(
                    at: at, kind: kind, on: runtime, measure: measure)
            }
            let input = replay.withLock { replay -> Value? in
                guard let next = replay.pending.first, let value = next.input.value(as: Value.self) else {
                    if replay.divergence == nil {
                        replay.divergence =
                            "input \(replay.consumed + 1): the replay asked for \(kind) at \(at), the record has "
                            + (replay.pending.first.map { "another input at \($0.at)" } ?? "no more inputs")
                    }
                    return nil
                }
                if next.at != at, replay.divergence == nil {
                    replay.divergence =
                        "input \(replay.consumed + 1): \(kind) consumed at \(at), recorded at \(next.at)"
                }
                replay.pending.removeFirst()
                replay.consumed += 1
                replay.liveRecorder?(RecordedInput(at: at, input: next.input))
                return value
            }
            return try? await runtime.blocking(kind) { input }
        }
    }

    /// The first way a replay strayed from its record, if it did; recorded inputs it never asked
    /// for count too.
    public var divergence: String? {
        guard case .replayed(let replay) = source else { return nil }
        return replay.withLock { replay in
            if let divergence = replay.divergence { return divergence }
            // A resuming run stops wherever the operator went back to: inputs left are not owed.
            guard replay.liveRecorder == nil, let left = replay.pending.first else { return nil }
            return "\(replay.pending.count) recorded input(s) never consumed, the first at \(left.at)"
        }
    }
}
