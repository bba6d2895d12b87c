import Runtime

/// Turns a trust snapshot into warnings that name what blocks what.
enum TrustStallDetector {
    static func warnings(
        _ snapshot: TrustSnapshot, queuedBehindDisk: QueuedBehindDisk?, dirtySince: RuntimeInstant?,
        now: RuntimeInstant,
        config: TrustConfig
    ) -> [StallWarning] {
        var warnings: [StallWarning] = []
        if let blocked = queuedBehindDisk {
            let calls = "\(blocked.queued) call\(blocked.queued == 1 ? "" : "s") queued"
            let held = "handshake lock held \(readable(blocked.held)) by \(blocked.holder)"
            let cause =
                blocked.exclusive
                ? "\(calls) behind the disk: \(held): fsync under lock"
                : "\(calls) behind the disk: \(held): writers wait for the disk"
            warnings.append(StallWarning(kind: .trustLockHeld, subsystem: .trust, since: blocked.since, cause: cause))
        }
        if let dirtySince, let lag = snapshot.dirtyFor, lag >= config.persistenceLagWarningThreshold {
            let changes = "\(snapshot.unsavedChanges) trust change\(snapshot.unsavedChanges == 1 ? "" : "s")"
            var cause = "\(changes) unsaved for \(readable(lag))"
            if let error = snapshot.lastSaveError {
                cause += ": last save failed (\(error))"
            } else if snapshot.phase == .stopped {
                cause += ": manager stopped"
            } else if snapshot.fsyncLatency > .zero {
                cause += ": disk fsync \(readable(snapshot.fsyncLatency))"
            }
            warnings.append(
                StallWarning(kind: .trustPersistenceLag, subsystem: .trust, since: dirtySince, cause: cause))
        }
        if let lost = snapshot.changesLostAtStop, lost > 0 {
            let why =
                snapshot.policy == .readLockedWrite
                ? "stop closed the saver without a final save" : "the last saves did not complete"
            warnings.append(
                StallWarning(
                    kind: .trustChangesLost, subsystem: .trust, since: dirtySince ?? now,
                    cause: "stop lost \(lost) trust change\(lost == 1 ? "" : "s"): \(why)"))
        }
        if let name = snapshot.setAsideFile {
            warnings.append(
                StallWarning(
                    kind: .trustFileUnparseable, subsystem: .trust, since: .start,
                    cause: "unparseable trust file kept as \(name); started empty"))
        }
        return warnings
    }

    /// "52 ms", "1.3 s", "40 us".
    static func readable(_ duration: Duration) -> String {
        let nanoseconds = duration.nanoseconds
        if nanoseconds >= 1_000_000_000 {
            return "\((nanoseconds / 100_000_000) / 10).\((nanoseconds / 100_000_000) % 10) s"
        }
        if nanoseconds >= 1_000_000 { return "\(nanoseconds / 1_000_000) ms" }
        return "\(nanoseconds / 1_000) us"
    }
}
