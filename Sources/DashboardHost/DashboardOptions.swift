import Dashboard

/// How the app loop runs: frame rate, theme, and the hidden forced crash the restore test uses.
public struct DashboardOptions: Sendable {
    public static let framesPerSecondRange: ClosedRange<Int> = 1...60
    /// Speed steps for `+` and `-`.
    public static let speedFactor = 2.0

    public var framesPerSecond: Int
    public var theme: Theme
    public var catalog: ThemeCatalog
    /// Crash on purpose this long after start (env STALLSCOPE_CRASH_AFTER_MS), so the end-to-end
    /// test can check the terminal is restored after a real Swift trap.
    public var crashAfter: Duration?

    public init(framesPerSecond: Int, theme: Theme, catalog: ThemeCatalog, crashAfter: Duration? = nil) {
        precondition(Self.framesPerSecondRange.contains(framesPerSecond), "fps out of range")
        self.framesPerSecond = framesPerSecond
        self.theme = theme
        self.catalog = catalog
        self.crashAfter = crashAfter
    }
}
