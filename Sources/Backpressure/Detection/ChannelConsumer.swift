/// What a full channel's consumer is doing, read from its snapshots while the channel stays
/// full. `receiverWaiting` says whether the receiver is suspended in `receive()` now; `receives`
/// counts what it has taken, so two snapshots tell a consumer that drains from one that does not.
public enum ChannelConsumer: Sendable, Equatable {
    /// The receiver is parked in `receive()` (`receiverWaiting`) although no slot is free. A
    /// parked receiver is handed any buffered message at once, so the buffer is empty and every
    /// slot is reserved (`reserve()`) but not yet filled: the consumer is idle, and the blockers
    /// are the producers that hold reservations and do not send.
    case parkedOnReservations
    /// The receiver is not in `receive()` and has taken nothing since the channel filled: it is
    /// busy with an earlier message for the whole time (wedged in its handler, or waiting on
    /// something else), or gone without closing the channel (a consumer task that ended while
    /// its receiver handle lives on). Either way nothing drains the channel: the consumer is the
    /// blocker.
    case notDraining
    /// The receiver is not in `receive()` but has taken `received` messages since the channel
    /// filled: it is busy, and slower than its producers; the channel refills as soon as it
    /// takes one. Throughput, not a wedge.
    case drainingSlowly(received: Int)
}
