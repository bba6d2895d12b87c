/// Where a simulated atomic write can be cut short, and what the disk then holds.
public enum TrustCrashPoint: String, CaseIterable, Sendable, Codable {
    /// Part of the data reached the temporary file; the trust file is the old one.
    case midWrite = "mid-write"
    /// The temporary file was written but not fsynced: its content is torn after the crash.
    case beforeFileFsync = "before-file-fsync"
    /// The temporary file is complete and durable; the rename did not happen.
    case beforeRename = "before-rename"
    /// The rename happened but the directory was not fsynced: the rename is lost in the crash.
    case beforeDirectoryFsync = "before-directory-fsync"
}
