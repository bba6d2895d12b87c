/// The scenario part of `make bench`: every headless run's speed-up and peak memory, and the
/// issue's targets for them marked PASS or MISS.
struct ScenarioReport {
    /// `run steady --duration 600s` must finish within this wall time: 100x real time.
    static let steadyVirtualSeconds = 600.0
    static let steadyWallSecondsLimit = 6.0
    static let steadyResidentMegabytesLimit = 200.0
    /// Every incident scenario, under every step of its ladder, at its default duration.
    static let incidentWallSecondsLimit = 2.0

    let lines: [ScenarioLine]

    var rendered: String {
        table + "\n" + targets
    }

    private var table: String {
        var rows = [["scenario", "policy", "virtual_s", "wall_s", "speedup", "maxrss_mb", "verdict"]]
        for line in lines {
            rows.append([
                line.scenario, line.policy, ScenarioLine.format(line.virtualSeconds, 1),
                ScenarioLine.format(line.wallSeconds, 3), ScenarioLine.format(line.speedup, 1) + "x",
                ScenarioLine.format(line.maxResidentMegabytes, 1), line.verdict,
            ])
        }
        return "headless scenarios: wall time of `stallscope run` (release), speed-up = virtual s / wall s\n"
            + TextTable.render(rows, leftAligned: [0, 1, 6])
    }

    private var targets: String {
        var result = ["scenario targets"]
        let steadyTitle = "steady --duration 600s within \(Int(Self.steadyWallSecondsLimit)) s wall (>= 100x)"
        let memoryTitle = "steady --duration 600s under \(Int(Self.steadyResidentMegabytesLimit)) MB max RSS"
        if let steady = lines.first(where: { $0.scenario == "steady" && $0.virtualSeconds == Self.steadyVirtualSeconds }
        ) {
            result.append(
                Self.verdict(
                    steady.wallSeconds <= Self.steadyWallSecondsLimit, steadyTitle,
                    "\(ScenarioLine.format(steady.wallSeconds, 2)) s, \(ScenarioLine.format(steady.speedup, 0))x"))
            result.append(
                Self.verdict(
                    steady.maxResidentMegabytes < Self.steadyResidentMegabytesLimit, memoryTitle,
                    "\(ScenarioLine.format(steady.maxResidentMegabytes, 1)) MB"))
        } else {
            result.append("SKIP  \(Self.pad(steadyTitle))steady at 600 s not measured")
            result.append("SKIP  \(Self.pad(memoryTitle))steady at 600 s not measured")
        }
        let incidentTitle = "every incident scenario x ladder step under \(Int(Self.incidentWallSecondsLimit)) s wall"
        let incidents = lines.filter { $0.scenario != "steady" }
        if let slowest = incidents.max(by: { $0.wallSeconds < $1.wallSeconds }) {
            let over = incidents.filter { $0.wallSeconds >= Self.incidentWallSecondsLimit }
            let detail =
                over.isEmpty
                ? "\(incidents.count) runs, slowest \(slowest.scenario) \(slowest.policy) \(ScenarioLine.format(slowest.wallSeconds, 2)) s"
                : "\(over.count) of \(incidents.count) over: "
                    + over.map { "\($0.scenario) \($0.policy) \(ScenarioLine.format($0.wallSeconds, 2)) s" }.joined(
                        separator: ", ")
            result.append(Self.verdict(over.isEmpty, incidentTitle, detail))
        } else {
            result.append("SKIP  \(Self.pad(incidentTitle))no incident scenario measured")
        }
        return result.joined(separator: "\n") + "\n"
    }

    private static func verdict(_ passed: Bool, _ title: String, _ detail: String) -> String {
        "\(passed ? "PASS" : "MISS")  \(pad(title))\(detail)"
    }

    private static func pad(_ text: String) -> String {
        let width = 68
        return text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
