import Engine

/// `--duration` reads durations exactly as every `--set` key does (`DurationSyntax`); this only
/// turns a refusal into the command line's `UsageError`.
public enum DurationParser {
    /// Past this a run would not end in any wall time anyway (about 31 years of virtual time).
    static let longestRun: Duration = .nanoseconds(1_000_000_000_000_000_000)

    public static func parse(_ text: String) throws(UsageError) -> Duration {
        guard let duration = DurationSyntax.parse(text), duration < longestRun else {
            throw UsageError(
                "malformed duration '\(text)': use a number with a unit (ns, us, ms, s, m, h), like 120s, 2m, 1m30s or 500ms, up to 277777h"
            )
        }
        return duration
    }

    public static func format(_ duration: Duration) -> String { DurationSyntax.format(duration) }
}
