import Engine
import Foundation
import Runtime

#if canImport(Glibc)
    import Glibc
#endif

/// Child process of the trust store's crash-consistency test (Tests/EngineTests/Trust).
///
/// `trust-crash-child <state-dir> <save-log> <seed> [run|start-only]`: starts a `fixed` trust
/// manager on real files in `<state-dir>` (which removes leftovers of the previous run), prints
/// `ready cleaned=<n> sequence=<s>`, then (in `run` mode) applies random mutations forever while
/// the saver writes. Before every atomic write it appends `TrustFile.fingerprint` of the bytes
/// about to be written to `<save-log>`, so the test can check that the trust file it finds after
/// a SIGKILL is one of the states a save wrote, never a torn one.
@main
struct TrustCrashChild {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 4, let seed = UInt64(arguments[3]) else {
            FileHandle.standardError.write(
                Data("usage: trust-crash-child <state-dir> <save-log> <seed> [run|start-only]\n".utf8))
            exit(2)
        }
        let runtime = LiveRuntime(seed: seed)
        let context = EngineContext(runtime: runtime)
        let disk = RecordingTrustDisk(
            inner: TrustFileDisk(directory: arguments[1], runtime: runtime), log: arguments[2])
        let manager = TrustManager(context: context, policy: .fixed, config: TrustConfig(), disk: disk)
        await manager.start()
        let cleaned = manager.snapshot().leftoversRemoved
        // Unbuffered: the test reads this line while the process keeps running.
        FileHandle.standardOutput.write(Data("ready cleaned=\(cleaned) sequence=\(manager.appliedChanges)\n".utf8))
        guard arguments.count < 5 || arguments[4] == "run" else { return }
        let random = runtime.random.fork("crash-child")
        while true {
            let peer = "peer-\(random.int(in: 0..<40))"
            let mutation: TrustMutation =
                switch random.int(in: 0..<7) {
                case 0:
                    .request(
                        nodeId: peer, publicKey: "key-\(peer)", justification: "crash test",
                        source: "net-\(random.int(in: 0..<4))")
                case 1: .approve(nodeId: peer, network: "net-0")
                case 2: .accept(nodeId: peer, publicKey: "key-\(peer)", network: nil)
                case 3: .markMutual(nodeId: peer)
                case 4: .revoke(nodeId: peer, period: .milliseconds(random.int(in: 1...50)))
                case 5: .reject(nodeId: peer)
                default: .expire
                }
            _ = try await manager.mutate(mutation)
        }
    }
}
