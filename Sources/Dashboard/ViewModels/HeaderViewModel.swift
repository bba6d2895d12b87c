/// The top line: what runs, with which policy and seed, how fast, and how it is doing.
public struct HeaderViewModel: Equatable, Sendable {
    public var scenario: String
    public var policy: String
    public var seed: UInt64
    public var speed: Double
    /// Since the run's start.
    public var virtualTime: Duration
    public var isPaused: Bool
    /// A recording played to its end (`DashboardFrame.hasEnded`).
    public var hasEnded = false
    /// Whether seed and speed mean anything (`DashboardFrame.isDriven`).
    public var isDriven = true
    public var warningCount: Int
    public var themeName: String

    public init(
        scenario: String, policy: String, seed: UInt64, speed: Double, virtualTime: Duration,
        isPaused: Bool, warningCount: Int, themeName: String
    ) {
        self.scenario = scenario
        self.policy = policy
        self.seed = seed
        self.speed = speed
        self.virtualTime = virtualTime
        self.isPaused = isPaused
        self.warningCount = warningCount
        self.themeName = themeName
    }
}
