import ArgumentParser
import Foundation

@main
struct Stallscope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stallscope",
        abstract: "Watch and reproduce async backpressure stalls.",
        discussion: """
            A live terminal dashboard over a real concurrency engine built from five production
            stalls. With no subcommand, opens the dashboard.
            """,
        version: StallscopeVersion.string,
        subcommands: [DashboardSubcommand.self, ThemesSubcommand.self],
        defaultSubcommand: DashboardSubcommand.self
    )

    /// Usage errors exit 2 (DESIGN.md's contract), not ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
