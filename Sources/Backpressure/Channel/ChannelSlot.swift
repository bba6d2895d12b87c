/// A reserved slot in a `BoundedChannel`: `send` delivers without waiting; dropping it unused
/// returns the slot (to the next waiting sender, if any).
@frozen
public struct ChannelSlot<Element: Sendable>: ~Copyable, Sendable {
    // Unmanaged keeps the stored property trivial for `discard self`; retained in init and
    // released exactly once on each consuming path.
    @usableFromInline let channel: Unmanaged<BoundedChannel<Element>>

    @usableFromInline
    init(channel: BoundedChannel<Element>) {
        self.channel = .passRetained(channel)
    }

    deinit {
        channel.takeUnretainedValue().cancelReservation()
        channel.release()
    }

    @inlinable
    public consuming func send(_ element: Element) {
        let channel = self.channel
        discard self
        channel.takeUnretainedValue().commit(element)
        channel.release()
    }
}
