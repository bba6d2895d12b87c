/// One registered primitive's snapshot with the owner it was registered under.
public struct InstrumentReading: Sendable, Equatable {
    public let owner: InstrumentOwner?
    public let snapshot: ResourceSnapshot

    public init(owner: InstrumentOwner?, snapshot: ResourceSnapshot) {
        self.owner = owner
        self.snapshot = snapshot
    }
}
