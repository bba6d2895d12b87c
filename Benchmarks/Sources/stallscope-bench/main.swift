import BenchmarkCases
import Foundation

// stallscope-bench time [--quick N] [case ...]   one timing line per case and implementation
// stallscope-bench report RESULTS [ALLOCS]         the ratio table and the targets
// stallscope-bench list [--tokio]                  the case names, in order (--tokio: those
//                                                  tokio-bench has too)

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

func time(_ arguments: [String]) async {
    var arguments = arguments[...]
    var quickDivisor = 1
    if arguments.first == "--quick" {
        arguments.removeFirst()
        guard let value = arguments.popFirst().flatMap(Int.init), value >= 1 else { fail("--quick needs a divisor >= 1") }
        quickDivisor = value
    }
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

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "time": await time(Array(arguments.dropFirst()))
case "report": report(Array(arguments.dropFirst()))
case "list":
    let tokioOnly = arguments.dropFirst().first == "--tokio"
    BenchmarkCatalog.cases.filter { !tokioOnly || $0.hasTokioPeer }.forEach { print($0.name) }
default: fail("usage: stallscope-bench time [--quick N] [case ...] | report RESULTS [ALLOCS] | list [--tokio]")
}
