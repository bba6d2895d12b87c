/// Who an instrumented primitive belongs to: the component that created it (a subsystem of the
/// engine, a service's module) and, for a primitive per item, which item (a stream's id, a
/// peer's index).
///
/// Given when the primitive is registered, so a dashboard finds a row's owner without parsing
/// its name: renaming a channel never changes whose it is.
public struct InstrumentOwner: Hashable, Sendable, Codable {
    public let component: String
    public let item: String?

    public init(component: String, item: String? = nil) {
        self.component = component
        self.item = item
    }
}
