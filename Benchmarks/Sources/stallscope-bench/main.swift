import BenchmarkCases
import Foundation

// stallscope-bench time [--quick N] [case ...]   one timing line per case and implementation
// stallscope-bench report RESULTS [ALLOCS]         the ratio table and the targets
// stallscope-bench list [--tokio]                  the case names, in order (--tokio: those
//                                                  tokio-bench has too)
// stallscope-bench scenario [--repeat N] STALLSCOPE NAME POLICY [DURATION]
//                                                  times `STALLSCOPE run NAME --policy POLICY`
//                                                  (best wall of N), one scenario line
// stallscope-bench scenario-report RESULTS         the scenario table and its targets
// stallscope-bench scale [--repeat N] STALLSCOPE KEY DEFAULT DURATION
//                                                  times `STALLSCOPE run steady --set KEY=V`
//                                                  at V = 1x, 10x and 100x DEFAULT, one line each
// stallscope-bench scale-report RESULTS            the scaling table and its target

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("stallscope-bench: \(message)\n".utf8))
    exit(2)
}

func selectedCases(_ names: [String]) -> [BenchmarkCase] {
    if names.isEmpty { return BenchmarkCatalog.cases }
    return names.map { name in
        guard let found = BenchmarkCatalog.named(name) else {
            fail("unknown case \(name); known cases: \(BenchmarkCatalog.cases.map(\.name).joined(separator: " "))")
        }
        return found
    }
}

/// Takes `OPTION N` off the front of `arguments` if it is there: N, a count >= 1; else 1.
func countOption(_ option: String, _ arguments: inout ArraySlice<String>) -> Int {
    guard arguments.first == option else { return 1 }
    arguments.removeFirst()
    guard let value = arguments.popFirst().flatMap(Int.init), value >= 1 else { fail("\(option) needs a count >= 1") }
    return value
}

func time(_ arguments: [String]) async {
    var arguments = arguments[...]
    let quickDivisor = countOption("--quick", &arguments)
    for benchmark in selectedCases(Array(arguments)) {
        for variant in benchmark.variants {
            let ops = benchmark.ops(for: variant, quickDivisor: quickDivisor)
            let best = await BenchmarkRunner.best(of: variant, ops: ops)
            let line = ResultLine(
                caseName: benchmark.name, implementation: variant.implementation,
                nanosecondsPerOp: BenchmarkRunner.nanosecondsPerOp(best, ops: ops), ops: ops)
            print(line.formatted)
            fflush(nil)  // each line shows up as soon as its case is done
        }
    }
}

func report(_ arguments: [String]) {
    guard let resultsPath = arguments.first else { fail("report needs a results file") }
    func lines(_ path: String) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("cannot read \(path)") }
        return text.split(separator: "\n").map(String.init)
    }
    let results = BenchmarkResults(
        timings: lines(resultsPath).compactMap(ResultLine.init(parsing:)),
        allocations: arguments.count > 1 ? lines(arguments[1]).compactMap(AllocationLine.init(parsing:)) : [])
    print(BenchmarkReport(results: results).rendered, terminator: "")
}

func scenario(_ arguments: [String]) {
    var arguments = arguments[...]
    let repetitions = countOption("--repeat", &arguments)
    let positional = Array(arguments)
    guard (3...4).contains(positional.count) else { fail("scenario needs STALLSCOPE NAME POLICY [DURATION]") }
    let (stallscope, name, policy) = (positional[0], positional[1], positional[2])
    var runArguments = ["run", name, "--policy", policy, "--format", "json"]
    if positional.count == 4 { runArguments += ["--duration", positional[3]] }
    let (best, peakMegabytes) = bestRun(stallscope, runArguments, repetitions: repetitions, what: "\(name) \(policy)")
    // The line names the ladder step alone (the scenario says which subsystem it belongs to).
    let step = policy.split(separator: "=").last.map(String.init) ?? policy
    let line = ScenarioLine(
        scenario: name, policy: step, virtualSeconds: best.virtualSeconds, wallSeconds: best.wallSeconds,
        maxResidentMegabytes: peakMegabytes, verdict: best.verdict)
    print(line.formatted)
    fflush(nil)
}

/// The fastest of `repetitions` runs of `stallscope arguments`, and the largest resident size
/// any of them reached.
func bestRun(
    _ stallscope: String, _ arguments: [String], repetitions: Int, what: String
) -> (best: ScenarioTimer.Measurement, peakMegabytes: Double) {
    var best: ScenarioTimer.Measurement?
    var peakMegabytes = 0.0
    for _ in 0..<repetitions {
        let measurement: ScenarioTimer.Measurement
        do {
            measurement = try ScenarioTimer.measure(stallscope: stallscope, arguments: arguments)
        } catch {
            fail("\(what): \(error)")
        }
        peakMegabytes = max(peakMegabytes, measurement.maxResidentMegabytes)
        if best.map({ measurement.wallSeconds < $0.wallSeconds }) ?? true { best = measurement }
    }
    guard let best else { fail("no repetition ran") }
    return (best, peakMegabytes)
}

func scale(_ arguments: [String]) {
    var arguments = arguments[...]
    let repetitions = countOption("--repeat", &arguments)
    let positional = Array(arguments)
    guard positional.count == 4 else { fail("scale needs STALLSCOPE KEY DEFAULT DURATION") }
    let (stallscope, key, defaultValue, duration) = (positional[0], positional[1], positional[2], positional[3])
    for factor in [1, ScaleReport.stepFactor, ScaleReport.stepFactor * ScaleReport.stepFactor] {
        guard let value = ScaleLine.multiply(defaultValue, by: factor) else {
            fail("\(key): default '\(defaultValue)' is not a number")
        }
        let runArguments = ["run", "steady", "--format", "json", "--duration", duration, "--set", "\(key)=\(value)"]
        let (best, peakMegabytes) = bestRun(stallscope, runArguments, repetitions: repetitions, what: "\(key)=\(value)")
        print(
            ScaleLine(
                key: key, factor: factor, value: value, virtualSeconds: best.virtualSeconds,
                wallSeconds: best.wallSeconds,
                maxResidentMegabytes: peakMegabytes, verdict: best.verdict
            ).formatted)
        fflush(nil)
    }
}

func scaleReport(_ arguments: [String]) {
    guard let path = arguments.first, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        fail("scale-report needs a readable results file")
    }
    let lines = text.split(separator: "\n").compactMap { ScaleLine(parsing: String($0)) }
    print(ScaleReport(lines: lines).rendered, terminator: "")
}

func scenarioReport(_ arguments: [String]) {
    guard let path = arguments.first, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        fail("scenario-report needs a readable results file")
    }
    let lines = text.split(separator: "\n").compactMap { ScenarioLine(parsing: String($0)) }
    print(ScenarioReport(lines: lines).rendered, terminator: "")
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "time": await time(Array(arguments.dropFirst()))
case "report": report(Array(arguments.dropFirst()))
case "list":
    let tokioOnly = arguments.dropFirst().first == "--tokio"
    for benchmark in BenchmarkCatalog.cases where !tokioOnly || benchmark.hasTokioPeer { print(benchmark.name) }
case "scenario": scenario(Array(arguments.dropFirst()))
case "scenario-report": scenarioReport(Array(arguments.dropFirst()))
case "scale": scale(Array(arguments.dropFirst()))
case "scale-report": scaleReport(Array(arguments.dropFirst()))
default:
    fail(
        "usage: stallscope-bench time [--quick N] [case ...] | report RESULTS [ALLOCS] | list [--tokio]"
            + " | scenario [--repeat N] STALLSCOPE NAME POLICY [DURATION] | scenario-report RESULTS"
            + " | scale [--repeat N] STALLSCOPE KEY DEFAULT DURATION | scale-report RESULTS")
}
