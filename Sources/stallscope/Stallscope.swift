import ArgumentParser

@main
struct Stallscope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stallscope",
        abstract: "Watch and reproduce async backpressure stalls.",
        discussion: """
            A live terminal dashboard over a real concurrency engine built from five production
            stalls. Subcommands are added as the engine, scenarios and dashboard land.
            """,
        version: StallscopeVersion.string
    )
}
