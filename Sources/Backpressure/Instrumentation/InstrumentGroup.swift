/// Many primitives that one component keeps alive together (a listener's per-peer channels),
/// registered as one: the registry holds a single weak reference for all of them and reads
/// them, in order, where the group was registered.
///
/// Why not one registration each: a weak reference gives its object a side table, through which
/// every later retain and release of that object goes, the slow path; with 20,000 peer channels
/// that was most of a dashboard frame's reading and a share of every forwarded packet (issue 17).
/// The group holds its members strongly; whoever holds the group decides how long they live.
public final class InstrumentGroup: Sendable {
    /// Each member with its owner, in reading order.
    public let members: [(resource: any Instrumented, owner: InstrumentOwner?)]

    public init(_ members: [(resource: any Instrumented, owner: InstrumentOwner?)]) {
        self.members = members
    }
}
