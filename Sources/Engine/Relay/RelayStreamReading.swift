import Runtime

/// A point-in-time copy of a `RelayStreamRecord`, indexed by node (0 = source).
struct RelayStreamReading: Sendable {
    let bytesPerNode: [Int]
    let fragmentsPerNode: [Int]
    let forwarded: [Int]
    let phases: [RelayHopPhase]
    let lastFragmentAt: RuntimeInstant
    let outcome: RelayStreamRecord.Outcome?
}
