/// How long each condition may last before the generic detectors (`StallDetection`) report it.
///
/// Each bound is named once, with its unit in its type (`Duration`). The defaults sit above what
/// ordinary work shows on a busy but healthy service, and below the deadlines services put on a
/// single call (10 s and more), so a wedged wait is reported before the caller's own timeout
/// hides it.
public struct StallThresholds: Sendable, Equatable {
    /// A waiter queued on a semaphore this long is reported with the holders it waits behind.
    /// 5 s: a healthy queue turns over in well under a second (one request's service time times
    /// the queue's depth over the permits); waits of seconds mean a holder does not let go.
    public var waiterWait: Duration
    /// A labelled permit held this long is reported. 60 s: long-lived holders are ordinary (a
    /// stream keeps its slot for the stream's life, half a minute in the engine's cold storage),
    /// so a hold alone is only suspicious past any one request's deadline; a hold that blocks
    /// others shows sooner, in their waits.
    public var permitHold: Duration
    /// A channel full (every slot buffered or reserved) this long is reported, with what its
    /// consumer does. 5 s: a full channel is the bound working while its consumer catches up
    /// from a burst; one that stays full for seconds has a consumer that does not keep up.
    public var channelFull: Duration

    public init(waiterWait: Duration, permitHold: Duration, channelFull: Duration) {
        precondition(waiterWait > .zero && permitHold > .zero && channelFull > .zero, "thresholds are positive")
        self.waiterWait = waiterWait
        self.permitHold = permitHold
        self.channelFull = channelFull
    }

    /// The defaults above: 5 s of waiting, 60 s of holding, 5 s of a full channel.
    public static let standard = StallThresholds(
        waiterWait: .seconds(5), permitHold: .seconds(60), channelFull: .seconds(5))
}
