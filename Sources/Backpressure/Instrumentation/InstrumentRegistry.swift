/// The set of instrumented primitives a component exposes, in registration order.
///
/// Holds weak references: a primitive that is gone simply stops being reported, so registering
/// never extends a lifetime or leaks.
public final class InstrumentRegistry: Sendable {
    private struct Entry: @unchecked Sendable {
        // Safe to send: the referent is itself Sendable (`Instrumented: Sendable`); the box only
        // exists because `weak` stored properties are mutable.
        weak var resource: (any Instrumented)?
        /// Set instead of `resource` for a group (`register(_:InstrumentGroup)`).
        weak var group: InstrumentGroup?
        let owner: InstrumentOwner?

        var isGone: Bool { resource == nil && group == nil }
    }

    /// What a live entry gives: one primitive, or a group's members.
    private enum Live {
        case single(any Instrumented, InstrumentOwner?)
        case group(InstrumentGroup)
    }

    private struct Entries {
        var list: [Entry] = []
        /// The length at which the next registration drops dead entries first: twice what was
        /// alive at the last sweep, so registering n resources costs O(n) in all, not a sweep
        /// of the whole list each (20,000 listener peers registered one by one).
        var sweepAt = 64
    }

    private let entries = LockedState(Entries())

    public init() {}

    /// Adds `resource`, owned by `owner` (nil: nobody in particular).
    public func register(_ resource: any Instrumented, owner: InstrumentOwner? = nil) {
        entries.withLock { entries in
            append(Entry(resource: resource, owner: owner), to: &entries)
        }
    }

    /// Adds every member of `group`, each with its own owner, read in the group's order at this
    /// place in the registration order, for as long as the group lives.
    public func register(_ group: InstrumentGroup) {
        entries.withLock { entries in
            append(Entry(group: group, owner: nil), to: &entries)
        }
    }

    private func append(_ entry: Entry, to entries: inout Entries) {
        if entries.list.count >= entries.sweepAt {
            entries.list.removeAll { $0.isGone }
            entries.sweepAt = Swift.max(64, 2 * entries.list.count)
        }
        entries.list.append(entry)
    }

    /// Snapshots of every live resource, in registration order.
    public func snapshots() -> [ResourceSnapshot] {
        var snapshots: [ResourceSnapshot] = []
        visit { resource, _ in snapshots.append(resource.resourceSnapshot()) }
        return snapshots
    }

    /// Every live resource's snapshot with its owner, in registration order.
    public func readings() -> [InstrumentReading] {
        var readings: [InstrumentReading] = []
        visit { resource, owner in
            readings.append(InstrumentReading(owner: owner, snapshot: resource.resourceSnapshot()))
        }
        return readings
    }

    /// `readings()` without the resources that know they show no stall (`mayShowStall`): what
    /// the stall detectors need, at the cost of an atomic load for each of many idle channels.
    public func stallCandidateReadings() -> [InstrumentReading] {
        var readings: [InstrumentReading] = []
        visit { resource, owner in
            guard resource.mayShowStall else { return }
            readings.append(InstrumentReading(owner: owner, snapshot: resource.resourceSnapshot()))
        }
        return readings
    }

    /// Every live resource registered on its own, with its owner, in registration order, and
    /// every live group, unread: for a reader that reads a group's members on its own schedule
    /// (the dashboard reads the quiet ones of 20,000 peer channels in turns).
    public func readingsAndGroups() -> (readings: [InstrumentReading], groups: [InstrumentGroup]) {
        var readings: [InstrumentReading] = []
        var groups: [InstrumentGroup] = []
        for item in live() {
            switch item {
            case .single(let resource, let owner):
                readings.append(InstrumentReading(owner: owner, snapshot: resource.resourceSnapshot()))
            case .group(let group): groups.append(group)
            }
        }
        return (readings, groups)
    }

    /// Every live resource in registration order. Snapshots are taken outside the registry lock:
    /// each resource takes its own.
    private func visit(_ body: (any Instrumented, InstrumentOwner?) -> Void) {
        for item in live() {
            switch item {
            case .single(let resource, let owner): body(resource, owner)
            case .group(let group): for member in group.members { body(member.resource, member.owner) }
            }
        }
    }

    private func live() -> [Live] {
        entries.withLock { entries in
            var live: [Live] = []
            live.reserveCapacity(entries.list.count)
            // Through a pointer: indexing the array copied each entry out (a weak copy and its
            // destruction) before loading from it.
            entries.list.withUnsafeBufferPointer { list in
                for index in list.indices {
                    if let resource = list[index].resource {
                        live.append(.single(resource, list[index].owner))
                    } else if let group = list[index].group {
                        live.append(.group(group))
                    }
                }
            }
            return live
        }
    }
}
