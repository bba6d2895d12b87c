import Runtime
import Testing

@testable import Engine

/// The cold scenarios of the catalog, reproduced on the subsystem alone: their parameters and
/// timelines, warnings sampled every 250 ms as the scenario runner does, "stall" if any warning
/// was seen. Each scenario runs at the last step that stalls and the first that holds.
@Suite("Cold: catalog scenarios, stall and hold")
struct ColdScenarioShapeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let scenario: String
        let parameters: [String: String]
        let timeline: [(at: Duration, action: EngineAction)]
        let duration: Duration
        let policy: ColdPolicy
        let stalls: Bool

        var testDescription: String { "\(scenario) under \(policy.rawValue)" }
    }

    /// The first step stalls in every cold scenario: its drain waits for every read in flight
    /// (a stuck reader, a stream setup) and its loop never selects the token while it waits.
    static let tasktrackerCases: [Case] = cases.filter { $0.stalls && $0.policy != .tasktracker }.map {
        Case(
            scenario: $0.scenario, parameters: $0.parameters, timeline: $0.timeline, duration: $0.duration,
            policy: .tasktracker, stalls: true)
    }

    static let cases: [Case] = [
        Case(
            scenario: "cold-dispatch-deadlock", parameters: ["readConcurrency": "96"], timeline: [],
            duration: .seconds(60), policy: .tasktracker, stalls: true),
        Case(
            scenario: "cold-dispatch-deadlock", parameters: ["readConcurrency": "96"], timeline: [],
            duration: .seconds(60), policy: .semaphore, stalls: false),
        Case(
            scenario: "cold-stuck-reader", parameters: [:], timeline: [(.seconds(10), .injectStuckReaders(count: 1))],
            duration: .seconds(90), policy: .semaphore, stalls: true),
        Case(
            scenario: "cold-stuck-reader", parameters: [:], timeline: [(.seconds(10), .injectStuckReaders(count: 1))],
            duration: .seconds(90), policy: .permitAttached, stalls: false),
        Case(
            scenario: "cold-stream-saturation", parameters: ["logSubscribers": "12"], timeline: [],
            duration: .seconds(120), policy: .permitAttached, stalls: true),
        Case(
            scenario: "cold-stream-saturation", parameters: ["logSubscribers": "12"], timeline: [],
            duration: .seconds(120), policy: .fixed, stalls: false),
        Case(
            scenario: "cold-stream-setup-hang", parameters: ["logSubscribers": "2"],
            timeline: [(.seconds(10), .hangBackend(true))],
            duration: .seconds(90), policy: .permitAttached, stalls: true),
        Case(
            scenario: "cold-stream-setup-hang", parameters: ["logSubscribers": "2"],
            timeline: [(.seconds(10), .hangBackend(true))],
            duration: .seconds(90), policy: .fixed, stalls: false),
        Case(
            scenario: "cold-shutdown-during-drain", parameters: [:],
            timeline: [(.seconds(5), .injectStuckReaders(count: 1)), (.seconds(20), .cancel(.cold))],
            duration: .seconds(60), policy: .semaphore, stalls: true),
        Case(
            scenario: "cold-shutdown-during-drain", parameters: [:],
            timeline: [(.seconds(5), .injectStuckReaders(count: 1)), (.seconds(20), .cancel(.cold))],
            duration: .seconds(60), policy: .permitAttached, stalls: false),
    ]

    static let sampleInterval: Duration = .milliseconds(250)

    @Test(arguments: cases + tasktrackerCases)
    func verdict(_ test: Case) async throws {
        var config = ColdConfig.incident
        // Fewer reads than the dashboard's default keep the suite fast; the stalls do not need them.
        config.readRatePerSecond = 4
        for (key, value) in test.parameters { try config.set(key, value) }
        let driver = DeterministicDriver(seed: 3)
        let cold = ColdSubsystem(context: EngineContext(runtime: driver.runtime), policy: test.policy, config: config)
        cold.start()
        var timeline = test.timeline[...]
        var kinds: Set<String> = []
        var elapsed: Duration = .zero
        while elapsed < test.duration {
            await driver.advance(Self.sampleInterval)
            elapsed += Self.sampleInterval
            while let step = timeline.first, step.at <= elapsed {
                cold.apply(step.action)
                timeline.removeFirst()
            }
            kinds.formUnion(cold.stallWarnings().map(\.kind.rawValue))
        }
        #expect(kinds.isEmpty != test.stalls, "warnings seen: \(kinds.sorted())")
        await ColdSubsystemTests.stop(driver, cold)
    }
}
