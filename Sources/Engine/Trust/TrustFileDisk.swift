import Foundation
import Runtime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The trust file in a real directory. Every system call runs through `runtime.blocking` (a real
/// thread; the caller resumes as a completion on the runtime), and injected fsync latency is
/// added in the runtime's time after each real fsync.
///
/// The write is the full atomic protocol: `trust.json.tmp` created with mode 0600, written,
/// fsynced, closed, renamed over `trust.json`, then the directory fsynced so the rename itself
/// survives a power cut (the incident's original skipped that last step).
public final class TrustFileDisk: TrustDisk {
    public let directory: String
    public let faults: TrustDiskFaults
    private let runtime: any Runtime

    /// The directory is created (mode 0700) by the first write, on the blocking thread.
    public init(directory: String, runtime: any Runtime, faults: TrustDiskFaults = TrustDiskFaults()) {
        self.directory = directory
        self.runtime = runtime
        self.faults = faults
    }

    public var location: String { path(TrustFile.fileName) }

    private func path(_ name: String) -> String { directory + "/" + name }

    public func read() async throws -> Data? {
        let file = path(TrustFile.fileName)
        return try await runtime.blocking("trust.read") {
            guard FileManager.default.fileExists(atPath: file) else { return nil }
            return try Data(contentsOf: URL(fileURLWithPath: file))
        }
    }

    public func writeAtomically(_ data: Data) async throws -> TrustWriteTiming {
        let start = runtime.now
        if faults.shouldFailWrite() { throw TrustDiskError.injectedWriteFailure }
        let temporary = path(TrustFile.temporaryFileName)
        let target = path(TrustFile.fileName)
        let directory = self.directory
        do {
            let descriptor = try await runtime.blocking("trust.write") {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                return try Self.createAndWrite(temporary, data)
            }
            let fileFsyncStart = runtime.now
            try await runtime.blocking("trust.fsync") { try Self.syncAndClose(descriptor) }
            await DiskLatency.pass(faults.fsyncLatency, on: runtime)
            let fileFsync = fileFsyncStart.duration(to: runtime.now)
            try await runtime.blocking("trust.rename") {
                guard rename(temporary, target) == 0 else { throw TrustDiskError.system(call: "rename", errno: errno) }
            }
            let directoryFsyncStart = runtime.now
            try await runtime.blocking("trust.fsync-dir") { try Self.syncDirectory(directory) }
            await DiskLatency.pass(faults.fsyncLatency, on: runtime)
            let directoryFsync = directoryFsyncStart.duration(to: runtime.now)
            return TrustWriteTiming(total: start.duration(to: runtime.now), fsync: fileFsync + directoryFsync)
        } catch {
            _ = try? await runtime.blocking("trust.cleanup") { unlink(temporary) }
            throw error
        }
    }

    public func removeLeftovers() async throws -> [String] {
        let temporary = path(TrustFile.temporaryFileName)
        return try await runtime.blocking("trust.cleanup") {
            guard unlink(temporary) == 0 else {
                if errno == ENOENT { return [] }
                throw TrustDiskError.system(call: "unlink", errno: errno)
            }
            return [TrustFile.temporaryFileName]
        }
    }

    public func setAside() async throws -> String {
        let directory = self.directory
        return try await runtime.blocking("trust.set-aside") {
            var index = 1
            while FileManager.default.fileExists(atPath: directory + "/" + TrustFile.setAsidePrefix + "\(index)") { index += 1 }
            let name = TrustFile.setAsidePrefix + "\(index)"
            guard rename(directory + "/" + TrustFile.fileName, directory + "/" + name) == 0 else {
                throw TrustDiskError.system(call: "rename", errno: errno)
            }
            try Self.syncDirectory(directory)
            return name
        }
    }

    // MARK: System calls (on the blocking thread)

    private static func createAndWrite(_ path: String, _ data: Data) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw TrustDiskError.system(call: "open", errno: errno) }
        do {
            // A leftover from an older run may have another mode: the trust file is private.
            guard fchmod(descriptor, 0o600) == 0 else { throw TrustDiskError.system(call: "fchmod", errno: errno) }
            try data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw TrustDiskError.system(call: "write", errno: errno)
                    }
                    offset += written
                }
            }
            return descriptor
        } catch {
            close(descriptor)
            throw error
        }
    }

    private static func syncAndClose(_ descriptor: Int32) throws {
        let synced = fsync(descriptor) == 0
        let syncErrno = errno
        guard close(descriptor) == 0, synced else {
            throw TrustDiskError.system(call: synced ? "close" : "fsync", errno: synced ? errno : syncErrno)
        }
    }

    private static func syncDirectory(_ directory: String) throws {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw TrustDiskError.system(call: "open directory", errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw TrustDiskError.system(call: "fsync directory", errno: errno) }
    }
}
