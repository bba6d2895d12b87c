import DequeModule

/// A latch that parks callers until it is opened, and counts them: the building block for
/// injected faults ("every backend read waits here", "this call hangs").
///
/// `open()` lets everyone through, now and later, until `close()` re-arms it. `admit(n)` lets
/// exactly `n` callers through (the oldest parked first, then later arrivals) while staying
/// closed. `entered` counts every caller that reached the gate, passed or parked.
///
/// **Cancel safety.** A cancelled `pass()` throws `CancellationError` and leaves the queue;
/// an admission it had not yet used stays available to the next caller.
public final class Gate: Instrumented {
    private struct State {
        var isOpen: Bool
        var admissions = 0
        var entered = 0
        var passed = 0
        var parked = Deque<(id: UInt64, continuation: UnsafeContinuation<Void, any Error>)>()
        var nextID: UInt64 = 1
    }

    public let name: String
    private let state: LockedState<State>

    /// - Parameters:
    ///   - name: What stallscope calls it; by default, where it is made.
    ///   - open: Whether callers pass at first (a fault is injected by closing it).
    ///   - fileID: With `line`, the default name; leave both to the compiler.
    ///   - line: See `fileID`.
    public init(name: String? = nil, open: Bool = true, fileID: String = #fileID, line: Int = #line) {
        self.name = name ?? "\(fileID):\(line)"
        self.state = LockedState(State(isOpen: open))
    }

    /// Returns at once if the gate is open (or an admission is left); otherwise parks in FIFO
    /// order until `open()` or `admit(_:)` lets this caller through.
    public func pass() async throws(CancellationError) {
        do {
            try await passOrPark()
        } catch {
            // Only ever resumed with `CancellationError`; the conversion is for the type.
            throw CancellationError()
        }
    }

    private func passOrPark() async throws {
        enum Now {
            case pass
            case park(UInt64)
        }
        let now: Now = state.withLock { state in
            state.entered += 1
            if state.isOpen {
                state.passed += 1
                return .pass
            }
            if state.admissions > 0 {
                state.admissions -= 1
                state.passed += 1
                return .pass
            }
            defer { state.nextID += 1 }
            return .park(state.nextID)
        }
        guard case .park(let id) = now else { return }
        // Armed only once parked: a bound deadline costs nothing until the caller must wait.
        var deadlineTimer: DeadlineTimer?
        defer { deadlineTimer?.disarm() }
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
                enum Then { case queued, passNow, cancelled }
                let then: Then = state.withLock { state in
                    // Re-check: the gate may have opened between the two critical sections.
                    if state.isOpen || state.admissions > 0 {
                        if !state.isOpen { state.admissions -= 1 }
                        state.passed += 1
                        return .passNow
                    }
                    if Task.isCancelled { return .cancelled }
                    state.parked.append((id, continuation))
                    return .queued
                }
                switch then {
                case .queued: deadlineTimer = DeadlineTimer.armForCurrentWait { [self] in unpark(id) }
                case .passNow: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            unpark(id)
        }
    }

    /// Takes a caller that was cancelled or whose deadline passed out of the queue, if it is
    /// still parked.
    private func unpark(_ id: UInt64) {
        let parked = state.withLock { state -> UnsafeContinuation<Void, any Error>? in
            guard let index = state.parked.firstIndex(where: { $0.id == id }) else { return nil }
            return state.parked.remove(at: index).continuation
        }
        parked?.resume(throwing: CancellationError())
    }

    /// Lets every parked caller through and keeps the gate open.
    public func open() {
        let released = state.withLock { state in
            state.isOpen = true
            state.admissions = 0
            state.passed += state.parked.count
            defer { state.parked.removeAll() }
            return Array(state.parked)
        }
        for entry in released { entry.continuation.resume() }
    }

    /// Closes the gate again: later callers park.
    public func close() {
        state.withLock { $0.isOpen = false }
    }

    /// Lets exactly `count` callers through while staying closed: parked ones first.
    public func admit(_ count: Int = 1) {
        precondition(count > 0, "admit at least one caller")
        let released = state.withLock { state in
            guard !state.isOpen else { return [(id: UInt64, continuation: UnsafeContinuation<Void, any Error>)]() }
            let now = min(count, state.parked.count)
            state.admissions += count - now
            state.passed += now
            let released = Array(state.parked.prefix(now))
            state.parked.removeFirst(now)
            return released
        }
        for entry in released { entry.continuation.resume() }
    }

    public var isOpen: Bool { state.withLock { $0.isOpen } }
    public var entered: Int { state.withLock { $0.entered } }
    public var waiting: Int { state.withLock { $0.parked.count } }

    public func snapshot() -> GateSnapshot {
        state.withLock {
            GateSnapshot(
                name: name, isOpen: $0.isOpen, entered: $0.entered, passed: $0.passed, waiting: $0.parked.count)
        }
    }

    public func resourceSnapshot() -> ResourceSnapshot { .gate(snapshot()) }
}
