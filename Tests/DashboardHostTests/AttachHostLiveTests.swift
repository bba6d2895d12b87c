import Backpressure
import BackpressureAgent
import DashboardHost
import DashboardModel
import Foundation
import Testing

/// The attached dashboard's host over a real agent on a real socket in a temporary directory.
/// Every wait is on a condition with a deadline.
@Suite(.serialized) struct AttachHostLiveTests {
    static let conditionDeadline: Duration = .seconds(20)

    func eventually(_ condition: () -> Bool) -> Bool {
        let end = ContinuousClock.now + Self.conditionDeadline
        while ContinuousClock.now < end {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return condition()
    }

    func held(_ frame: DashboardFrame) -> Int? {
        for reading in frame.resources {
            if case .semaphore(let semaphore) = reading.snapshot { return semaphore.held }
        }
        return nil
    }

    @Test func showsTheServiceFreezesOnPauseAndReattachesWhenItReturns() throws {
        var template = Array("/tmp/attach-host.XXXXXX".utf8CString)
        let runtime = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        defer { try? FileManager.default.removeItem(atPath: runtime) }
        let environment = ["XDG_RUNTIME_DIR": runtime]
        let configuration = AgentConfiguration(snapshotInterval: .milliseconds(10), environment: environment)
        let db = AsyncSemaphore(name: "db", permits: 3)
        let registry = InstrumentRegistry()
        registry.register(db, owner: InstrumentOwner(component: "store"))
        let agent = try BackpressureAgent.start(service: "orders", registry: registry, configuration: configuration)
        let host = AttachHost(service: "orders", socketPath: agent.socketPath, environment: environment)
        defer { host.shutdown() }

        #expect(eventually { host.frame().scenario == "orders pid \(getpid())" && held(host.frame()) == 0 })
        #expect(host.frame().policy == "attached")
        #expect(host.frame().resources.first?.owner == InstrumentOwner(component: "store"))

        // Paused, the view keeps what it showed while the service moves on.
        host.togglePause()
        #expect(host.isPaused && host.frame().isPaused)
        let permit = try db.tryAcquireOwned(2, label: "order #1")
        let movedOn = try AgentConnection(path: agent.socketPath)
        var seen = 0
        while seen != 2 {
            if case .snapshot(let s) = try movedOn.readFrame(timeout: Self.conditionDeadline).frame {
                seen = s.resources.first?.semaphore?.held ?? 0
            }
        }
        #expect(held(host.frame()) == 0)
        host.togglePause()
        #expect(eventually { held(host.frame()) == 2 })
        permit.release()

        // The service goes away: said in the header and the event log.
        agent.stop()
        #expect(eventually { host.frame().policy == "detached" })
        #expect(host.frame().scenario.hasSuffix("(exited: waiting for it to return)"))
        #expect(host.frame().events.first?.text.contains("exited") == true)

        // It comes back: attached again.
        let again = try BackpressureAgent.start(service: "orders", registry: registry, configuration: configuration)
        defer { again.stop() }
        #expect(eventually { host.frame().policy == "attached" })
        #expect(host.frame().scenario == "orders pid \(getpid())")
    }
}
