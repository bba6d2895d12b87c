import DashboardModel
import Engine
import Scenarios

extension ScenarioChoice {
    /// Every scenario of the catalog, in `stallscope scenarios` order, with `fixed`, `legacy` and
    /// each other step of its incident's ladder (as `--policy` takes them) to run it under.
    public static var catalog: [ScenarioChoice] {
        ScenarioCatalog.all.map { scenario in
            let ladder =
                scenario.incident.map { incident in
                    PolicyLadders.steps(incident).filter { $0 != PolicyLadders.fixedStep }.map {
                        "\(incident.rawValue)=\($0)"
                    }
                } ?? []
            return ScenarioChoice(
                name: scenario.name, incident: scenario.incident?.rawValue, summary: scenario.summary,
                policies: [PolicySelection.fixed.description, PolicySelection.legacy.description] + ladder)
        }
    }
}
