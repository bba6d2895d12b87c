/// Where a channel ranks in the channels panel, with hysteresis: what an operator needs first
/// (full, then fuller, then rejecting sends) moves up at once, but moves back down only after
/// it has stayed lower for `demotionHoldSamples` samples, so a channel whose fill flickers
/// across a boundary keeps its row instead of jumping every frame.
public struct ChannelStanding: Equatable, Sendable {
    /// Fill is ranked in eighths: a row moves when its fill crosses an eighth, not on every
    /// message. A full channel is in the top band alone.
    public static let fillBands = 8
    /// Samples (frames in which virtual time moved) a lower rank must last before the row moves
    /// down: two seconds at the default 10 frames per second. Counting samples, not virtual
    /// time, keeps rows readable at any speed, and a paused run's order still.
    public static let demotionHoldSamples = 20

    /// The rank the row is sorted by; higher comes first.
    public private(set) var rank = 0
    private var samplesBelow = 0
    /// The highest rank seen while below: where the row goes when the hold runs out.
    private var highestBelow = 0

    public init() {}

    /// A row's rank on its own: the fill band, then whether `trySend` was refused recently.
    public static func rank(of row: ChannelRow) -> Int {
        let band = row.isFull ? fillBands : Swift.min(Int(row.fill * Double(fillBands)), fillBands - 1)
        return band * 2 + (row.fullPerSecond > 0 ? 1 : 0)
    }

    /// Takes a frame's rank: up at once, even while paused (a fault key's effect shows in the
    /// next frame); down only after the hold, counted in `sampled` frames.
    public mutating func observe(_ current: Int, sampled: Bool) {
        if current >= rank {
            rank = current
            samplesBelow = 0
            return
        }
        guard sampled else { return }
        highestBelow = samplesBelow == 0 ? current : Swift.max(highestBelow, current)
        samplesBelow += 1
        if samplesBelow >= Self.demotionHoldSamples {
            rank = highestBelow
            samplesBelow = 0
        }
        assert(samplesBelow < Self.demotionHoldSamples, "a lower rank outlasted the hold")
    }
}
