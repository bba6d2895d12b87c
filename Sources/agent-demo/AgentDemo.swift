import Backpressure
import BackpressureAgent
import Foundation
import Synchronization

/// A service in miniature for the command-line checks: a semaphore "workers" (4 permits) and a
/// channel "jobs" (capacity 8) whose holders and fill move every step, served by the agent until
/// SIGTERM or SIGINT (which stop the agent, so its socket goes) or `--seconds N`.
///
/// `agent-demo [--service NAME] [--seconds N]`
@main
struct AgentDemo {
    /// Time between two moves of the permits and the channel: 50 ms.
    static let stepInterval: Duration = .milliseconds(50)
    static let workerPermits = 4
    static let jobCapacity = 8

    static func main() throws {
        var service = "agent-demo"
        var seconds: Double?
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--service": service = arguments.popFirst() ?? service
            case "--seconds": seconds = arguments.popFirst().flatMap(Double.init)
            default:
                FileHandle.standardError.write(Data("agent-demo: unknown argument \(argument)\n".utf8))
                exit(2)
            }
        }

        let workers = AsyncSemaphore(name: "workers", permits: workerPermits)
        let (jobs, jobQueue) = BoundedChannel<Int>.make(name: "jobs", capacity: jobCapacity)
        let registry = InstrumentRegistry()
        registry.register(workers, owner: InstrumentOwner(component: "demo"))
        registry.register(jobQueue.instrument, owner: InstrumentOwner(component: "demo"))
        let events = AgentEventSink()
        let agent = try BackpressureAgent.start(service: service, registry: registry, events: events)
        FileHandle.standardOutput.write(Data("agent-demo: serving \(agent.socketPath)\n".utf8))

        let stop = Atomic(false)
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber)
            source.setEventHandler { stop.store(true, ordering: .relaxed) }
            source.resume()
            sources.append(source)
        }

        let started = ContinuousClock.now
        var held: [OwnedSemaphorePermit] = []
        var step = 0
        while !stop.load(ordering: .relaxed) {
            if let seconds, ContinuousClock.now - started >= .seconds(seconds) { break }
            // Holders cycle 0...4 and the channel 0...8, so two snapshots in a row differ.
            let wantHeld = step % (workerPermits + 1)
            while held.count > wantHeld { held.removeLast().release() }
            while held.count < wantHeld, let permit = try? workers.tryAcquireOwned(label: "job #\(step)") {
                held.append(permit)
            }
            let wantLength = step % (jobCapacity + 1)
            if wantLength == 0 {
                while case .element = jobQueue.tryReceive() {}
            } else {
                _ = jobs.trySend(step)
            }
            if step % 20 == 0 { events.emit(level: "info", message: "step \(step)") }
            step += 1
            Thread.sleep(forTimeInterval: Double(stepInterval.nanoseconds) / 1e9)
        }
        agent.stop()
        _ = sources
    }
}
