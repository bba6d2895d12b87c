import Engine
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A trust disk that logs the hash of every state it is about to write, then writes it.
final class RecordingTrustDisk: TrustDisk {
    private let inner: any TrustDisk
    private let logDescriptor: Int32

    init(inner: any TrustDisk, log: String) {
        self.inner = inner
        logDescriptor = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        precondition(logDescriptor >= 0, "cannot open the save log \(log)")
    }

    var location: String { inner.location }
    var faults: TrustDiskFaults { inner.faults }

    func read() async throws -> Data? { try await inner.read() }
    func removeLeftovers() async throws -> [String] { try await inner.removeLeftovers() }
    func setAside() async throws -> String { try await inner.setAside() }

    func writeAtomically(_ data: Data, syncDirectory: Bool) async throws -> TrustWriteTiming {
        // One write(2) per line on an O_APPEND descriptor: a SIGKILL cannot tear it, and the page
        // cache keeps it without an fsync (the process dies, not the machine).
        let line = Array("\(TrustFile.fingerprint(data))\n".utf8)
        let written = line.withUnsafeBytes { write(logDescriptor, $0.baseAddress, $0.count) }
        precondition(written == line.count, "cannot append to the save log")
        return try await inner.writeAtomically(data, syncDirectory: syncDirectory)
    }
}
