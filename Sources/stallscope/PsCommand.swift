import ArgumentParser
import BackpressureAgent
import Dashboard
import Engine
import Foundation

/// `stallscope ps`: the running agents, one line each; removes stale sockets and says so.
struct PsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ps",
        abstract: "List the services running a BackpressureAgent: name, pid, uptime, socket.",
        discussion:
            "Looks in $XDG_RUNTIME_DIR/stallscope (else $TMPDIR/stallscope-UID, else /tmp/stallscope-UID) and connects to each socket. A socket whose process is gone is removed."
    )

    @Option(help: "text or json.") var format: OutputFormat = .text

    private struct Listing: Encodable {
        struct Agent: Encodable {
            let name: String
            let pid: Int32
            let socket: String
            let uptimeSeconds: Double
        }
        struct Socket: Encodable {
            let socket: String
            let pid: Int32
            let reason: String?
        }
        let directory: String
        let agents: [Agent]
        let removedStale: [Socket]
        let unreachable: [Socket]
    }

    func run() throws {
        let scan = try AgentProbe.scan()
        switch format {
        case .json:
            let listing = Listing(
                directory: scan.directory,
                agents: scan.running.map {
                    .init(name: $0.hello.service, pid: $0.hello.pid, socket: $0.path, uptimeSeconds: $0.uptimeSeconds)
                },
                removedStale: scan.stale.map { .init(socket: $0.path, pid: $0.pid, reason: nil) },
                unreachable: scan.unreachable.map { .init(socket: $0.entry.path, pid: $0.entry.pid, reason: $0.reason) }
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(listing), as: UTF8.self))
        case .text:
            for entry in scan.stale {
                print(Format.printable("removed stale socket \(entry.path) (pid \(entry.pid) is gone)"))
            }
            for (entry, reason) in scan.unreachable {
                print(Format.printable("not answering: \(entry.path) (pid \(entry.pid)): \(reason)"))
            }
            if scan.running.isEmpty {
                print(Format.printable("no agents running (looked in \(scan.directory))"))
            } else {
                print(Self.table(scan.running))
            }
        }
    }

    /// NAME PID UPTIME SOCKET, aligned.
    static func table(_ running: [AgentProbe.Running]) -> String {
        let rows =
            [["NAME", "PID", "UPTIME", "SOCKET"]]
            + running.map {
                [
                    Format.printable($0.hello.service), "\($0.hello.pid)",
                    Format.duration(.milliseconds(Int64($0.uptimeSeconds * 1_000))), Format.printable($0.path),
                ]
            }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + "  " + row[3]
        }.joined(separator: "\n")
    }
}
