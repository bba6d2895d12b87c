import Runtime

/// The trust subsystem at one instant: what the dashboard's trust persistence panel and the
/// `trust-slow-disk` / `trust-stop-loses-changes` scenarios read.
public struct TrustSnapshot: Sendable, Equatable, Codable {
    public var policy: TrustPolicy
    public var phase: TrustManagerPhase
    public var location: String

    // Trust state.
    public var trustedCount: Int
    public var pendingCount: Int
    public var revokedCount: Int

    // Persistence.
    /// Changes applied that no completed save contains yet.
    public var unsavedChanges: Int
    public var isDirty: Bool { unsavedChanges > 0 }
    /// The persistence lag: age of the oldest unsaved change; nil when clean.
    public var dirtyFor: Duration?
    /// Marks waiting in the dirty signal: mutations the next save coalesces.
    public var coalescedPending: Int
    /// Changes the last completed save covered.
    public var lastSaveCoalesced: Int
    public var saves: Int
    public var saveFailures: Int
    public var consecutiveSaveFailures: Int
    public var lastSaveError: String?
    public var lastSaveDuration: Duration?
    public var lastFsyncDuration: Duration?
    public var saveDuration: LatencySummary
    public var fsyncDuration: LatencySummary
    /// Changes no save will ever contain, once stopped (nil while running).
    public var changesLostAtStop: Int?
    /// Where an unparseable trust file found at start was moved to (fixed).
    public var setAsideFile: String?
    /// Temporary files removed at start (left by an interrupted save).
    public var leftoversRemoved: Int

    // Lock.
    public var lockHold: LatencySummary
    public var lockWait: LatencySummary
    public var writeLockWait: LatencySummary

    // Handshakes.
    public var handshakes: Int
    public var handshakesPerSecond: Double
    public var handshakeLatency: LatencySummary
    public var handshakesRefused: Int
    /// Arrivals dropped because the handshake concurrency limit was reached.
    public var handshakesDropped: Int
    public var callsInFlight: Int

    // Faults.
    public var fsyncLatency: Duration
    public var failingWrites: Bool

    public var warnings: [StallWarning]

    /// The numbers a run report keeps (durations in milliseconds), keyed without the
    /// subsystem prefix.
    public var metrics: [String: Double] {
        func ms(_ duration: Duration) -> Double { Double(duration.nanoseconds) / 1e6 }
        return [
            "trusted": Double(trustedCount), "pending": Double(pendingCount), "revoked": Double(revokedCount),
            "unsavedChanges": Double(unsavedChanges), "persistenceLagMs": ms(dirtyFor ?? .zero),
            "lastSaveCoalesced": Double(lastSaveCoalesced), "saves": Double(saves),
            "saveFailures": Double(saveFailures),
            "saveP50Ms": ms(saveDuration.p50), "saveP99Ms": ms(saveDuration.p99),
            "fsyncP50Ms": ms(fsyncDuration.p50), "fsyncP99Ms": ms(fsyncDuration.p99),
            "lockHoldP99Ms": ms(lockHold.p99), "lockHoldMaxMs": ms(lockHold.max), "lockWaitP99Ms": ms(lockWait.p99),
            "writeLockWaitP99Ms": ms(writeLockWait.p99),
            "handshakes": Double(handshakes), "handshakesPerSecond": handshakesPerSecond,
            "handshakeP50Ms": ms(handshakeLatency.p50), "handshakeP99Ms": ms(handshakeLatency.p99),
            "handshakesRefused": Double(handshakesRefused), "handshakesDropped": Double(handshakesDropped),
            "changesLostAtStop": Double(changesLostAtStop ?? 0),
        ]
    }
}
