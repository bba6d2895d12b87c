/// The scaling part of `make bench`: for each load parameter, `steady`'s wall time at 1x, 10x
/// and 100x its default, the ratio between consecutive rows, and the target (issue 17): each
/// 10x step of the load costs at most 12x the wall time.
struct ScaleReport {
    static let stepFactor = 10
    static let stepCostLimit = 12.0

    let lines: [ScaleLine]

    var rendered: String {
        var rows = [["key", "factor", "value", "wall_s", "ratio", "maxrss_mb", "verdict", "target"]]
        var misses: [String] = []
        var steps = 0
        var keys: [String] = []
        for line in lines where !keys.contains(line.key) { keys.append(line.key) }
        for key in keys {
            let runs = lines.filter { $0.key == key }.sorted { $0.factor < $1.factor }
            for (index, run) in runs.enumerated() {
                var ratio = "-"
                var target = ""
                if index > 0 {
                    let previous = runs[index - 1]
                    let value = previous.wallSeconds > 0 ? run.wallSeconds / previous.wallSeconds : .infinity
                    let limit = Self.stepCostLimit * Double(run.factor / previous.factor) / Double(Self.stepFactor)
                    ratio = ScenarioLine.format(value, 2) + "x"
                    target = value <= limit ? "PASS" : "MISS"
                    steps += 1
                    if value > limit { misses.append("\(key) \(previous.factor)x->\(run.factor)x \(ratio)") }
                }
                rows.append([
                    key, "\(run.factor)x", run.value, ScenarioLine.format(run.wallSeconds, 3), ratio,
                    ScenarioLine.format(run.maxResidentMegabytes, 1), run.verdict, target,
                ])
            }
        }
        let virtual = lines.first.map { ScenarioLine.format($0.virtualSeconds, 0) } ?? "?"
        let title = "each 10x step of a load parameter costs at most \(Int(Self.stepCostLimit))x wall"
        let verdict: String
        if steps == 0 {
            verdict = "SKIP  \(title)  nothing measured"
        } else if misses.isEmpty {
            verdict = "PASS  \(title)  \(steps) steps"
        } else {
            verdict = "MISS  \(title)  \(misses.count) of \(steps) over: \(misses.joined(separator: ", "))"
        }
        return "scaling: wall time of `stallscope run steady --duration \(virtual)s --set KEY=VALUE` (release), "
            + "ratio = wall / wall of the row above\n" + TextTable.render(rows, leftAligned: [0, 6, 7])
            + "\nscaling target\n" + verdict + "\n"
    }
}
