import DequeModule

/// The frames waiting for one client, at most `capacityFrames`: a client that does not read
/// loses its oldest frames (counted, and the count goes in the next frame it is sent) instead
/// of slowing the publisher or growing the service's memory.
struct ClientOutbox {
    /// A frame and, when nothing was dropped before it, its bytes on the wire: encoded once per
    /// snapshot and shared by every client's queue (copy on write), not once per client.
    struct Outgoing {
        var frame: AgentFrame
        var encoded: [UInt8]?
    }

    let capacityFrames: Int
    private var frames: Deque<Outgoing> = []
    /// Dropped since the last frame handed out: what the next one reports.
    private var droppedSinceLastTaken = 0
    private(set) var droppedTotal = 0

    init(capacityFrames: Int) {
        precondition(capacityFrames > 0, "a client's queue holds at least one frame")
        self.capacityFrames = capacityFrames
    }

    var count: Int { frames.count }
    var isEmpty: Bool { frames.isEmpty }

    /// Queues `frame`; when the queue is full the oldest frame goes (the newest snapshot is
    /// what a late reader wants).
    mutating func enqueue(_ frame: AgentFrame, encoded: [UInt8]? = nil) {
        if frames.count == capacityFrames {
            frames.removeFirst()
            droppedSinceLastTaken += 1
            droppedTotal += 1
        }
        frames.append(Outgoing(frame: frame, encoded: encoded))
        assert(frames.count <= capacityFrames, "a client's queue never exceeds its bound")
    }

    /// The next frame to send, carrying the count of frames dropped before it; its shared bytes
    /// only when that count is zero (else the frame must be encoded again, for this client).
    mutating func take() -> Outgoing? {
        guard var outgoing = frames.popFirst() else { return nil }
        let dropped = droppedSinceLastTaken
        droppedSinceLastTaken = 0
        guard dropped > 0 else { return outgoing }
        outgoing.encoded = nil
        var frame = outgoing.frame
        switch frame {
        case .snapshot(var snapshot):
            snapshot.dropped += dropped
            frame = .snapshot(snapshot)
        case .event(var event):
            event.dropped += dropped
            frame = .event(event)
        case .hello, .subscribe:
            // The hello goes first on a fresh queue, before anything can be dropped.
            assert(dropped == 0, "a hello is never preceded by drops")
        }
        outgoing.frame = frame
        return outgoing
    }
}
