/// One connected dashboard as the agent's loop sees it: the frames waiting for it, the frame
/// being written, and what it has sent so far.
struct AgentClient {
    /// -1 once closed (the entry stays until the end of the loop's turn).
    private(set) var fd: Int32
    var outbox: ClientOutbox
    /// The frame being written (length prefix included) and how much of it is out.
    var inFlight: [UInt8]
    var inFlightOffset = 0
    var decoder = FrameDecoder(maxFrameBytes: AgentWireFormat.maxClientFrameBytes)
    var hasSubscribed = false
    var bytesSent = 0

    init(fd: Int32, hello: [UInt8], queueFrames: Int) {
        self.fd = fd
        // The hello is written before anything queued, so it can never be dropped.
        inFlight = hello
        outbox = ClientOutbox(capacityFrames: queueFrames)
    }

    mutating func markClosed() {
        fd = -1
    }

    var hasBytesToWrite: Bool { inFlightOffset < inFlight.count || !outbox.isEmpty }

    /// What the client sent, as the format allows it: at most one `subscribe` of this version.
    /// Anything else is a violation and the client is closed.
    mutating func receive(_ bytes: some Collection<UInt8>) throws(FrameError) {
        decoder.append(bytes)
        while let payload = try decoder.nextFrame() {
            let frame = try AgentFrame.decode(payload)
            guard case .subscribe(let subscribe) = frame else {
                throw .malformed("a client sends only subscribe, got \(frame.typeName)")
            }
            guard !hasSubscribed else { throw .malformed("a second subscribe") }
            guard subscribe.version == AgentWireFormat.version else {
                throw .malformed("version \(subscribe.version), agent speaks \(AgentWireFormat.version)")
            }
            hasSubscribed = true
        }
    }
}
