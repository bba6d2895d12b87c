import ArgumentParser
import Dashboard
import Foundation

@main
struct Stallscope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stallscope",
        abstract: "Watch and reproduce async backpressure stalls.",
        discussion:
            "A live terminal dashboard over a real concurrency engine built from five production stalls, and the same scenarios headless with a verdict.",
        version: StallscopeVersion.string,
        subcommands: [
            DashboardSubcommand.self, RunCommand.self, ScenariosCommand.self, ReplayCommand.self, ExploreCommand.self,
            ThemesSubcommand.self, PsCommand.self, AttachCommand.self,
        ],
        defaultSubcommand: DashboardSubcommand.self
    )

    /// Exit codes are part of the command-line contract: 0 success (and `--expect` held), 1 an
    /// expectation or a replay did not hold, 2 bad input. Bad input is one line on stderr.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }
            let line = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            FileHandle.standardError.write(Data("stallscope: \(Format.printable(line))\n".utf8))
            Foundation.exit(2)
        }
    }
}
