import Backpressure
import Engine
import Runtime
import Scenarios
import Testing

/// The generic detectors (primitive snapshots only) against each subsystem's own detector, on
/// every scenario under every ladder step it stalls under (seed 7, virtual time): where the
/// subsystem's stall shows in the primitives, both name the same blocker at the same instant;
/// where it does not, the disagreement is listed with its reason and with exactly what the
/// generic detectors report instead, so a change on either side fails here. The README's table
/// says the same in words.
@Suite struct GenericDetectionAgreementTests {
    enum Expectation: Sendable {
        /// At some sample both name the blocker: the first capture of `blocker` in the subsystem
        /// warning's cause is a generic finding's blocker (a holder's label) or its resource.
        case agree(blocker: String)
        /// The generic detectors cannot name it, for `reason`; over the whole run they report
        /// exactly `generic` ("kind resource", sorted) instead.
        case disagree(reason: String, generic: [String])
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let scenario: String
        let step: String
        /// The subsystem warning compared: the scenario's own stall.
        let kind: String
        let expectation: Expectation

        var testDescription: String { "\(scenario) \(step) \(kind)" }
    }

    static let seed: UInt64 = 7

    static let taskTracker =
        "the step waits on a task tracker (the engine's own bookkeeping), not on a registered primitive"
    static let relayHandles =
        "relay hops hand fragments through their own stream handles and wakeup lists: no registered primitive waits"
    static let shortWaits =
        "the flood's waits and the channel's full spells are each shorter than the generic thresholds (5 s); "
        + "the subsystem's own detector counts them"

    static let fsyncQueue =
        "each hold is one fsync (50-200 ms) and the queue behind it turns over within 5 s: the subsystem's detector "
        + "judges the queue by its length, the generic one by its waiters' age"

    static let rows: [Row] = [
        Row(
            scenario: "cold-dispatch-deadlock", step: "tasktracker", kind: "dispatcher-parked",
            expectation: .disagree(reason: taskTracker, generic: [])),
        Row(
            scenario: "cold-stuck-reader", step: "tasktracker", kind: "writer-drain-blocked",
            expectation: .disagree(reason: taskTracker, generic: [])),
        Row(
            scenario: "cold-stuck-reader", step: "semaphore", kind: "writer-drain-blocked",
            expectation: .agree(blocker: #"by (read #\d+)"#)),
        Row(
            scenario: "cold-stream-saturation", step: "tasktracker", kind: "writer-drain-blocked",
            expectation: .disagree(
                reason: taskTracker + "; what shows is the stream-slot queue, whose waiters (\"stream #N\") are the "
                    + "drain's blockers (\"read #N\") under another label",
                generic: ["long-wait cold.stream-slots"])),
        Row(
            scenario: "cold-stream-saturation", step: "semaphore", kind: "writer-drain-blocked",
            expectation: .agree(blocker: #"by (read #\d+)"#)),
        Row(
            scenario: "cold-stream-saturation", step: "permit-attached", kind: "writer-drain-blocked",
            expectation: .agree(blocker: #"by (read #\d+)"#)),
        Row(
            scenario: "cold-stream-setup-hang", step: "tasktracker", kind: "writer-drain-blocked",
            expectation: .disagree(reason: taskTracker, generic: [])),
        Row(
            scenario: "cold-stream-setup-hang", step: "semaphore", kind: "writer-drain-blocked",
            expectation: .agree(blocker: #"by (read #\d+)"#)),
        Row(
            scenario: "cold-stream-setup-hang", step: "permit-attached", kind: "writer-drain-blocked",
            expectation: .agree(blocker: #"by (read #\d+)"#)),
        Row(
            scenario: "cold-shutdown-during-drain", step: "tasktracker", kind: "writer-drain-blocked",
            expectation: .disagree(reason: taskTracker, generic: [])),
        Row(
            scenario: "cold-shutdown-during-drain", step: "semaphore", kind: "writer-drain-blocked",
            expectation: .agree(blocker: #"by (read #\d+)"#)),
        Row(
            scenario: "cold-write-after-read-burst", step: "tasktracker", kind: "dispatcher-parked",
            expectation: .disagree(reason: taskTracker, generic: [])),
        Row(
            scenario: "relay-upstream-drop", step: "shared-cancel", kind: "relay-fork-cancelled",
            expectation: .disagree(reason: relayHandles, generic: [])),
        Row(
            scenario: "relay-upstream-drop", step: "own-sync-state", kind: "relay-lost-wakeup",
            expectation: .disagree(reason: relayHandles, generic: [])),
        Row(
            scenario: "relay-lost-wakeup", step: "own-sync-state", kind: "relay-lost-wakeup",
            expectation: .disagree(reason: relayHandles, generic: [])),
        Row(
            scenario: "relay-source-stops", step: "shared-cancel", kind: "relay-source-stopped",
            expectation: .disagree(reason: relayHandles, generic: [])),
        Row(
            scenario: "relay-source-stops", step: "own-sync-state", kind: "relay-lost-wakeup",
            expectation: .disagree(reason: relayHandles, generic: [])),
        Row(
            scenario: "listener-wedged-slot", step: "spin-channel", kind: "consumer-spinning",
            expectation: .agree(blocker: #"^(peer\[\d+\] connection recv on peer\[\d+\]\.in)"#)),
        Row(
            scenario: "listener-nat-full", step: "spin-channel", kind: "listener-blocked",
            expectation: .agree(blocker: #"send on (nat) channel"#)),
        Row(
            scenario: "listener-nat-full", step: "await-nat", kind: "listener-blocked",
            expectation: .agree(blocker: #"send on (nat) channel"#)),
        Row(
            scenario: "accept-flood", step: "inline", kind: "handshake-channel-full",
            expectation: .disagree(reason: shortWaits, generic: [])),
        Row(
            scenario: "accept-stale-entry", step: "inline", kind: "handshake-channel-full",
            expectation: .agree(blocker: #"held by (routing lookup #\d+)"#)),
        Row(
            scenario: "accept-stale-entry", step: "spawn-per-connection", kind: "lock-herd",
            expectation: .agree(blocker: #"held by (routing lookup #\d+)"#)),
        Row(
            scenario: "accept-spawn-herd", step: "inline", kind: "handshake-channel-full",
            expectation: .disagree(reason: shortWaits, generic: [])),
        Row(
            scenario: "accept-spawn-herd", step: "spawn-per-connection", kind: "stale-entries",
            expectation: .disagree(
                reason: "a peer entry left behind by a registration that ran late is bookkeeping, not a wait",
                generic: [])),
        Row(
            scenario: "trust-slow-disk", step: "under-lock", kind: "trust-lock-held",
            expectation: .agree(blocker: #"held \d+ ms by (.+): fsync"#)),
        Row(
            scenario: "trust-slow-disk", step: "read-locked-write", kind: "trust-lock-held",
            expectation: .disagree(reason: fsyncQueue, generic: [])),
        Row(
            scenario: "trust-stop-loses-changes", step: "under-lock", kind: "trust-lock-held",
            expectation: .disagree(reason: fsyncQueue, generic: [])),
        Row(
            scenario: "trust-stop-loses-changes", step: "read-locked-write", kind: "trust-lock-held",
            expectation: .disagree(reason: fsyncQueue, generic: [])),
    ]

    /// Every step a scenario stalls under has its row, and nothing else does.
    @Test func theTableCoversEveryStallingStep() {
        let stalling = ScenarioCatalog.all.flatMap { scenario in
            scenario.incident.map { incident in
                PolicyLadders.steps(incident).filter { scenario.stallingSteps.contains($0) }.map {
                    "\(scenario.name) \($0)"
                }
            } ?? []
        }
        #expect(Self.rows.map { "\($0.scenario) \($0.step)" } == stalling)
    }

    /// What the generic detectors report under `fixed` ("kind resource"), by scenario: only
    /// the NAT consumer the scenario itself stalls, whose channel is full and not draining
    /// (true; the fix drops packets instead of waiting on it).
    static let fixedFindings: [String: [String]] = ["listener-nat-full": ["channel-full listener.nat"]]

    @Test(arguments: ScenarioCatalog.all.map(\.name))
    func underTheFixedPoliciesTheGenericDetectorsStayQuiet(name: String) throws {
        let scenario = try ScenarioCatalog.named(name)
        let session = try Self.session(scenario, .fixed)
        var generic: Set<String> = []
        var instant = RuntimeInstant.start
        while instant.sinceStart < scenario.defaultDuration {
            instant = instant.advanced(by: ScenarioSession.sampleInterval)
            session.runtime.run(until: instant, schedule: session)
            generic.formUnion(
                session.engine.genericFindings(at: session.runtime.now).map { "\($0.kind) \($0.resource)" })
        }
        _ = session.finish(keepingViolations: true)
        #expect(generic.sorted() == Self.fixedFindings[name] ?? [])
    }

    static func session(_ scenario: Scenario, _ policy: PolicySelection) throws -> ScenarioSession {
        let session = try ScenarioSession(
            request: RunRequest(scenario: scenario, policy: policy, seed: Self.seed), build: "test", origin: .run,
            makeEngine: EngineFactory.make)
        session.start()
        return session
    }

    @Test(arguments: rows)
    func genericDetectorsNameTheSubsystemsBlocker(row: Row) throws {
        let scenario = try ScenarioCatalog.named(row.scenario)
        let incident = try #require(scenario.incident)
        var policy = PolicySelection.fixed
        try policy.set(incident, row.step)
        let session = try Self.session(scenario, policy)
        var fired = false
        var agreed: String?
        var generic: Set<String> = []
        var instant = RuntimeInstant.start
        while instant.sinceStart < scenario.defaultDuration {
            instant = instant.advanced(by: ScenarioSession.sampleInterval)
            session.runtime.run(until: instant, schedule: session)
            let findings = session.engine.genericFindings(at: session.runtime.now)
            generic.formUnion(findings.map { "\($0.kind) \($0.resource)" })
            for warning in session.engine.stallWarnings() where warning.kind.rawValue == row.kind {
                fired = true
                guard agreed == nil, case .agree(let pattern) = row.expectation else { continue }
                // A cause names its blocker only while there is one ("lock free" names none).
                guard let blocker = try Regex(pattern).firstMatch(in: warning.cause)?.output[1].substring else {
                    continue
                }
                if let finding = findings.first(where: {
                    $0.blockers.contains(String(blocker)) || $0.resource == blocker
                        || $0.resource.hasSuffix(".\(blocker)")
                }) {
                    agreed = "\(warning.cause) | \(finding)"
                }
            }
        }
        _ = session.finish(keepingViolations: true)
        #expect(fired, "the subsystem's own detector never fired \(row.kind)")
        switch row.expectation {
        case .agree:
            #expect(agreed != nil, "no generic finding named the blocker; generic saw \(generic.sorted())")
        case .disagree(_, let expected):
            #expect(generic.sorted() == expected)
        }
    }
}
