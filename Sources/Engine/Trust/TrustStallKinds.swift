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

extension InvariantLaw {
    /// After stop, every acknowledged change is in the trust file, unless stop reported it lost.
    public static let acknowledgedChangesOnDisk = InvariantLaw("acknowledged-changes-on-disk")
}
