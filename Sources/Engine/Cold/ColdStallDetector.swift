import Runtime

/// Turns a snapshot into warnings that name the blocker: "writer drain blocked 7.3 s by read #17
/// (streamLogs setup, backend latestBlock)". Pure, so scenarios and tests can run it on any
/// snapshot.
public struct ColdStallDetector: Sendable {
    /// Conditions shorter than this are normal operation, not stalls.
    public let threshold: Duration
    /// How long the step's own design lets a shutdown take (nil: unbounded); a shutdown is hung
    /// once it has outlasted both this and `threshold`.
    public let shutdownBound: Duration?

    public init(threshold: Duration, shutdownBound: Duration?) {
        self.threshold = threshold
        self.shutdownBound = shutdownBound
    }

    /// The bounds of each step: `permit-attached` waits for handlers (read deadline) and then
    /// for the longest stream; `fixed` for its shutdown grace; the first two steps not at all.
    public init(config: ColdConfig, policy: ColdPolicy) {
        self.init(config: config, elements: policy.fixElements)
    }

    /// The bound of a task with these fix elements: a bounded shutdown's grace, else (with the
    /// read deadline) the deadline and then the longest stream, else none.
    public init(config: ColdConfig, elements: Set<ColdFixElement>) {
        let bound: Duration? =
            if elements.contains(.boundedShutdown) {
                config.shutdownGrace
            } else if elements.contains(.readDeadline) {
                config.readDeadline + config.maxStreamDeadline
            } else {
                nil
            }
        self.init(threshold: config.stallWarningThreshold, shutdownBound: bound)
    }

    public func warnings(in snapshot: ColdSnapshot) -> [StallWarning] {
        var warnings: [StallWarning] = []
        func warn(_ kind: StallKind, since: RuntimeInstant, _ cause: String) {
            warnings.append(StallWarning(kind: kind, subsystem: .cold, since: since, cause: cause))
        }
        let writer = snapshot.writer
        if case .draining(let collected, let required) = writer.state, writer.duration >= threshold {
            var cause = "writer drain blocked \(Self.format(writer.duration))"
            if let blocker = writer.blockedBy.first {
                cause += " by \(blocker.label)"
                if let activity = blocker.activity { cause += " (\(activity))" }
                if writer.blockedBy.count > 1 { cause += " and \(writer.blockedBy.count - 1) more" }
            }
            cause += ": \(collected) of \(required) collected"
            if snapshot.writeChannel.length > 0 { cause += ", \(snapshot.writeChannel.length) writes queued" }
            warn(.writerDrainBlocked, since: writer.since, cause)
        }
        let dispatcher = snapshot.dispatcher
        if case .parkedOnTracker(let inFlight) = dispatcher.state, dispatcher.duration >= threshold {
            warn(
                .dispatcherParked, since: dispatcher.since,
                "dispatcher parked \(Self.format(dispatcher.duration)) on the task tracker, which never closes: "
                    + "\(inFlight) reads were in flight, \(snapshot.readChannel.length) reads and "
                    + "\(snapshot.writeChannel.length) writes queued")
        }
        let rejected = snapshot.errorCount(.backpressure)
        if rejected > 0 {
            warn(
                .writeBackpressure, since: writer.since,
                "\(rejected) fire-and-forget writes rejected: write channel \(snapshot.writeChannel.length)/"
                    + "\(snapshot.writeChannel.capacity) full")
        }
        if snapshot.shutdown == .shuttingDown, let since = snapshot.shutdownRequestedAt,
            let pending = snapshot.shutdownDuration, pending >= max(threshold, shutdownBound ?? .zero)
        {
            var cause = "shutdown pending \(Self.format(pending))"
            if let oldest = snapshot.requests.first {
                cause += ": \(snapshot.requests.count) requests in flight, oldest \(oldest.label) (\(oldest.activity))"
            }
            warn(.shutdownHung, since: since, cause)
        }
        return warnings
    }

    /// "7.3 s".
    static func format(_ duration: Duration) -> String {
        let tenths = Int((duration.seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
