#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blocking client of an agent's socket, for `stallscope` and tests: every read waits at most
/// the deadline it is given.
public final class AgentConnection {
    public let path: String
    private var fd: Int32
    private var decoder = FrameDecoder(maxFrameBytes: AgentWireFormat.maxAgentFrameBytes)

    /// Connects to the agent at `path`; throws `.system(call: "connect ...")` with ECONNREFUSED
    /// or ENOENT when no agent listens there.
    public init(path: String) throws(AgentError) {
        self.path = path
        fd = try UnixSocket.connect(to: path)
    }

    deinit {
        close()
    }

    public func close() {
        if fd >= 0 { _ = systemClose(fd) }
        fd = -1
    }

    /// The next frame and its JSON as sent, waiting at most `timeout`.
    public func readFrame(timeout: Duration) throws(AgentError) -> (frame: AgentFrame, payload: [UInt8]) {
        let deadline = ContinuousClock.now + timeout
        while true {
            do {
                if let payload = try decoder.nextFrame() {
                    return (try AgentFrame.decode(payload), payload)
                }
            } catch {
                throw .protocolViolation(error)
            }
            guard fd >= 0 else { throw .closed }
            let remaining = deadline - .now
            guard remaining > .zero else { throw .timedOut }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(clamping: (remaining.nanoseconds + 999_999) / 1_000_000)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 && errno != EINTR { throw .system(call: "poll", errno: errno) }
            guard ready > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 { throw decoder.bufferedBytes > 0 ? .protocolViolation(.truncated) : .closed }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .system(call: "recv", errno: errno)
            }
            decoder.append(buffer[..<count])
        }
    }

    /// Sends `frame` (a client sends only ``AgentSubscribe``).
    public func send(_ frame: AgentFrame) throws(AgentError) {
        let payload: [UInt8]
        do { payload = try frame.payload() } catch { preconditionFailure("a frame always encodes: \(error)") }
        try sendRaw(AgentWireFormat.frame(payload))
    }

    /// Sends `bytes` as they are: for tests of what the agent does with bytes that are not frames.
    public func sendRaw(_ bytes: [UInt8]) throws(AgentError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                systemSend(fd, raw.baseAddress! + offset, raw.count - offset, UnixSocket.sendFlags)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .system(call: "send", errno: errno)
            }
            offset += written
        }
    }

    /// Waits up to `timeout` for the agent to close this connection; true when it did.
    public func waitForClose(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            do {
                _ = try readFrame(timeout: deadline - .now)
            } catch .timedOut {
                return false
            } catch {
                return true
            }
        }
        return false
    }
}

private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemSend(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    send(fd, bytes, count, flags)
}
