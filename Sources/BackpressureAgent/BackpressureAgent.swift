import Backpressure
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Serves a service's instrumented primitives to `stallscope attach` over a Unix domain socket.
///
/// ```swift
/// let agent = try BackpressureAgent.start(service: "checkout", registry: registry)
/// defer { agent.stop() }
/// ```
///
/// The socket is `NAME.PID.sock` in ``AgentSocketDirectory`` (mode 0600 in a 0700 directory);
/// there is no TCP listener. Every ``AgentConfiguration/snapshotInterval`` the agent reads the
/// registry and queues a snapshot frame to each client; a client that does not keep up loses
/// its oldest frames (counted in the next frame it gets), never the service's time or memory.
/// The agent runs on a thread of its own and touches the service only through
/// ``InstrumentRegistry/readings()`` and the optional ``AgentEventSink``.
public final class BackpressureAgent: Sendable {
    public let service: String
    public let pid: Int32
    public let socketPath: String
    private let loop: AgentLoop
    private let finished = DispatchSemaphore(value: 0)
    private let stopped = LockedState(false)

    private init(service: String, pid: Int32, socketPath: String, loop: AgentLoop) {
        self.service = service
        self.pid = pid
        self.socketPath = socketPath
        self.loop = loop
    }

    /// Starts serving `registry` (and `events`' lines) under the name `service`; the socket exists
    /// and accepts connections when this returns.
    public static func start(
        service: String, registry: InstrumentRegistry, events: AgentEventSink? = nil,
        configuration: AgentConfiguration = AgentConfiguration()
    ) throws(AgentError) -> BackpressureAgent {
        let directory = try AgentSocketDirectory.prepare(environment: configuration.environment)
        let pid = getpid()
        let path = directory + "/" + AgentSocketDirectory.socketName(service: service, pid: pid)
        let hello = AgentHello(
            version: AgentWireFormat.version, service: service, pid: pid,
            startTime: Date().timeIntervalSince1970, intervalSeconds: configuration.snapshotInterval.seconds)
        let loop = try AgentLoop(
            registry: registry, events: events, configuration: configuration, socketPath: path, hello: hello,
            started: .now)
        let agent = BackpressureAgent(service: service, pid: pid, socketPath: path, loop: loop)
        let finished = agent.finished
        let thread = Thread {
            loop.run()
            finished.signal()
        }
        thread.name = "BackpressureAgent"
        thread.start()
        return agent
    }

    /// What the agent has done so far, as of its loop's last turn.
    public var statistics: AgentStatistics { loop.statistics.withLock { $0 } }

    /// Closes every client, removes the socket and waits for the agent's thread to end. Safe to
    /// call more than once.
    public func stop() {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        loop.control.withLock { $0.stopRequested = true }
        loop.wake()
        finished.wait()
    }

    deinit {
        stop()
    }
}
