import Backpressure
import BackpressureAgent
import DashboardModel
import Testing

@testable import DashboardHost

/// The attach host runs the generic detectors over the agent's snapshots: frames fed to it as
/// the reading thread would (no socket, no wall clock), the findings read from its frame.
@Suite struct AttachHostFindingsTests {
    static func handlers(heldFor ages: [Double], waited: Double) -> AgentSnapshot {
        let semaphore = SemaphoreSnapshot(
            name: "handlers", total: 2, available: 0, held: 2, isClosed: false, highWater: 2, acquisitions: 2,
            rejections: 0, waiters: [.init(label: nil, requested: 1, collected: 0, waited: .seconds(waited))],
            holders: ages.enumerated().map {
                .init(id: UInt64($0.offset), label: "request #\(17 + $0.offset)", permits: 1, age: .seconds($0.element))
            })
        let reading = InstrumentReading(owner: InstrumentOwner(component: "http"), snapshot: .semaphore(semaphore))
        return AgentSnapshot(sequence: 1, uptimeSeconds: 100, dropped: 0, resources: [AgentResource(reading)])
    }

    @Test func aPermitHeldPastTheThresholdShowsAsAGenericFinding() {
        let host = AttachHost(service: "orders", environment: [:])
        defer { host.shutdown() }
        host.receive(.hello(AgentHello(version: 1, service: "orders", pid: 42, startTime: 0, intervalSeconds: 0.1)))
        // Under the thresholds (5 s waiting, 60 s holding): nothing to say.
        host.receive(.snapshot(Self.handlers(heldFor: [59, 3], waited: 4)))
        #expect(host.frame().findings.isEmpty)

        host.receive(.snapshot(Self.handlers(heldFor: [72.3, 11], waited: 12)))
        let findings = host.frame().findings
        #expect(
            findings.map(\.cause) == [
                "waiter on handlers waited 12.0 s behind request #17 (held 72.3 s), request #18 (held 11.0 s)",
                "handlers held long by request #17 (held 72.3 s)",
            ])
        #expect(findings.allSatisfy { $0.isGeneric && $0.source == WarningLine.genericSource })
        // Since when, on the service's clock: its uptime (100 s) less the wait and the hold.
        #expect(findings.map { ($0.since.seconds * 10).rounded() } == [880, 277])
        // The subsystems' warnings (none over a service) stay apart.
        #expect(host.frame().warnings.isEmpty)
    }
}
