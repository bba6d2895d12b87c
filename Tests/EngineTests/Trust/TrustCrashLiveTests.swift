import Backpressure
import Dispatch
import Engine
import Foundation
import Runtime
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Real files, real processes: a child mutating and saving in a loop (`trust-crash-child`, the
/// `fixed` policy on `TrustFileDisk`) is SIGKILLed at random moments. After every kill the trust
/// file must parse and be byte for byte a state some save wrote; the next start must remove the
/// temporary file a kill left behind. ("Live" in the name: it blocks a thread on real time, so
/// `make test` runs it in the real-executor pass.)
@Suite struct TrustCrashLiveTests {
    static let kills = 100
    /// Wall-clock guard for the child to print its ready line (it normally takes milliseconds).
    static let readyGuardSeconds = 30

    @Test func aKilledSaverNeverLeavesATornTrustFile() throws {
        let child = try #require(
            Self.childExecutable(), "build the trust-crash-child product first (swift build --build-tests)")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stallscope-trust-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let state = root.appendingPathComponent("state").path
        let log = root.appendingPathComponent("saves.log").path
        let temporary = state + "/" + TrustFile.temporaryFileName
        try FileManager.default.createDirectory(atPath: root.path, withIntermediateDirectories: true)

        let random = RandomSource(seed: 2026)
        var lastSequence = 0
        var leftoverExpected = false
        var leftoversSeen = 0
        var planted = 0
        for kill in 0..<Self.kills {
            // Now and then plant a leftover ourselves, so cleaning is checked even if no kill
            // happened to land inside a save.
            if !leftoverExpected, kill % 10 == 5 {
                try Data("torn".utf8).write(to: URL(fileURLWithPath: temporary))
                leftoverExpected = true
                planted += 1
            }
            let process = try Self.launch(child, [state, log, "\(kill + 1)", "run"])
            let ready = try #require(try Self.readyLine(process), "kill \(kill): no ready line")
            #expect(ready.cleaned == (leftoverExpected ? 1 : 0), "kill \(kill): the start removes leftovers")
            #expect(ready.sequence == lastSequence, "kill \(kill): the start loads the last saved state")
            usleep(UInt32(random.int(in: 2_000...25_000)))
            Glibc.kill(process.process.processIdentifier, SIGKILL)
            process.process.waitUntilExit()
            #expect(
                process.process.terminationReason == .uncaughtSignal && process.process.terminationStatus == SIGKILL,
                "kill \(kill): the child died on its own")

            leftoverExpected = FileManager.default.fileExists(atPath: temporary)
            if leftoverExpected { leftoversSeen += 1 }
            guard let data = FileManager.default.contents(atPath: state + "/" + TrustFile.fileName) else {
                #expect(lastSequence == 0, "kill \(kill): the trust file vanished")
                continue
            }
            let file = try TrustFile.decode(data)
            let written = Set(try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init))
            #expect(
                written.contains(TrustFile.fingerprint(data)),
                "kill \(kill): the trust file is not a state any save wrote")
            #expect(file.sequence >= lastSequence, "kill \(kill): the trust file went back in time")
            #expect(file.state.checkInvariants(limits: .incident) == nil)
            let attributes = try FileManager.default.attributesOfItem(atPath: state + "/" + TrustFile.fileName)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            lastSequence = file.sequence
        }
        #expect(lastSequence > 0, "the children saved something")

        let last = try Self.launch(child, [state, log, "0", "start-only"])
        let ready = try #require(try Self.readyLine(last))
        last.process.waitUntilExit()
        #expect(ready.cleaned == (leftoverExpected ? 1 : 0))
        #expect(ready.sequence == lastSequence)
        #expect(!FileManager.default.fileExists(atPath: temporary))
        print(
            "trust crash test: \(Self.kills) kills, \(leftoversSeen) left a temporary file, \(planted) planted, last sequence \(lastSequence)"
        )
    }

    struct Child {
        let process: Process
        let output: Pipe
    }

    static func launch(_ executable: URL, _ arguments: [String]) throws -> Child {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        return Child(process: process, output: output)
    }

    /// The child's `ready cleaned=N sequence=S` line, waited for under a wall-clock guard.
    static func readyLine(_ child: Child) throws -> (cleaned: Int, sequence: Int)? {
        let line = LockedState<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        let handle = child.output.fileHandleForReading
        Thread.detachNewThread {
            var bytes: [UInt8] = []
            while true {
                let chunk = handle.readData(ofLength: 1)
                guard let byte = chunk.first, byte != UInt8(ascii: "\n") else { break }
                bytes.append(byte)
            }
            line.withLock { $0 = String(decoding: bytes, as: UTF8.self) }
            done.signal()
        }
        guard done.wait(timeout: .now() + .seconds(readyGuardSeconds)) == .success,
            let text = line.withLock({ $0 })
        else {
            child.process.terminate()
            return nil
        }
        let fields = Dictionary(
            uniqueKeysWithValues: text.split(separator: " ").dropFirst().compactMap { field in
                let pair = field.split(separator: "=")
                return pair.count == 2 ? (String(pair[0]), Int(pair[1]) ?? -1) : nil
            })
        guard text.hasPrefix("ready"), let cleaned = fields["cleaned"], let sequence = fields["sequence"] else {
            return nil
        }
        return (cleaned, sequence)
    }

    static func childExecutable() -> URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: ".build/debug"),
        ].map { $0.appendingPathComponent("trust-crash-child") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
