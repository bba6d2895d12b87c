/// The relay as one of the engine's subsystems: operator and scenario actions, warnings and
/// metrics for the run report.
extension RelaySubsystem: EngineSubsystem {
    public var id: SubsystemID { .relay }
    public var policyStep: String { policy.rawValue }

    public func apply(_ action: EngineAction) {
        switch action.operation {
        case .cancel:
            // The operator's cancel hits the oldest stream still in flight.
            if let stream = snapshot().streams.first(where: { $0.state == .flowing || $0.state == .stalled }) {
                cancelStream(stream.id)
            } else {
                context.events.info(.relay, "no active stream to cancel")
            }
        case .fault(let fault as RelayAction):
            switch fault {
            case .dropUpstream(let hop, let afterFragments): dropUpstream(hop: hop, afterFragments: afterFragments)
            case .migrateUpstream(let hop, let afterFragments):
                migrateUpstream(hop: hop, afterFragments: afterFragments)
            case .stopSource: stopSource()
            case .slowHop(let hop, let factor): slowHop(hop, factor: factor)
            }
        case .fault:
            context.events.info(.relay, "ignored \(action): not a relay action")
        }
    }

    /// Every stream the receiver finished is intact: faults drop, move and slow connections but
    /// never change a byte.
    public func violationsAfterStop() -> [InvariantViolation] {
        corruptedStreams.map {
            InvariantViolation(
                .streamsIntact, by: .relay, "stream \($0): the receiver assembled other bytes than the source sent")
        }
    }

    public func stallWarnings() -> [StallWarning] {
        snapshot().warnings
    }

    public func metrics() -> [String: Double] {
        snapshot().metrics
    }
}
