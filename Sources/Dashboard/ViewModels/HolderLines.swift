/// How many holder lines each pool keeps in the permits panel, across frames: as many as it
/// has holders, and for a while after they left (`StickyLevel`). Holders come and go between
/// frames (a trust save, a read that takes a permit for a few milliseconds); were the panel's
/// height to follow them, every panel below it would jump up and down, and the terminal would
/// be sent the whole lower screen again each time.
public struct HolderLines: Sendable {
    private var pools: [String: StickyLevel] = [:]
    private var lastSample: Duration?

    public init() {}

    /// Sets each pool's `holderLines` from its history; pools that went away are forgotten.
    public mutating func observe(_ permits: PermitsViewModel?, at now: Duration) -> PermitsViewModel? {
        guard var permits else {
            pools = [:]
            return nil
        }
        let sampled = lastSample.map { now > $0 } ?? true
        if sampled { lastSample = now }
        var kept: [String: StickyLevel] = [:]
        for index in permits.pools.indices {
            let name = permits.pools[index].name
            var lines = pools[name] ?? StickyLevel()
            lines.observe(permits.pools[index].holders.count, sampled: sampled)
            permits.pools[index].holderLines = lines.level
            kept[name] = lines
        }
        pools = kept
        return permits
    }
}
