extension StallKind {
    /// The trust lock was held past its threshold (an fsync under it, say).
    public static let trustLockHeld = StallKind("trust-lock-held")
    /// Changes stayed unsaved past their threshold.
    public static let trustPersistenceLag = StallKind("trust-persistence-lag")
    /// Changes acknowledged before the stop were not on disk after it.
    public static let trustChangesLost = StallKind("trust-changes-lost")
    /// The trust file on disk could not be read back.
    public static let trustFileUnparseable = StallKind("trust-file-unparseable")
}
