import Engine
import Runtime

/// Runs a scenario headless on a deterministic runtime, as fast as the machine allows.
///
/// The timeline's actions are applied between jobs at their exact virtual instants (as the
/// dashboard's `PacedDriver.perform` does), and the stall detector samples the engine every
/// `sampleInterval`; so the same request always produces the same report and record.
public struct ScenarioRunner: Sendable {
    /// How often the detectors look at the engine, in virtual time.
    public static let sampleInterval: Duration = .milliseconds(250)

    public typealias EngineBuilder = @Sendable (EngineContext, RunRequest) throws(UsageError) -> Engine

    private let build: String
    private let makeEngine: EngineBuilder

    public init(build: String, makeEngine: @escaping EngineBuilder) {
        self.build = build
        self.makeEngine = makeEngine
    }

    public struct Outcome: Sendable {
        public let report: RunReport
        public let record: RecordFile

        public init(report: RunReport, record: RecordFile) {
            self.report = report
            self.record = record
        }
    }

    public func run(_ request: RunRequest) throws(UsageError) -> Outcome {
        let runtime = DeterministicRuntime(seed: request.seed)
        let engine = try makeEngine(EngineContext(runtime: runtime), request)
        engine.start()

        var detector = StallDetector()
        var pending = request.actions[...]
        let end = RuntimeInstant(sinceStart: request.duration)
        var nextSample = RuntimeInstant.start.advanced(by: Self.sampleInterval)
        while runtime.now < end {
            let nextAction = pending.first.map { RuntimeInstant(sinceStart: $0.at) }
            let target = min(nextAction ?? end, nextSample, end)
            runtime.run(until: target)
            while let step = pending.first, step.at <= runtime.now.sinceStart {
                engine.apply(step.action)
                pending.removeFirst()
                runtime.runUntilIdle()
            }
            if runtime.now >= nextSample {
                detector.observe(engine.stallWarnings())
                nextSample = nextSample.advanced(by: Self.sampleInterval)
            }
        }
        detector.observe(engine.stallWarnings())

        let verdict = detector.verdict
        let report = RunReport(
            scenario: request.scenario.name, policy: request.policy.description, seed: request.seed,
            virtualSeconds: runtime.now.sinceStart.seconds,
            wallSeconds: 0,  // the caller measures wall time: the runner itself never reads it
            verdict: verdict, warnings: detector.warnings.map(WarningRecord.init), metrics: engine.metrics())
        let header = RecordHeader(
            build: build, scenario: request.scenario.name, policy: request.policy.description, seed: request.seed,
            duration: request.duration, overrides: request.overrides)
        let record = RecordFile(
            header: header,
            actions: request.actions.filter { $0.at <= request.duration }.map { ($0.at, $0.action) },
            inputs: [],
            trailer: RecordTrailer(verdict: verdict, virtualNanoseconds: runtime.now.sinceStart.nanoseconds,
                                   finalStateDigest: Self.digest(of: report)))
        return Outcome(report: report, record: record)
    }

    /// FNV-1a of the report without its wall time: what a replay must reproduce exactly.
    static func digest(of report: RunReport) -> String {
        var stable = report
        stable.wallSeconds = 0
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in stable.json().utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return String(hash, radix: 16)
    }
}
