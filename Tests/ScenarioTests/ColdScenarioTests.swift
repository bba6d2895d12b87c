import Engine
import Scenarios
import Testing

/// Cold storage's fix elements against the catalog (see Sources/Engine/Cold/README.md, the
/// ladder): each element no other one backs up is needed by a scenario; the rest are named
/// here with what covers for them, and the claim is checked both ways.
@Suite struct ColdFixElementTests {
    static func runner(withholding elements: Set<ColdFixElement>) -> ScenarioRunner {
        WithholdingRunner.make { context, request in
            ColdSubsystem(
                context: context, policy: .fixed, config: WithholdingRunner.config(ColdConfig.default, request),
                withholding: elements)
        }
    }

    /// Elements of `fixed` that no scenario needs alone, each with the elements that cover for
    /// it in `fixed`: the review's options 1 and 3 for stream setup (either keeps it off the
    /// drain), the read deadline for the cancel-select (a drain waits at most that long, then
    /// the shutdown goes on). The permit attached by the caller and the bounded shutdown have
    /// no stall of their own (see the README).
    static let notNeededAlone: [ColdFixElement: Set<ColdFixElement>] = [
        .streamSetupOffReadPermits: [.boundedStreamSetup],
        .boundedStreamSetup: [.streamSetupOffReadPermits],
        .cancellableDrain: [.readDeadline],
        .permitAttachedByCaller: [],
        .boundedShutdown: [],
    ]

    static let neededAlone = ColdFixElement.allCases.filter { Self.notNeededAlone[$0] == nil }

    @Test(arguments: neededAlone)
    func everyFixElementIsNeededByAScenario(element: ColdFixElement) throws {
        let stalled = try WithholdingRunner.stalled(Self.runner(withholding: [element]), .cold)
        #expect(!stalled.isEmpty, "no cold scenario stalls without \(element.rawValue)")
    }

    /// The list above stays true: an element it names stalls no scenario when withheld alone
    /// (one that does belongs in the test above).
    @Test(arguments: Array(notNeededAlone.keys))
    func theElementsCoveredByOthersStallNothingAlone(element: ColdFixElement) throws {
        let stalled = try WithholdingRunner.stalledOnAnySeed(Self.runner(withholding: [element]), .cold)
        #expect(stalled.isEmpty, "\(element.rawValue) is needed alone by \(stalled)")
    }

    /// Withheld together with what covers for it, an element is needed: the review's two
    /// options for stream setup bring back Scenarios A and B; the cancel-select withheld as well
    /// as the read deadline hangs shutdown, which the deadline's absence alone does not.
    @Test func theCoveredElementsAreNeededWithTheirCover() throws {
        let stream = try WithholdingRunner.stalled(
            Self.runner(withholding: [.streamSetupOffReadPermits, .boundedStreamSetup]), .cold)
        #expect(stream == ["cold-stream-saturation", "cold-stream-setup-hang"])

        let scenario = try ScenarioCatalog.named("cold-shutdown-during-drain")
        let noDeadline = try Self.runner(withholding: [.readDeadline]).run(RunRequest(scenario: scenario)).report
        #expect(noDeadline.verdict == .stall && !noDeadline.warnings.contains { $0.kind == .shutdownHung })
        let neither = try Self.runner(withholding: [.readDeadline, .cancellableDrain]).run(
            RunRequest(scenario: scenario)
        ).report
        #expect(neither.warnings.contains { $0.kind == .shutdownHung }, "\(neither.warnings.map(\.cause))")
    }

    @Test func eachStepIsTheSetOfElementsItHas() {
        #expect(ColdPolicy.tasktracker.fixElements.isEmpty)
        #expect(ColdPolicy.semaphore.fixElements == [.readSemaphore])
        #expect(
            ColdPolicy.permitAttached.fixElements == [
                .readSemaphore, .permitAttachedByCaller, .dispatcherWriterSplit, .cancellableDrain, .readDeadline,
            ])
        #expect(ColdPolicy.fixed.fixElements == Set(ColdFixElement.allCases))
    }

    /// PR #57's `write_after_saturating_reads_makes_progress` as a scenario: with the caller's
    /// permit in the request and one loop, the write is selected while reads sit queued with
    /// their permits, and the drain waits for them forever; the split dispatcher keeps taking
    /// them.
    @Test func aPermitQueuedWithItsReadStrandsWithoutTheSplit() throws {
        let scenario = try ScenarioCatalog.named("cold-write-after-read-burst")
        let single = try Self.runner(withholding: [.dispatcherWriterSplit]).run(RunRequest(scenario: scenario)).report
        #expect(single.verdict == .stall)
        #expect(single.warnings.map(\.kind) == [.writerDrainBlocked], "\(single.warnings.map(\.cause))")
        let fixed = try ScenarioRunner(build: "test", makeEngine: EngineFactory.make).run(
            RunRequest(scenario: scenario)
        ).report
        #expect(fixed.verdict == .healthy, "\(fixed.warnings.map(\.cause))")
    }
}
