import Backpressure
import Runtime

/// A handle on a relayed stream: the shared `FragmentBuffer` plus this handle's own sync state
/// (cancelled flag and wakers). Connections own handles and cancel them when they drop; relays
/// `fork()` the inbound handle and pipe the fork onward.
///
/// What the fix elements change (see Relay/README.md, the ladder):
/// - `fork()`: without `fork-own-sync-state` it shares the sync state (a clone); with it, it
///   makes a new one that copies the cancelled flag, so forking a dead stream stays dead but
///   later cancels don't leak.
/// - reading: without `buffer-event` a reader parks on this handle's wakers, which only pushes
///   through the same sync state fire; with it, on the buffer's event, fired by every insert.
///
/// Either way a reader registers its listener before re-checking the buffer and the flag, so a
/// push racing the check is never missed on the path it listens to.
public struct StreamHandle: Sendable {
    /// The fix elements this handle has (only the fork's and the readers' matter here).
    public let elements: Set<RelayFixElement>
    public let buffer: FragmentBuffer
    let sync: StreamSyncState

    /// A new handle with its own sync state: what a connection creates when a stream reaches it.
    public init(buffer: FragmentBuffer, policy: RelayPolicy) {
        self.init(buffer: buffer, elements: policy.fixElements)
    }

    public init(buffer: FragmentBuffer, elements: Set<RelayFixElement>) {
        self.init(buffer: buffer, sync: StreamSyncState(), elements: elements)
    }

    private init(buffer: FragmentBuffer, sync: StreamSyncState, elements: Set<RelayFixElement>) {
        self.buffer = buffer
        self.sync = sync
        self.elements = elements
    }

    public var isCancelled: Bool { sync.cancelReason != nil }
    public var cancelReason: String? { sync.cancelReason }
    public var isComplete: Bool { buffer.isComplete }

    /// Adds a fragment to the shared buffer and wakes this handle's wakers (and, through the
    /// buffer's event, every reader that listens there). A cancelled handle rejects pushes.
    public func push(_ fragment: StreamFragment) throws(RelayStreamError) {
        if let reason = sync.cancelReason { throw .cancelled(reason: reason) }
        buffer.insert(fragment)
        sync.wakers.notifyAll()
    }

    public func cancel(because reason: String = "cancelled") {
        guard sync.cancel(because: reason) else { return }
        // A fixed reader parks on the buffer's event, not on the wakers: fire it so the reader
        // re-checks its flag (other handles' readers just see a spurious wakeup).
        if elements.contains(.bufferEvent) { buffer.dataAvailable.notifyAll() }
    }

    public func fork() -> StreamHandle {
        guard elements.contains(.forkOwnSyncState) else { return self }
        return StreamHandle(
            buffer: buffer, sync: StreamSyncState(cancelledBecause: sync.cancelReason), elements: elements)
    }

    /// Fragment `index` once the frontier covers it, or nil past the end of the stream. Throws
    /// `RelayStreamError.cancelled` if this handle is cancelled, `CancellationError` if the task
    /// is.
    public func fragment(at index: Int) async throws -> StreamFragment? {
        while true {
            if let ready = try check(index) { return ready.fragment }
            let wakeups = elements.contains(.bufferEvent) ? buffer.dataAvailable : sync.wakers
            let listener = wakeups.register()
            // Re-check after registering: a push between the first check and the registration
            // has fired before we listened, and only this re-check can see it.
            if let ready = try recheck(index, discarding: listener, from: wakeups) { return ready.fragment }
            try await wakeups.wait(listener)
        }
    }

    /// Like `fragment(at:)`, raced against `inactivityTimeout` on `clock`; throws
    /// `RelayStreamError.inactive` when the timer wins.
    public func fragment(
        at index: Int, inactivityTimeout: Duration, clock: RuntimeClock
    ) async throws -> StreamFragment? {
        do {
            return try await withCancellingDeadline(inactivityTimeout, clock: clock) { try await fragment(at: index) }
        } catch is DeadlineExceeded {
            throw RelayStreamError.inactive(
                timeout: inactivityTimeout, fragmentsRead: index, fragmentCount: buffer.fragmentCount)
        }
    }

    /// The stream's fragments in order from fragment 0, ending after the last one.
    public func fragments() -> StreamFragments {
        StreamFragments(handle: self, inactivity: nil)
    }

    /// The same, each fragment raced against `inactivityTimeout`.
    public func fragments(inactivityTimeout: Duration, clock: RuntimeClock) -> StreamFragments {
        StreamFragments(handle: self, inactivity: (inactivityTimeout, clock))
    }

    /// Reads the whole stream and returns its bytes.
    public func assemble() async throws -> [UInt8] {
        try await Self.assemble(fragments())
    }

    public func assemble(inactivityTimeout: Duration, clock: RuntimeClock) async throws -> [UInt8] {
        try await Self.assemble(fragments(inactivityTimeout: inactivityTimeout, clock: clock))
    }

    private static func assemble(_ fragments: StreamFragments) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await fragment in fragments {
            bytes.append(contentsOf: fragment.bytes)
        }
        return bytes
    }

    private struct Ready {
        let fragment: StreamFragment?
    }

    /// Ready when the fragment is there or the stream has ended; throws if cancelled.
    private func check(_ index: Int) throws(RelayStreamError) -> Ready? {
        if let reason = sync.cancelReason { throw .cancelled(reason: reason) }
        if index >= buffer.fragmentCount { return Ready(fragment: nil) }
        return buffer.fragment(at: index).map { Ready(fragment: $0) }
    }

    private func recheck(
        _ index: Int, discarding listener: WakeupList.Listener, from wakeups: WakeupList
    ) throws(RelayStreamError) -> Ready? {
        do {
            guard let ready = try check(index) else { return nil }
            wakeups.discard(listener)
            return ready
        } catch {
            wakeups.discard(listener)
            throw error
        }
    }
}
