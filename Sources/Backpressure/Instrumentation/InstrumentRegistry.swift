
/// The set of instrumented primitives a component exposes, in registration order.
///
/// Holds weak references: a primitive that is gone simply stops being reported, so registering
/// never extends a lifetime or leaks.
public final class InstrumentRegistry: Sendable {
    private struct Entry: @unchecked Sendable {
        // Safe to send: the referent is itself Sendable (`Instrumented: Sendable`); the box only
        // exists because `weak` stored properties are mutable.
        weak var resource: (any Instrumented)?
    }

    private let entries = LockedState<[Entry]>([])

    public init() {}

    public func register(_ resource: any Instrumented) {
        entries.withLock { list in
            list.removeAll { $0.resource == nil }
            list.append(Entry(resource: resource))
        }
    }

    /// Snapshots of every live resource, in registration order.
    public func snapshots() -> [ResourceSnapshot] {
        let live = entries.withLock { list in
            // Each reference loaded in place: copying an entry out copies its weak reference,
            // a side-table round trip per resource per frame.
            var live: [any Instrumented] = []
            live.reserveCapacity(list.count)
            for index in list.indices {
                if let resource = list[index].resource { live.append(resource) }
            }
            return live
        }
        // Snapshot outside the registry lock: each resource takes its own lock.
        return live.map { $0.resourceSnapshot() }
    }
}
