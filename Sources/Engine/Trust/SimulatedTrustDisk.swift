import Backpressure
import Foundation
import Runtime

/// An in-memory trust directory for tests and headless scenarios: latency in virtual time,
/// failing writes, and crash points that leave behind what a real crash would.
///
/// After a crash every operation throws `TrustDiskError.crashed` until `restart()`, as if the
/// machine were down; what the directory then holds is what survived.
public final class SimulatedTrustDisk: TrustDisk {
    /// What a file holds: bytes, or a trust file not encoded until someone reads it. Headless
    /// runs save the whole state every time and hardly ever read it back: encoding each save
    /// was a quarter of a `steady` run.
    private enum Stored {
        case bytes(Data)
        case trustFile(TrustFile)

        var data: Data {
            switch self {
            case .bytes(let data): data
            case .trustFile(let file): file.encoded()
            }
        }

        /// What a crash in the middle of writing it leaves: the first half.
        var torn: Stored {
            let data = data
            return .bytes(data.prefix(data.count / 2))
        }
    }

    private struct State {
        var files: [String: Stored] = [:]
        var crashAt: TrustCrashPoint?
        var crashed: TrustCrashPoint?
        var writesInFlight = 0
        var writesStarted = 0
        var writesCompleted = 0
        var overlappingWrites = 0
        var fsyncs = 0
    }

    public let faults: TrustDiskFaults
    public let location = "simulated:\(TrustFile.fileName)"
    private let runtime: any Runtime
    private let state = LockedState(State())

    public init(runtime: any Runtime, faults: TrustDiskFaults = TrustDiskFaults()) {
        self.runtime = runtime
        self.faults = faults
    }

    // MARK: Test controls

    /// Puts a file in the directory (an existing trust file, a leftover, garbage).
    public func place(_ name: String, _ data: Data) {
        state.withLock { $0.files[name] = .bytes(data) }
    }

    public func contents(of name: String) -> Data? { state.withLock { $0.files[name] }?.data }
    public var fileNames: [String] { state.withLock { $0.files.keys.sorted() } }

    /// The next atomic write crashes at `point`.
    public func armCrash(at point: TrustCrashPoint) {
        state.withLock { $0.crashAt = point }
    }

    public var isCrashed: Bool { state.withLock { $0.crashed != nil } }

    /// The machine comes back; the files are what survived the crash.
    public func restart() {
        state.withLock { $0.crashed = nil }
    }

    /// Atomic writes that reached the rename and directory fsync.
    public var writesCompleted: Int { state.withLock { $0.writesCompleted } }
    public var writesStarted: Int { state.withLock { $0.writesStarted } }
    /// Writes that started while another was in progress (must stay 0: they share the temp file).
    public var overlappingWrites: Int { state.withLock { $0.overlappingWrites } }
    public var fsyncs: Int { state.withLock { $0.fsyncs } }

    // MARK: TrustDisk

    public func read() async throws -> Data? {
        try state.withLock { state in
            try Self.checkUp(state)
            return state.files[TrustFile.fileName]
        }?.data
    }

    public func writeAtomically(_ data: Data, syncDirectory: Bool) async throws -> TrustWriteTiming {
        try await write(.bytes(data), syncDirectory: syncDirectory)
    }

    public func writeAtomically(file: TrustFile, syncDirectory: Bool) async throws -> TrustWriteTiming {
        try await write(.trustFile(file), syncDirectory: syncDirectory)
    }

    private func write(_ data: Stored, syncDirectory: Bool) async throws -> TrustWriteTiming {
        let start = runtime.now
        try state.withLock { state in
            try Self.checkUp(state)
            if state.writesInFlight > 0 { state.overlappingWrites += 1 }
            state.writesInFlight += 1
            state.writesStarted += 1
        }
        defer { state.withLock { $0.writesInFlight -= 1 } }

        if faults.shouldFailWrite() {
            throw TrustDiskError.injectedWriteFailure
        }
        try stage(TrustFile.temporaryFileName, data, crashPoint: .midWrite, crashContent: data.torn)
        try crashIfArmed(.beforeFileFsync, leaving: data.torn)
        let fileFsync = try await fsync()
        try crashIfArmed(.beforeRename, leaving: data)
        try crashIfArmed(.beforeDirectoryFsync, leaving: data)
        try state.withLock { state in
            try Self.checkUp(state)
            state.files[TrustFile.fileName] = state.files.removeValue(forKey: TrustFile.temporaryFileName)
        }
        let directoryFsync = syncDirectory ? try await fsync() : .zero
        state.withLock { $0.writesCompleted += 1 }
        return TrustWriteTiming(total: start.duration(to: runtime.now), fsync: fileFsync + directoryFsync)
    }

    public func removeLeftovers() async throws -> [String] {
        try state.withLock { state in
            try Self.checkUp(state)
            return state.files.removeValue(forKey: TrustFile.temporaryFileName) == nil
                ? [] : [TrustFile.temporaryFileName]
        }
    }

    public func setAside() async throws -> String {
        try state.withLock { state in
            try Self.checkUp(state)
            guard let data = state.files.removeValue(forKey: TrustFile.fileName) else {
                throw TrustDiskError.system(call: "rename", errno: ENOENT)
            }
            var index = 1
            while state.files[TrustFile.setAsidePrefix + "\(index)"] != nil { index += 1 }
            state.files[TrustFile.setAsidePrefix + "\(index)"] = data
            return TrustFile.setAsidePrefix + "\(index)"
        }
    }

    // MARK: Steps

    private static func checkUp(_ state: State) throws {
        if let point = state.crashed { throw TrustDiskError.crashed(point) }
    }

    private func stage(
        _ name: String, _ data: Stored, crashPoint: TrustCrashPoint, crashContent: @autoclosure () -> Stored
    ) throws {
        try state.withLock { state in
            try Self.checkUp(state)
            if state.crashAt == crashPoint {
                state.files[name] = crashContent()
                state.crashAt = nil
                state.crashed = crashPoint
                throw TrustDiskError.crashed(crashPoint)
            }
            state.files[name] = data
        }
    }

    /// Crashes here if armed: the temporary file is left with `leaving`, the trust file untouched.
    private func crashIfArmed(_ point: TrustCrashPoint, leaving: @autoclosure () -> Stored) throws {
        try state.withLock { state in
            try Self.checkUp(state)
            guard state.crashAt == point else { return }
            state.files[TrustFile.temporaryFileName] = leaving()
            state.crashAt = nil
            state.crashed = point
            throw TrustDiskError.crashed(point)
        }
    }

    private func fsync() async throws -> Duration {
        let start = runtime.now
        await DiskLatency.pass(faults.fsyncLatency, on: runtime)
        try state.withLock { state in
            try Self.checkUp(state)
            state.fsyncs += 1
        }
        return start.duration(to: runtime.now)
    }
}
