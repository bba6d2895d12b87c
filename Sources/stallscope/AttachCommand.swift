import ArgumentParser
import Backpressure
import BackpressureAgent
import Dashboard
import DashboardHost
import Engine
import Foundation
import Scenarios
import Terminal

/// `stallscope attach [TARGET] --once`: one snapshot of a running service's primitives, from its
/// BackpressureAgent.
struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Read a running service's primitives from its BackpressureAgent.",
        discussion:
            "TARGET is a pid, a socket path or a service name (as `stallscope ps` lists them); with none, the one running agent. Without --once, the dashboard's permits, channels and events panels over the service (space pauses the view, q detaches); with --once, prints one snapshot and exits."
    )

    /// How long `--once` waits for the first snapshot after the hello, beyond the agent's own
    /// interval.
    static let snapshotGrace: Duration = .seconds(5)

    @Argument(help: "A pid, a socket path or a service name.") var target: String?
    @Flag(help: "Print one snapshot and exit.") var once = false
    @Option(help: "text or json (with --once).") var format: OutputFormat = .text
    @Option(help: "Theme name (see `stallscope themes list`).") var theme: String?
    @Option(help: "Directory searched first for themes.") var themesDir: String?
    @Option(help: "Report a task waiting this long for a permit, with its holders (default 5s).")
    var waitThreshold: String?
    @Option(help: "Report a permit held this long (default 60s).") var holdThreshold: String?
    @Option(help: "Report a channel full this long, with what its consumer does (default 5s).")
    var fullThreshold: String?

    /// The generic detectors' thresholds: the defaults, each replaced by its option.
    func thresholds() throws(UsageError) -> StallThresholds {
        func parse(_ text: String?, _ option: String, default value: Duration) throws(UsageError) -> Duration {
            guard let text else { return value }
            let duration = try DurationParser.parse(text)
            guard duration > .zero else { throw UsageError("--\(option) must be more than 0, not '\(text)'") }
            return duration
        }
        let standard = StallThresholds.standard
        return StallThresholds(
            waiterWait: try parse(waitThreshold, "wait-threshold", default: standard.waiterWait),
            permitHold: try parse(holdThreshold, "hold-threshold", default: standard.permitHold),
            channelFull: try parse(fullThreshold, "full-threshold", default: standard.channelFull))
    }

    func run() throws {
        let thresholds = try thresholds()
        let path = try Self.resolve(target)
        guard once else { return try dashboard(path: path, thresholds: thresholds) }
        let connection: AgentConnection
        let hello: AgentHello
        do {
            (connection, hello) = try AgentProbe.connect(path: path)
        } catch {
            throw UsageError("cannot attach to \(path): \(error)")
        }
        let timeout = Self.snapshotGrace + .milliseconds(Int64(hello.intervalSeconds * 1_000))
        let deadline = ContinuousClock.now + timeout
        while true {
            let read: (frame: AgentFrame, payload: [UInt8])
            do {
                read = try connection.readFrame(timeout: deadline - .now)
            } catch {
                FileHandle.standardError.write(
                    Data("stallscope: no snapshot from \(Format.printable(path)): \(error)\n".utf8))
                throw ExitCode(1)
            }
            guard case .snapshot(let snapshot) = read.frame else { continue }
            let findings = Self.findings(in: snapshot, thresholds: thresholds)
            switch format {
            case .json:
                print(Self.json(hello: hello, path: path, snapshotPayload: read.payload, findings: findings))
            case .text: print(Self.text(hello: hello, snapshot: snapshot, findings: findings))
            }
            return
        }
    }

    /// The attached dashboard, until `q`.
    private func dashboard(path: String, thresholds: StallThresholds) throws {
        let hello: AgentHello
        do {
            (_, hello) = try AgentProbe.connect(path: path)
        } catch {
            throw UsageError("cannot attach to \(path): \(error)")
        }
        let environment = ProcessInfo.processInfo.environment
        let catalog = ThemeCatalog(
            directories: ThemeCatalog.searchPath(
                themesDir: themesDir, environment: environment, executablePath: Bundle.main.executablePath))
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let themeName = theme ?? (noColor ? Theme.monochrome.name : Theme.dark.name)
        let chosenTheme: Theme
        do { chosenTheme = try catalog.load(named: themeName) } catch { throw UsageError("invalid theme: \(error)") }
        let options = DashboardOptions(
            framesPerSecond: Self.framesPerSecond, theme: chosenTheme, catalog: catalog)
        do {
            try TerminalDashboard.run(crashLogPath: CrashLog.path(stateDirectory: nil)) {
                DashboardApp(
                    host: AttachHost(
                        service: hello.service, socketPath: path, environment: environment, thresholds: thresholds),
                    options: options)
            }
        } catch {
            throw UsageError(String(error.description.dropFirst("stallscope: ".count)))
        }
    }

    /// The attached dashboard draws at the agent's default pace.
    static let framesPerSecond = 10

    /// The socket TARGET names. A name or pid must match exactly one running agent.
    static func resolve(_ target: String?) throws -> String {
        if let target, target.contains("/") { return target }
        let scan = try AgentProbe.scan()
        let running = scan.running
        guard let target else {
            switch running.count {
            case 1: return running[0].path
            case 0: throw UsageError("no agent running (looked in \(scan.directory))")
            default:
                print(PsCommand.table(running))
                throw UsageError("\(running.count) agents running: name one by pid, socket path or name")
            }
        }
        let matches: [AgentProbe.Running]
        if let pid = Int32(target), target.allSatisfy(\.isNumber) {
            matches = running.filter { $0.hello.pid == pid }
            guard !matches.isEmpty else { throw UsageError("no agent with pid \(target) in \(scan.directory)") }
        } else {
            matches = running.filter { $0.hello.service == target }
            guard !matches.isEmpty else { throw UsageError("no agent named '\(target)' in \(scan.directory)") }
        }
        guard matches.count == 1 else {
            let pids = matches.map { "\($0.hello.pid)" }.joined(separator: ", ")
            throw UsageError("\(matches.count) agents named '\(target)' (pids \(pids)): name one by pid")
        }
        return matches[0].path
    }

    /// What the generic detectors see in one snapshot: long waits, long holds, wait chains and
    /// cycles (each judged from the ages a snapshot carries). A full channel needs two snapshots
    /// to be timed, so `--once` never reports one; the dashboard does.
    static func findings(in snapshot: AgentSnapshot, thresholds: StallThresholds) -> [StallFinding] {
        var detection = StallDetection(thresholds: thresholds)
        return detection.observe(snapshot.resources.compactMap(\.reading), at: wireDuration(snapshot.uptimeSeconds))
    }

    /// One finding for scripts: its kind, resource, blockers and the line for people.
    private struct FindingRecord: Encodable {
        let kind: String
        let resource: String
        let blockers: [String]
        let text: String
    }

    /// `{"findings":[...],"pid":...,"service":...,"snapshot":<the agent's frame as sent>,"socket":...}`.
    static func json(hello: AgentHello, path: String, snapshotPayload: [UInt8], findings: [StallFinding]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        func encoded(_ value: some Encodable) -> String {
            (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
        }
        let records = findings.map {
            FindingRecord(kind: $0.kind, resource: $0.resource, blockers: $0.blockers, text: $0.description)
        }
        return "{\"findings\":\(encoded(records)),\"pid\":\(hello.pid),\"service\":\(encoded(hello.service)),"
            + "\"snapshot\":" + String(decoding: snapshotPayload, as: UTF8.self) + ",\"socket\":\(encoded(path))}"
    }

    static func text(hello: AgentHello, snapshot: AgentSnapshot, findings: [StallFinding] = []) -> String {
        var lines = [
            "\(hello.service)  pid \(hello.pid)  snapshot #\(snapshot.sequence)  uptime "
                + Format.duration(.milliseconds(Int64(snapshot.uptimeSeconds * 1_000)))
        ]
        if snapshot.resources.isEmpty { lines.append("(no primitives registered)") }
        let rows = snapshot.resources.map { [$0.kind, $0.name, describe($0)] }
        let widths = (0..<2).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            lines.append(
                (0..<2).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                    .joined(separator: "  ") + "  " + row[2])
        }
        lines += findings.map { "STALL  \($0.description)" }
        return lines.map(Format.printable).joined(separator: "\n")
    }

    private static func describe(_ resource: AgentResource) -> String {
        if let s = resource.semaphore {
            var text = "held \(s.held)/\(s.total), \(s.waiters.count) waiting"
            if !s.holders.isEmpty {
                text +=
                    "; holders: "
                    + s.holders.prefix(3).map { "\($0.label) (\(seconds($0.ageSeconds)))" }
                    .joined(separator: ", ")
                if s.holders.count > 3 { text += ", +\(s.holders.count - 3)" }
            }
            return text + (s.isClosed ? ", closed" : "")
        }
        if let c = resource.channel {
            let receiver = c.receiverWaiting ? "receiver parked" : "receiver busy"
            return "\(c.length + c.reserved)/\(c.capacity), \(c.waitingSenders) senders waiting, \(receiver)"
                + (c.isClosed ? ", closed" : "")
        }
        if let d = resource.dirtySignal {
            return "\(d.pendingMarks) pending" + (d.dirtyForSeconds.map { ", dirty for \(seconds($0))" } ?? "")
        }
        if let g = resource.gate { return (g.isOpen ? "open" : "closed") + ", \(g.waiting) waiting" }
        return ""
    }

    private static func seconds(_ value: Double) -> String {
        Format.duration(.milliseconds(Int64(value * 1_000)))
    }
}
