/// How the trust store persists, oldest step first (see Trust/README.md, the ladder).
public enum TrustPolicy: String, CaseIterable, Sendable, Codable {
    /// The original: every mutation saves inside the write lock, so every trust grant blocks all
    /// handshake work for a whole write + fsync.
    case underLock = "under-lock"
    /// PR #8: mutations mark a one-slot dirty signal and a background saver writes, but it holds
    /// the read lock during the write + fsync (writers still wait for the disk) and stop closes
    /// the saver without a final save.
    case readLockedWrite = "read-locked-write"
    /// Snapshot under the lock, write with no lock held (and fsync the directory after the
    /// rename, which the original AtomicWrite did not), bounded final save on stop, retry after
    /// a failed save, no temp file left behind, an unparseable file kept aside.
    case fixed
}
