import Backpressure

extension InstrumentOwner {
    /// A primitive of the engine's `subsystem`, or of one of its items (a stream, a peer).
    public init(_ subsystem: SubsystemID, item: String? = nil) {
        self.init(component: subsystem.rawValue, item: item)
    }

    /// The subsystem that registered the primitive, when the engine did.
    public var subsystem: SubsystemID? { SubsystemID(rawValue: component) }
}
