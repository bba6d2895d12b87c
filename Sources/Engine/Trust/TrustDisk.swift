import Foundation

/// Where the trust file lives: a real directory (`TrustFileDisk`) or a simulated one
/// (`SimulatedTrustDisk`) with injected latency, failing writes and crash points.
///
/// Every operation may suspend (real file work runs on a real thread and comes back as a
/// completion; simulated latency passes in virtual time) and none is cancellable: once a write
/// started, it finishes, as an fsync does. Callers serialize writes: two atomic writes never
/// overlap (they would share the temporary file).
public protocol TrustDisk: AnyObject, Sendable {
    /// Where the file is, for logs and the dashboard ("/home/u/.local/state/stallscope/trust.json").
    var location: String { get }
    /// Latency and failure injection, shared with the subsystem's fault keys.
    var faults: TrustDiskFaults { get }

    /// The trust file's bytes, or nil when there is none.
    func read() async throws -> Data?
    /// Replaces the trust file atomically: temporary file (mode 0600) -> write -> fsync -> rename,
    /// then, if `syncDirectory`, fsync the directory so the rename itself is durable (the
    /// original AtomicWrite did not; `fixed` does). On an error the temporary file is removed and
    /// the old file stays.
    func writeAtomically(_ data: Data, syncDirectory: Bool) async throws -> TrustWriteTiming
    /// `writeAtomically(_:syncDirectory:)` with `file`'s bytes; a disk that can keep the file
    /// unencoded until it is read (the simulated one) does.
    func writeAtomically(file: TrustFile, syncDirectory: Bool) async throws -> TrustWriteTiming
    /// Removes what an interrupted write left behind; returns the names removed.
    func removeLeftovers() async throws -> [String]
    /// Moves the trust file aside under a fresh name (never overwriting one); returns that name.
    func setAside() async throws -> String
}

extension TrustDisk {
    public func writeAtomically(file: TrustFile, syncDirectory: Bool) async throws -> TrustWriteTiming {
        try await writeAtomically(file.encoded(), syncDirectory: syncDirectory)
    }

    /// The atomic write with the directory fsync, as `fixed` saves.
    public func writeAtomically(_ data: Data) async throws -> TrustWriteTiming {
        try await writeAtomically(data, syncDirectory: true)
    }
}
