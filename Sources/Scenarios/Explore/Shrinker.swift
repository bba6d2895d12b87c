import Engine

/// Reduces a run that found something to a minimal one that finds the same kind, greedily and
/// in three passes, each repeated until nothing changes: drop faults one at a time (fewest
/// actions), move each fault earlier (to the start, then halfway), and simplify each fault's
/// values (`SubsystemAction.simpler`: smallest first). Delta debugging with chunks of one, which
/// is enough at the handful of faults a run draws.
struct Shrinker: Sendable {
    let explorer: Explorer

    /// The shrunk run, and how many runs shrinking took.
    func shrink(_ run: ExploreRun, keeping kind: FindingKind) -> (ExploreRun, runs: Int) {
        var runs = 0
        var current = run.faults
        func finds(_ faults: [Scenario.Step]) -> Bool {
            runs += 1
            return explorer.findings(of: run.with(faults)).contains(kind)
        }
        var changed = true
        while changed {
            changed = false
            // Fewest actions.
            var index = 0
            while index < current.count {
                var without = current
                without.remove(at: index)
                if finds(without) {
                    current = without
                    changed = true
                } else {
                    index += 1
                }
            }
            // Earliest instants.
            for index in current.indices {
                for earlier in Simpler.durations(current[index].at, toward: .zero) {
                    var moved = current
                    moved[index] = Scenario.Step(at: earlier, current[index].action)
                    if finds(moved) {
                        current = moved
                        changed = true
                        break
                    }
                }
            }
            // Smallest values.
            for index in current.indices {
                for simpler in current[index].action.simpler {
                    var simplified = current
                    simplified[index] = Scenario.Step(at: current[index].at, simpler)
                    if finds(simplified) {
                        current = simplified
                        changed = true
                        break
                    }
                }
            }
        }
        return (run.with(current), runs)
    }
}
