/// A level that rises at once but falls only after it has stayed lower for `holdSamples`
/// sampled frames, and then to the highest it reached meanwhile: what keeps the channels
/// panel's rows and the permits panel's height from jumping every frame while a value
/// flickers (a fill crossing a boundary, a permit taken and returned between two frames).
public struct StickyLevel: Equatable, Sendable {
    /// Sampled frames (virtual time moved) a lower level must last before it is taken: two
    /// seconds at the default 10 frames per second. Counting frames, not virtual time, keeps
    /// the screen readable at any speed, and a paused run's screen still.
    public static let holdSamples = 20

    public private(set) var level = 0
    private var samplesBelow = 0
    /// The highest level seen while below: where it falls to when the hold runs out.
    private var highestBelow = 0

    public init() {}

    /// Takes a frame's level: up at once, even while paused (a fault key's effect shows in the
    /// next frame); down only after the hold, counted in `sampled` frames.
    public mutating func observe(_ current: Int, sampled: Bool) {
        if current >= level {
            level = current
            samplesBelow = 0
            return
        }
        guard sampled else { return }
        highestBelow = samplesBelow == 0 ? current : Swift.max(highestBelow, current)
        samplesBelow += 1
        if samplesBelow >= Self.holdSamples {
            level = highestBelow
            samplesBelow = 0
        }
        assert(samplesBelow < Self.holdSamples, "a lower level outlasted the hold")
    }
}
