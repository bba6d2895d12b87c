import BenchmarkCases
import Foundation

/// The human-readable part of `make bench`: ns per op side by side, the ratios, allocations per
/// op, and the issue's targets marked PASS or MISS.
struct BenchmarkReport {
    /// Issue 18's targets: ours over tokio's in the same run, at most this much.
    static let tokioRatioLimits: [(caseName: String, limit: Double, title: String)] = [
        ("semaphore_uncontended", 1.2, "uncontended acquire+release within 1.2x of tokio"),
        ("semaphore_try_acquire", 1.2, "tryAcquire+release within 1.2x of tokio"),
        ("semaphore_contended_2tasks", 2.0, "contended acquire, two tasks, within 2x of tokio"),
        ("mpsc_try_send_recv", 1.0, "trySend+tryReceive at or below tokio"),
        ("mpsc_send_recv_2tasks", 1.0, "send/receive, two tasks, at or below tokio"),
        ("mpsc_try_send_full", 1.0, "trySend on a full channel at or below tokio"),
        ("timeout_ready", 2.0, "withDeadline around a ready operation within 2x of tokio"),
    ]
    /// A send/receive pair must be at least this many times faster than AsyncStream's.
    static let asyncStreamSpeedupMinimum = 10.0
    /// Allocations per op below this count as none: the differential count can pick up a stray
    /// allocation of the runtime, never one per operation.
    static let allocationNoiseFloorPerOp = 0.001
    /// The issue's render budget: a busy 200x60 frame rendered and diffed within this.
    static let renderLimitMilliseconds = 1.0
    /// A whole steady frame with 100x the listener's peers (issue 17).
    static let scaledFrameLimitMilliseconds = 2.0
    /// Issue 20: going back anywhere in a 10-minute steady session, in wall seconds.
    static let rewindLimitSeconds = 1.0

    let results: BenchmarkResults

    var rendered: String {
        [timingTable, allocationTable, targets].compactMap { $0 }.joined(separator: "\n")
    }

    // MARK: Tables

    private var timingTable: String {
        let peers: [Implementation] = [.tokio, .asyncstream, .asyncchannel]
        var rows = [
            ["case"] + Implementation.allCases.map(\.rawValue) + [
                "ours/tokio", "asyncstream/ours", "asyncchannel/ours", "floor/tokio",
            ]
        ]
        for benchmark in BenchmarkCatalog.cases {
            let name = benchmark.name
            var row = [name] + Implementation.allCases.map { cell(results.nanosecondsPerOp(name, $0), digits: 1) }
            row.append(ratioCell(results.ratio(name, .stallscope, over: .tokio)))
            for peer in peers.dropFirst() { row.append(ratioCell(results.ratio(name, peer, over: .stallscope))) }
            row.append(ratioCell(results.ratio(name, .floor, over: .tokio)))
            rows.append(row)
        }
        return "ns per operation, best of \(BenchmarkRunner.repetitions) (lower is better); "
            + "ours/tokio below 1 means faster than tokio, peer/ours above 1 means we are that many times faster; "
            + "floor is the least Swift's default executor allows for the loop\n"
            + TextTable.render(rows)
    }

    private var allocationTable: String? {
        guard results.hasAllocations else { return nil }
        let implementations: [Implementation] = [.stallscope, .asyncstream, .asyncchannel]
        var rows = [["case"] + implementations.map(\.rawValue)]
        for benchmark in BenchmarkCatalog.cases {
            rows.append(
                [benchmark.name] + implementations.map { cell(results.allocationsPerOp(benchmark.name, $0), digits: 3) }
            )
        }
        return "malloc calls per operation (interposer preloaded; differential count, setup excluded)\n"
            + TextTable.render(rows)
    }

    // MARK: Targets

    private var targets: String {
        var lines = ["targets"]
        for (caseName, limit, title) in Self.tokioRatioLimits {
            guard let ratio = results.ratio(caseName, .stallscope, over: .tokio) else {
                lines.append(skipped(title, "\(caseName): tokio or stallscope not measured"))
                continue
            }
            var detail = "\(caseName): \(format(ratio, 2))x tokio"
            // Where the executor's floor was measured, say how far below the limit it leaves room.
            if let floor = results.ratio(caseName, .floor, over: .tokio) {
                detail += " (the executor's floor for this loop: \(format(floor, 2))x)"
            }
            lines.append(verdict(ratio <= limit, title, detail))
        }
        let pairTitle = "send/receive pair at least 10x faster than AsyncStream yield/next"
        if let speedup = results.ratio("mpsc_try_send_recv", .asyncstream, over: .stallscope) {
            lines.append(
                verdict(
                    speedup >= Self.asyncStreamSpeedupMinimum, pairTitle,
                    "mpsc_try_send_recv: \(format(speedup, 1))x faster"))
        } else {
            lines.append(skipped(pairTitle, "mpsc_try_send_recv: not measured"))
        }
        for (title, caseName) in [
            ("no allocation: semaphore acquire+release", "semaphore_uncontended"),
            ("no allocation: tryAcquire", "semaphore_try_acquire"),
            ("no allocation: trySend on a full channel", "mpsc_try_send_full"),
            ("no allocation: trySend+tryReceive", "mpsc_try_send_recv"),
            ("no allocation: withDeadline around a ready operation", "timeout_ready"),
        ] {
            if let perOp = results.allocationsPerOp(caseName, .stallscope) {
                lines.append(
                    verdict(
                        perOp < Self.allocationNoiseFloorPerOp, title, "\(caseName): \(format(perOp, 3)) per op"))
            } else {
                lines.append(skipped(title, "\(caseName): allocations not measured"))
            }
        }
        let renderTitle = "render+diff of a busy 200x60 frame at most 1 ms"
        if let nanoseconds = results.nanosecondsPerOp("dashboard_render_200x60", .stallscope) {
            let milliseconds = nanoseconds / 1e6
            lines.append(
                verdict(
                    milliseconds <= Self.renderLimitMilliseconds, renderTitle,
                    "dashboard_render_200x60: \(format(milliseconds, 3)) ms"))
        } else {
            lines.append(skipped(renderTitle, "dashboard_render_200x60: not measured"))
        }
        let scaleTitle = "a steady frame with 20,000 peer channels at most 2 ms"
        if let nanoseconds = results.nanosecondsPerOp("dashboard_frame_steady_20000_peers_120x40", .stallscope) {
            let milliseconds = nanoseconds / 1e6
            lines.append(
                verdict(
                    milliseconds <= Self.scaledFrameLimitMilliseconds, scaleTitle,
                    "dashboard_frame_steady_20000_peers_120x40: \(format(milliseconds, 3)) ms"))
        } else {
            lines.append(skipped(scaleTitle, "dashboard_frame_steady_20000_peers_120x40: not measured"))
        }
        for (name, place) in [
            ("dashboard_rewind_steady_10min_to_middle", "the middle"),
            ("dashboard_rewind_steady_10min_to_end", "just before the end"),
            ("dashboard_rewind_steady_10min_to_before_middle", "just before the middle (the spare)"),
        ] {
            let title = "back to \(place) of a 10-minute steady session under 1 s"
            if let nanoseconds = results.nanosecondsPerOp(name, .stallscope) {
                let seconds = nanoseconds / 1e9
                lines.append(
                    verdict(seconds < Self.rewindLimitSeconds, title, "\(name): \(format(seconds, 3)) s"))
            } else {
                lines.append(skipped(title, "\(name): not measured"))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func verdict(_ passed: Bool, _ title: String, _ detail: String) -> String {
        "\(passed ? "PASS" : "MISS")  \(pad(title, 68))\(detail)"
    }

    private func skipped(_ title: String, _ reason: String) -> String {
        "SKIP  \(pad(title, 68))\(reason)"
    }

    // MARK: Formatting

    private func cell(_ value: Double?, digits: Int) -> String {
        value.map { format($0, digits) } ?? "-"
    }

    private func ratioCell(_ value: Double?) -> String {
        value.map { format($0, 2) + "x" } ?? "-"
    }

    private func format(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
