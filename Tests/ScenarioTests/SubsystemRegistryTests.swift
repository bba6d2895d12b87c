import Engine
import Foundation
import Runtime
import Scenarios
import Testing

/// Walks every registered subsystem descriptor: what a new subsystem must get right to join.
@Suite struct SubsystemRegistryTests {
    static let descriptors = SubsystemRegistry.all

    @Test func eachDescriptorIsWhole() {
        #expect(Set(Self.descriptors.map(\.id)).count == Self.descriptors.count)
        for descriptor in Self.descriptors {
            #expect(SubsystemID(rawValue: descriptor.id.rawValue) == descriptor.id)
            #expect(descriptor.ladder.count >= 2 && descriptor.fixedStep == PolicyLadders.fixedStep, "\(descriptor.id)")
            #expect(
                !descriptor.stallKinds.isEmpty && !descriptor.scenarios.isEmpty && !descriptor.commands.isEmpty,
                "\(descriptor.id)")
            #expect(descriptor.scenarios.allSatisfy { $0.incident == descriptor.id && !$0.stallingSteps.isEmpty })
        }
        let kinds = Self.descriptors.flatMap(\.stallKinds)
        #expect(Set(kinds).count == kinds.count, "a stall kind belongs to one subsystem")
        let keys = Self.descriptors.flatMap { $0.commands.map(\.key) }
        #expect(Set(keys).count == keys.count, "a key belongs to one subsystem")
    }

    /// Every action a descriptor knows (its scenarios' timelines, its commands in the state a
    /// fresh engine is in, a cancel) comes back equal from a record file.
    @Test func eachActionRoundTripsThroughTheRecordFormat() throws {
        var actions: [EngineAction] = Self.descriptors.map { .cancel($0.id) }
        actions += Self.descriptors.flatMap { $0.scenarios.flatMap { $0.timeline.map(\.action) } }
        let (engine, _) = try Self.steady()
        actions += engine.offeredCommands().map(\.state.action)
        for descriptor in Self.descriptors {
            #expect(
                actions.contains { $0.subsystem == descriptor.id && $0 != .cancel(descriptor.id) }, "\(descriptor.id)")
        }
        let header = RecordHeader(
            build: "test", origin: .run, scenario: "steady", policy: "fixed", seed: 1, duration: .seconds(1),
            overrides: [],
            stateDirectory: nil)
        let file = RecordFile(
            header: header,
            entries: actions.enumerated().map { index, action in
                .action(at: RecordInstant(.milliseconds(Int64(index))), by: .timeline, action: action)
            },
            trailer: nil)
        #expect(actions.allSatisfy { $0.boundsViolation == nil }, "\(actions.compactMap(\.boundsViolation))")
        let parsed = try RecordFile.parse(file.encoded(), path: "walk.jsonl", build: "test")
        #expect(parsed.actions.map(\.action) == actions)
        #expect(parsed.actions.map(\.action.description) == actions.map(\.description))
    }

    /// A record's actions come from outside: one out of its bounds is a bad line, refused
    /// before anything runs.
    @Test func anActionOutOfBoundsIsABadLine() throws {
        let header = RecordHeader(
            build: "test", origin: .run, scenario: "relay-upstream-drop", policy: "fixed", seed: 1,
            duration: .seconds(1),
            overrides: [], stateDirectory: nil)
        for action: EngineAction in [
            .dropUpstream(hop: 0, afterFragments: 1), .slowHop(hop: Int.max, factor: 2), .injectStuckReaders(count: -1),
            .connectionFlood(clients: 10, interval: .zero), .setDiskLatency(.seconds(-1)), .handshakeFlood(count: 0),
        ] {
            let file = RecordFile(
                header: header, entries: [.action(at: RecordInstant(.zero), by: .timeline, action: action)],
                trailer: nil)
            #expect(throws: UsageError.self, "\(action)") {
                try RecordFile.parse(file.encoded(), path: "bad.jsonl", build: "test")
            }
        }
    }

    /// Each key builds its subsystem at its default and at both ends of its range, and a value
    /// past the top is one usage error naming the key.
    @Test func eachParameterKeyTakesItsRangeAndRefusesBeyond() throws {
        for descriptor in Self.descriptors {
            for parameter in descriptor.parameters {
                let key = "\(descriptor.id).\(parameter.key)"
                func build(_ value: String) throws(UsageError) {
                    let context = EngineContext(runtime: DeterministicRuntime(seed: 1))
                    _ = try descriptor.make(
                        context: context, step: descriptor.fixedStep,
                        parameters: [ParameterOverride(key: key, value: value)],
                        environment: SubsystemEnvironment())
                }
                /// Accepted, or refused only by a rule between this key and another one of the
                /// subsystem's (the trust store's per-source limit within its total).
                func accepts(_ value: String) {
                    do {
                        try build(value)
                    } catch {
                        let others = descriptor.parameters.map(\.key).filter { $0 != parameter.key }
                        #expect(others.contains { error.message.contains($0) }, "\(key)=\(value): \(error.message)")
                    }
                }
                let (low, high, beyond) = Self.ends(of: parameter.range)
                accepts(parameter.defaultValue)
                accepts(low)
                accepts(high)
                do {
                    try build(beyond)
                    Issue.record("\(key)=\(beyond) was accepted")
                } catch {
                    #expect(error.message.contains(key) && !error.message.contains("\n"), "\(error.message)")
                }
            }
        }
    }

    /// A command's state is the engine's: set the fault as a timeline would, and the key shows
    /// and does what follows from it; pressing on brings a toggle or a cycle back where it began.
    @Test func eachCommandFollowsTheEngineWhoeverSetTheFault() throws {
        let (engine, runtime) = try Self.steady()
        func state(_ key: Character) -> CommandState? { engine.offeredCommands().first { $0.key == key }?.state }
        for offered in engine.offeredCommands() {
            engine.apply(offered.state.action)  // as a timeline or a record would, not through the key
            runtime.runUntilIdle()
            let after = try #require(state(offered.key))
            guard after.isActive != offered.state.isActive else { continue }
            #expect(after.action != offered.state.action, "\(offered.key): the next press does something else")
            #expect(after.label != offered.state.label, "\(offered.key): and the footer says so")
            var presses = 1
            while let current = state(offered.key), current != offered.state, presses < 8 {
                engine.apply(current.action)
                runtime.runUntilIdle()
                presses += 1
            }
            #expect(state(offered.key) == offered.state, "\(offered.key) comes back after \(presses) presses")
        }
    }

    static func steady() throws -> (Engine, DeterministicRuntime) {
        let runtime = DeterministicRuntime(seed: 1)
        let engine = try EngineFactory.make(
            context: EngineContext(runtime: runtime), request: RunRequest(scenario: try ScenarioCatalog.named("steady"))
        )
        engine.start()
        runtime.run(for: .seconds(1))
        return (engine, runtime)
    }

    /// The bottom and top of a range as text, and a value just past the top.
    static func ends(of range: ParameterRange) -> (String, String, String) {
        switch range {
        case .duration(let bounds, _):
            return (
                DurationSyntax.format(bounds.lowerBound), DurationSyntax.format(bounds.upperBound),
                DurationSyntax.format(bounds.upperBound + .nanoseconds(1))
            )
        case .wholeNumber(let bounds):
            return ("\(bounds.lowerBound)", "\(bounds.upperBound)", "\(bounds.upperBound)1")
        case .rate(let bounds, _):
            return ("\(bounds.lowerBound)", "\(bounds.upperBound)", "\(bounds.upperBound * 10)")
        }
    }
}
