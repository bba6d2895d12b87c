import Backpressure
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The agent's one thread: accepts clients, takes a snapshot every interval, and moves frames to
/// the clients with non-blocking writes, so no client can hold up the loop or the service.
///
/// Every socket is non-blocking and every queue bounded; a client's queue overflowing drops its
/// oldest frames, a client's bad bytes close that client, and nothing here ever waits on a
/// client.
final class AgentLoop: @unchecked Sendable {
    // @unchecked: after `start`, every stored property but `control` and `statistics` (each
    // under its own lock) is touched only by the loop's thread.

    /// Bytes read from a client per call: its one frame is much shorter.
    static let readChunkBytes = 4 * 1024

    struct Control {
        var stopRequested = false
        /// The wake pipe's write end while the loop runs; nil once closed, so a late `emit`
        /// never writes to a descriptor reused by someone else.
        var wakeFD: Int32?
    }

    let control = LockedState(Control())
    let statistics = LockedState(AgentStatistics())

    private let registry: InstrumentRegistry
    private let events: AgentEventSink?
    private let configuration: AgentConfiguration
    private let socketPath: String
    private let listenFD: Int32
    private let socketInode: UInt64
    private let wakeReadFD: Int32
    private let helloFrame: [UInt8]
    private let started: ContinuousClock.Instant
    private var clients: [AgentClient] = []
    private var sequence: UInt64 = 0
    private var stats = AgentStatistics()

    init(
        registry: InstrumentRegistry, events: AgentEventSink?, configuration: AgentConfiguration, socketPath: String,
        hello: AgentHello, started: ContinuousClock.Instant
    ) throws(AgentError) {
        self.registry = registry
        self.events = events
        self.configuration = configuration
        self.socketPath = socketPath
        self.started = started
        do {
            helloFrame = AgentWireFormat.frame(try AgentFrame.hello(hello).payload())
        } catch {
            preconditionFailure("a hello always encodes: \(error)")
        }
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else { throw .system(call: "pipe", errno: errno) }
        for fd in pipeFDs {
            UnixSocket.setNonBlocking(fd)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeReadFD = pipeFDs[0]
        // A socket left by an earlier process with our pid (pids are reused) is stale.
        unlink(socketPath)
        do {
            listenFD = try UnixSocket.listen(at: socketPath)
        } catch {
            close(pipeFDs[0])
            close(pipeFDs[1])
            throw error
        }
        var status = stat()
        socketInode = lstat(socketPath, &status) == 0 ? UInt64(status.st_ino) : 0
        control.withLock { $0.wakeFD = pipeFDs[1] }
    }

    /// Makes the loop turn now (a stop, an event line); never blocks.
    func wake() {
        control.withLock { control in
            guard let fd = control.wakeFD else { return }
            var byte: UInt8 = 1
            // A full pipe already holds a wake-up: EAGAIN is fine.
            _ = write(fd, &byte, 1)
        }
    }

    func run() {
        events?.attach { [weak self] in self?.wake() }
        let interval = configuration.snapshotInterval
        var nextSnapshot = ContinuousClock.now
        while !control.withLock({ $0.stopRequested }) {
            let now = ContinuousClock.now
            if now >= nextSnapshot {
                publishSnapshot(at: now)
                nextSnapshot += interval
                // Behind by more than an interval (a suspended process): keep the pace from now,
                // without a burst of catch-up snapshots.
                if nextSnapshot < now { nextSnapshot = now + interval }
            }
            publishEvents()
            for index in clients.indices { flush(index) }
            removeClosed()
            publishStatistics()
            waitForActivity(until: nextSnapshot)
        }
        shutDown()
    }

    // MARK: Publishing

    private func publishSnapshot(at now: ContinuousClock.Instant) {
        sequence += 1
        let snapshot = AgentSnapshot(
            sequence: sequence, uptimeSeconds: (now - started).seconds, dropped: 0,
            resources: registry.readings().map(AgentResource.init))
        stats.snapshotsPublished += 1
        enqueueToEveryClient(.snapshot(snapshot))
    }

    private func publishEvents() {
        guard let events else { return }
        let (lines, dropped) = events.drain()
        var unreported = dropped
        for line in lines {
            let event = AgentEvent(
                uptimeSeconds: (line.at - started).seconds, level: line.level, message: line.message,
                dropped: unreported)
            unreported = 0
            stats.eventsPublished += 1
            enqueueToEveryClient(.event(event))
        }
    }

    /// Encodes `frame` once for every client; a frame over the bound is counted and sent to none.
    private func enqueueToEveryClient(_ frame: AgentFrame) {
        guard !clients.isEmpty else { return }
        guard let encoded = Self.encode(frame) else {
            stats.oversizeFrames += 1
            return
        }
        for index in clients.indices { clients[index].outbox.enqueue(frame, encoded: encoded) }
    }

    /// The frame with its length prefix; nil when it would exceed the format's bound.
    private static func encode(_ frame: AgentFrame) -> [UInt8]? {
        guard let payload = try? frame.payload(), payload.count <= AgentWireFormat.maxAgentFrameBytes else {
            return nil
        }
        return AgentWireFormat.frame(payload)
    }

    /// Writes what the client can take now, without waiting.
    private func flush(_ index: Int) {
        while clients[index].fd >= 0 {
            if clients[index].inFlightOffset == clients[index].inFlight.count {
                guard let outgoing = clients[index].outbox.take() else { return }
                guard let bytes = outgoing.encoded ?? Self.encode(outgoing.frame) else {
                    stats.oversizeFrames += 1
                    continue
                }
                clients[index].inFlight = bytes
                clients[index].inFlightOffset = 0
            }
            let client = clients[index]
            let written = client.inFlight.withUnsafeBytes { raw in
                send(
                    client.fd, raw.baseAddress! + client.inFlightOffset, raw.count - client.inFlightOffset,
                    UnixSocket.sendFlags)
            }
            if written > 0 {
                clients[index].inFlightOffset += written
                clients[index].bytesSent += written
            } else if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                return
            } else {
                // EPIPE, ECONNRESET: the client is gone.
                closeClient(index)
            }
        }
    }

    // MARK: Waiting

    private func waitForActivity(until deadline: ContinuousClock.Instant) {
        var fds: [pollfd] = [
            pollfd(fd: wakeReadFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0),
        ]
        for client in clients {
            let events = Int16(POLLIN) | (client.hasBytesToWrite ? Int16(POLLOUT) : 0)
            fds.append(pollfd(fd: client.fd, events: events, revents: 0))
        }
        let remaining = deadline - .now
        // Rounded up: waking a little early would only spin until the deadline.
        let milliseconds = remaining <= .zero ? 0 : Int32(clamping: (remaining.nanoseconds + 999_999) / 1_000_000)
        let ready = poll(&fds, nfds_t(fds.count), milliseconds)
        guard ready > 0 else { return }
        if fds[0].revents != 0 { drainWakePipe() }
        if fds[1].revents & Int16(POLLIN) != 0 { acceptClients() }
        // Clients are indexed as they were when `fds` was built; accepted ones come after.
        for offset in 2..<fds.count {
            let index = offset - 2
            let revents = fds[offset].revents
            if revents & Int16(POLLIN) != 0 {
                receive(from: index)
            } else if revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                closeClient(index)
            }
        }
    }

    private func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeReadFD, &buffer, buffer.count) > 0 {}
    }

    private func acceptClients() {
        while true {
            let fd = accept(listenFD, nil, nil)
            guard fd >= 0 else { return }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            #if canImport(Darwin)
                var on: Int32 = 1
                setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
            #endif
            guard clients.count < configuration.maxClients else {
                close(fd)
                stats.clientsRefused += 1
                continue
            }
            UnixSocket.setNonBlocking(fd)
            clients.append(AgentClient(fd: fd, hello: helloFrame, queueFrames: configuration.clientQueueFrames))
            stats.clientsAccepted += 1
        }
    }

    private func receive(from index: Int) {
        guard clients[index].fd >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: Self.readChunkBytes)
        let count = recv(clients[index].fd, &buffer, buffer.count, 0)
        if count == 0 {
            closeClient(index)
        } else if count < 0 {
            if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR { closeClient(index) }
        } else {
            do {
                try clients[index].receive(buffer[..<count])
            } catch {
                stats.clientsClosedForProtocol += 1
                closeClient(index)
            }
        }
    }

    // MARK: Closing

    /// Closes the client's socket now; the entry goes at the end of the turn (`removeClosed`),
    /// so indices stay valid while a turn walks them.
    private func closeClient(_ index: Int) {
        guard clients[index].fd >= 0 else { return }
        close(clients[index].fd)
        clients[index].markClosed()
    }

    private func removeClosed() {
        clients.removeAll { $0.fd < 0 }
    }

    private func publishStatistics() {
        stats.clients = clients.map {
            .init(queuedFrames: $0.outbox.count, droppedFrames: $0.outbox.droppedTotal, bytesSent: $0.bytesSent)
        }
        let snapshot = stats
        statistics.withLock { $0 = snapshot }
    }

    private func shutDown() {
        events?.detach()
        for index in clients.indices { closeClient(index) }
        removeClosed()
        publishStatistics()
        close(listenFD)
        // Only our own socket: another agent may have taken the path since.
        var status = stat()
        if lstat(socketPath, &status) == 0 && UInt64(status.st_ino) == socketInode { unlink(socketPath) }
        control.withLock { control in
            if let fd = control.wakeFD { close(fd) }
            control.wakeFD = nil
        }
        close(wakeReadFD)
    }
}
