import Engine
import Runtime
import Testing
import Foundation

@Suite(.serialized) struct AcceptExploreTests {
    @Test func explore() throws {
        let env = ProcessInfo.processInfo.environment
        var base = AcceptConfig.contended
        for pair in (env["ACCEPT_SET"] ?? "").split(separator: ",") {
            let kv = pair.split(separator: "=")
            try base.set(String(kv[0]), String(kv[1]))
        }
        let clients = Int(env["ACCEPT_CLIENTS"] ?? "40")!
        for policy in AcceptPolicy.allCases {
            let start = ContinuousClock.now
            let harness = AcceptHarness(policy: policy, config: base, seed: UInt64(env["ACCEPT_SEED"] ?? "1")!)
            let s = harness.flood(clients: clients)
            print(policy, "ok", s.identityOK, "to", s.identityTimedOut, "acc", s.accepted, "readers", s.readerTasksSpawned, "lostBR", s.lostBeforeReader, "hw", s.handshakeHighWater, "stale", s.staleEntries, "peakW", s.peersLock?.peakWaiters ?? -1, "waitp99", s.peersLock?.waitP99 ?? .zero, "jobs", harness.runtime.jobsExecuted, ContinuousClock.now - start)
            for w in s.warnings { print("  ", w.kind, w.cause) }
            #expect(harness.stop())
        }
    }
}
