import Foundation
import Runtime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The trust file in a real directory. Each operation's system calls run together through
/// `runtime.blocking` (a real thread; the caller resumes as a completion on the runtime), timed
/// step by step.
///
/// The write is the full atomic protocol: `trust.json.tmp` created with mode 0600, written,
/// fsynced, closed, renamed over `trust.json`, then the directory fsynced so the rename itself
/// survives a power cut (the incident's original skipped that last step).
///
/// In virtual time blocking work takes no time, so the real duration of each step is charged
/// to the runtime's clock afterwards (the trust panel then shows the disk's real fsync times),
/// and injected fsync latency is added on top. Every outcome is an outside input: a recording
/// run keeps it, and a replay takes it back from the record instead of touching the directory.
public final class TrustFileDisk: TrustDisk {
    public let directory: String
    public let faults: TrustDiskFaults
    private let runtime: any Runtime
    private let inputs: OutsideInputs

    /// Index of the file fsync and of the directory fsync among a write's steps.
    private static let fileFsyncStep = 1
    private static let directoryFsyncStep = 3

    /// The directory is created (mode 0700) by the first write, on the blocking thread.
    public init(
        directory: String, runtime: any Runtime, faults: TrustDiskFaults = TrustDiskFaults(),
        inputs: OutsideInputs = .measured()
    ) {
        self.directory = directory
        self.runtime = runtime
        self.faults = faults
        self.inputs = inputs
    }

    public var location: String { path(TrustFile.fileName) }

    private func path(_ name: String) -> String { directory + "/" + name }

    public func read() async throws -> Data? {
        let file = path(TrustFile.fileName)
        let outcome = try await perform("trust.read") { steps in
            defer { steps.lap() }
            guard FileManager.default.fileExists(atPath: file) else { return .read(nil) }
            do {
                return .read(try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                throw TrustDiskError.unreadable((error as NSError).localizedDescription)
            }
        }
        guard case .read(let data) = outcome.result else { preconditionFailure("a read returned \(outcome)") }
        return data
    }

    public func writeAtomically(_ data: Data, syncDirectory: Bool) async throws -> TrustWriteTiming {
        let start = runtime.now
        if faults.shouldFailWrite() { throw TrustDiskError.injectedWriteFailure }
        let temporary = path(TrustFile.temporaryFileName)
        let target = path(TrustFile.fileName)
        let directory = self.directory
        let fsyncSteps: Set<Int> = syncDirectory ? [Self.fileFsyncStep, Self.directoryFsyncStep] : [Self.fileFsyncStep]
        let fsync = try await perform("trust.write", fsyncSteps: fsyncSteps) { steps in
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                let descriptor = try Self.createAndWrite(temporary, data)
                steps.lap()
                try Self.syncAndClose(descriptor)
                steps.lap()
                guard rename(temporary, target) == 0 else { throw TrustDiskError.system(call: "rename", errno: errno) }
                steps.lap()
                // A step either way, so a recorded write has the same steps under every policy.
                if syncDirectory { try Self.syncDirectory(directory) }
                steps.lap()
                return .written
            } catch {
                steps.lap()
                unlink(temporary)
                throw error
            }
        }.fsync
        return TrustWriteTiming(total: start.duration(to: runtime.now), fsync: fsync)
    }

    public func removeLeftovers() async throws -> [String] {
        let temporary = path(TrustFile.temporaryFileName)
        let outcome = try await perform("trust.cleanup") { steps in
            defer { steps.lap() }
            guard unlink(temporary) == 0 else {
                if errno == ENOENT { return .removed([]) }
                throw TrustDiskError.system(call: "unlink", errno: errno)
            }
            return .removed([TrustFile.temporaryFileName])
        }
        guard case .removed(let names) = outcome.result else { preconditionFailure("a cleanup returned \(outcome)") }
        return names
    }

    public func setAside() async throws -> String {
        let directory = self.directory
        let outcome = try await perform("trust.set-aside") { steps in
            defer { steps.lap() }
            var index = 1
            while FileManager.default.fileExists(atPath: directory + "/" + TrustFile.setAsidePrefix + "\(index)") {
                index += 1
            }
            let name = TrustFile.setAsidePrefix + "\(index)"
            guard rename(directory + "/" + TrustFile.fileName, directory + "/" + name) == 0 else {
                throw TrustDiskError.system(call: "rename", errno: errno)
            }
            try Self.syncDirectory(directory)
            return .setAside(name)
        }
        guard case .setAside(let name) = outcome.result else { preconditionFailure("a set-aside returned \(outcome)") }
        return name
    }

    // MARK: Outside inputs

    /// Runs `work` on a real thread (or takes its recorded outcome in a replay), charges its
    /// steps to the runtime's clock, and returns its result (or throws its failure) with the time
    /// charged for the steps in `fsyncSteps`, injected latency included.
    private func perform(
        _ name: String, fsyncSteps: Set<Int> = [],
        _ work: @escaping @Sendable (inout StepTimer) throws -> TrustDiskOutcome.Result
    ) async throws -> (result: TrustDiskOutcome.Result, fsync: Duration) {
        let runtime = self.runtime
        let input = await inputs.obtain(
            at: runtime.now.sinceStart, kind: name, on: runtime,
            measure: {
                var steps = StepTimer()
                let result: TrustDiskOutcome.Result
                do {
                    result = try work(&steps)
                } catch let error as TrustDiskError {
                    result = .failed(error)
                } catch {
                    result = .failed(.unreadable("\(error)"))
                }
                return TrustDiskOutcome(result: result, stepNanoseconds: steps.laps)
            })
        guard let outcome = input else { throw TrustDiskError.notRecorded }

        // A failed step took its time, but only a completed fsync waits out the injected latency.
        let failed: Bool = if case .failed = outcome.result { true } else { false }
        let completed = outcome.steps.count - (failed ? 1 : 0)
        var fsync = Duration.zero
        for (index, measured) in outcome.steps.enumerated() {
            var charge = runtime.blockingAdvancesClock ? .zero : measured
            if fsyncSteps.contains(index) {
                fsync += measured
                if index < completed {
                    let injected = faults.fsyncLatency
                    charge += injected
                    fsync += injected
                }
            }
            await DiskLatency.pass(charge, on: runtime)
        }
        if case .failed(let error) = outcome.result { throw error }
        return (outcome.result, fsync)
    }

    // MARK: System calls (on the blocking thread)

    private static func createAndWrite(_ path: String, _ data: Data) throws -> Int32 {
        // A stale temporary file (an earlier crash) or a link someone planted goes first: unlink
        // removes the link, not what it points to; then only a file we create ourselves is
        // written, never one that appears in between.
        unlink(path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
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
