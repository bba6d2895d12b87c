import ArgumentParser
import Dashboard
import Engine
import Foundation
import Scenarios

/// `stallscope themes [list | check FILE]`.
struct ThemesSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the themes found, or check a theme file.",
        discussion:
            "Search order: --themes-dir, $XDG_CONFIG_HOME/stallscope/themes, PREFIX/share/stallscope/themes, the repository's themes/."
    )

    @Argument(help: "list (default) or check") var action = "list"
    @Argument(help: "The theme file to check.") var file: String?
    @Option(help: "Directory searched first for themes.") var themesDir: String?

    func run() throws {
        switch action {
        case "list":
            let catalog = ThemeCatalog(
                directories: ThemeCatalog.searchPath(
                    themesDir: themesDir, environment: ProcessInfo.processInfo.environment,
                    executablePath: Bundle.main.executablePath))
            let entries = catalog.entries()
            if !entries.contains(where: { $0.name == Theme.dark.name }) { print("dark  (built in)") }
            for entry in entries {
                let status: String
                if entry.isShadowed {
                    status = "shadowed"
                } else {
                    do {
                        _ = try ThemeCatalog.load(file: entry.path)
                        status = "ok"
                    } catch { status = "INVALID: \(error.problem)" }
                }
                print(Format.printable("\(entry.name)  \(entry.path)  \(status)"))
            }
        case "check":
            guard let file else { throw UsageError("themes check needs a FILE") }
            do {
                let theme = try ThemeCatalog.load(file: file)
                print(Format.printable("\(file): ok (theme \(theme.name))"))
            } catch {
                throw UsageError(String(describing: error))
            }
        default:
            throw UsageError("unknown themes action '\(action)' (use list or check FILE)")
        }
    }
}
