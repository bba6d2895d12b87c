import Backpressure
import BackpressureAgent
import Dashboard
import DashboardModel
import Foundation

/// A running service, through its BackpressureAgent, as a dashboard host: the permits, channels
/// and events panels over the agent's snapshots, the header naming the service and its pid, and
/// the generic stall detectors (`StallDetection`) run over every snapshot, their findings in the
/// warnings panel: a service has no detector of its own here.
///
/// A thread of its own reads the agent's frames; `frame()` answers from the newest. Pause freezes
/// the view, never the service (frames keep being read, so the agent drops nothing for us). When
/// the service goes away the header says so and the thread looks for an agent of the same
/// service name again, every ``reconnectInterval``, and attaches to it when it returns.
public final class AttachHost: DashboardHost {
    /// How often a lost service is looked for again.
    public static let reconnectInterval: Duration = .milliseconds(500)
    /// The longest one read waits before the thread checks whether it should stop.
    static let readSlice: Duration = .milliseconds(250)
    /// Events kept for the event log, in lines.
    static let eventsKept = 200

    private struct State {
        var hello: AgentHello?
        var snapshot: AgentSnapshot?
        var connected = false
        var events: [EventLine] = []
        var eventCount = 0
        var revision = 0
        var paused: DashboardFrame?
        var stopping = false
        /// Fed every snapshot, at the agent's uptime; started again with each hello (a new
        /// process, a new clock).
        var detection: StallDetection
        /// What it found in the newest snapshot.
        var findings: [StallFinding] = []
    }

    private let service: String
    private let environment: [String: String]
    /// How long a wait, a hold or a full channel may last before the detectors report it.
    private let thresholds: StallThresholds
    private let state: LockedState<State>
    private let finished = DispatchSemaphore(value: 0)
    /// Set once the reading thread is started: `shutdown()` waits for it only then.
    private let hasReader = LockedState(false)

    /// Attaches to the agent at `socketPath`, serving `service`; after the service exits, any
    /// agent of that name in the socket directory of `environment` is attached to.
    public convenience init(
        service: String, socketPath: String, environment: [String: String], thresholds: StallThresholds = .standard
    ) {
        self.init(service: service, environment: environment, thresholds: thresholds)
        let thread = Thread { [self] in
            readLoop(firstPath: socketPath)
            finished.signal()
        }
        thread.name = "AttachHost"
        hasReader.withLock { $0 = true }
        thread.start()
    }

    /// A host with no reading thread: frames come only through `receive(_:)` (tests feed it).
    init(service: String, environment: [String: String], thresholds: StallThresholds = .standard) {
        self.service = service
        self.environment = environment
        self.thresholds = thresholds
        self.state = LockedState(State(detection: StallDetection(thresholds: thresholds)))
    }

    // MARK: The reading thread

    private var isStopping: Bool { state.withLock { $0.stopping } }

    private func readLoop(firstPath: String) {
        var candidates = [firstPath]
        while !isStopping {
            // The newest pid first: an older socket of the same name may be a stale one.
            for path in candidates {
                guard let connection = try? AgentConnection(path: path) else { continue }
                read(connection)
                connection.close()
                if isStopping { return }
                record(level: .warn, "\(service) exited (or its agent stopped): waiting for it to return")
                state.withLock {
                    $0.connected = false
                    $0.findings = []  // nothing stalls in a service that is gone
                    $0.revision += 1
                }
                break
            }
            let deadline = ContinuousClock.now + Self.reconnectInterval
            while !isStopping && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
            candidates = AgentSocketDirectory.entries(environment: environment).filter { $0.name == socketName }
                .sorted { $0.pid > $1.pid }.map(\.path)
        }
    }

    /// The file name part a socket of this service has (`NAME` of `NAME.PID.sock`).
    private var socketName: String {
        String(AgentSocketDirectory.socketName(service: service, pid: 0).dropLast(".0.sock".count))
    }

    private func read(_ connection: AgentConnection) {
        while !isStopping {
            let frame: AgentFrame
            do {
                frame = try connection.readFrame(timeout: Self.readSlice).frame
            } catch .timedOut {
                continue
            } catch {
                return
            }
            guard receive(frame) else { return }
        }
    }

    /// Takes one frame from the agent; false for one a service never sends (the connection is
    /// given up).
    @discardableResult
    func receive(_ frame: AgentFrame) -> Bool {
        switch frame {
        case .hello(let hello):
            state.withLock {
                $0.hello = hello
                $0.connected = true
                $0.snapshot = nil
                $0.detection = StallDetection(thresholds: thresholds)
                $0.findings = []
                $0.revision += 1
            }
            record(level: .info, "attached to \(hello.service), pid \(hello.pid)")
        case .snapshot(let snapshot):
            let readings = snapshot.resources.compactMap(\.reading)
            state.withLock {
                $0.snapshot = snapshot
                $0.findings = $0.detection.observe(readings, at: wireDuration(snapshot.uptimeSeconds))
                $0.revision += 1
            }
            if snapshot.dropped > 0 { record(level: .warn, "\(snapshot.dropped) frames dropped (too slow)") }
        case .event(let event):
            let level: EventLine.Level =
                switch event.level {
                case "error", "critical": .error
                case "warning", "warn": .warn
                default: .info
                }
            record(level: level, event.message, at: wireDuration(event.uptimeSeconds), source: service)
        case .subscribe:
            return false
        }
        return true
    }

    private func record(level: EventLine.Level, _ text: String, at: Duration? = nil, source: String? = nil) {
        state.withLock { state in
            let at = at ?? wireDuration(state.snapshot?.uptimeSeconds ?? 0)
            state.eventCount += 1
            state.events.insert(
                EventLine(sequence: state.eventCount, at: at, level: level, source: source, text: text), at: 0)
            if state.events.count > Self.eventsKept { state.events.removeLast() }
            state.revision += 1
        }
    }

    // MARK: DashboardHost

    public var revision: Int { state.withLock { $0.revision } }

    public func frame() -> DashboardFrame {
        state.withLock { state in state.paused ?? Self.frame(of: state, service: service) }
    }

    private static func frame(of state: State, service: String) -> DashboardFrame {
        let name = state.hello.map { "\($0.service) pid \($0.pid)" } ?? service
        let now = wireDuration(state.snapshot?.uptimeSeconds ?? 0)
        var frame = DashboardFrame(
            scenario: name + (state.connected ? "" : " (exited: waiting for it to return)"),
            policy: state.connected ? "attached" : "detached", seed: 0, speed: 1, isPaused: state.paused != nil,
            virtualTime: now, resources: state.snapshot?.resources.compactMap(\.reading) ?? [], events: state.events,
            commands: [])
        frame.findings = state.findings.map { WarningLine($0, at: now) }
        frame.isDriven = false
        return frame
    }

    public func perform(_ key: Character, focus: DashboardFocus) {}

    public var isPaused: Bool { state.withLock { $0.paused != nil } }

    public func togglePause() {
        state.withLock { state in
            if state.paused == nil {
                var frozen = Self.frame(of: state, service: service)
                frozen.isPaused = true
                state.paused = frozen
            } else {
                state.paused = nil
            }
            state.revision += 1
        }
    }

    public func step() {}
    public var speed: Double { 1 }
    public func setSpeed(_ speed: Double) {}
    public func restart() {}

    public func travel(to instant: Duration) -> String { "an attached service cannot go back in time" }

    /// Detaches (the service runs on) and waits for the reading thread to end.
    @discardableResult
    public func shutdown() -> [String] {
        let first = state.withLock { state in
            defer { state.stopping = true }
            return !state.stopping
        }
        if first && hasReader.withLock({ $0 }) { finished.wait() }
        return []
    }
}
