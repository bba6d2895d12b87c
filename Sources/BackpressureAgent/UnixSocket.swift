#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few socket calls the agent and its clients make, over Glibc: Unix domain stream sockets
/// only (the agent never opens a TCP listener).
enum UnixSocket {
    /// Connections waiting for `accept`.
    static let listenBacklog: Int32 = 16

    #if canImport(Glibc)
        private static let streamType = Int32(SOCK_STREAM.rawValue)
        /// A write to a vanished client must fail with EPIPE, not kill the service with SIGPIPE.
        static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
        private static let streamType = SOCK_STREAM
        static let sendFlags: Int32 = 0
    #endif

    static func address(_ path: String) throws(AgentError) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { throw .pathTooLong(path) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }

    static func makeSocket() throws(AgentError) -> Int32 {
        let fd = socket(AF_UNIX, streamType, 0)
        guard fd >= 0 else { throw .system(call: "socket", errno: errno) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        #if canImport(Darwin)
            var on: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return fd
    }

    /// A listening, non-blocking socket at `path`, mode 0600 before it accepts anyone.
    static func listen(at path: String) throws(AgentError) -> Int32 {
        var address = try address(path)
        let fd = try makeSocket()
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw .system(call: "bind \(path)", errno: code)
        }
        // The directory is 0700 already; the socket itself is 0600 before anyone can connect.
        guard chmod(path, 0o600) == 0, systemListen(fd, listenBacklog) == 0 else {
            let code = errno
            close(fd)
            unlink(path)
            throw .system(call: "listen \(path)", errno: code)
        }
        setNonBlocking(fd)
        return fd
    }

    static func connect(to path: String) throws(AgentError) -> Int32 {
        var address = try address(path)
        let fd = try makeSocket()
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(fd)
            throw .system(call: "connect \(path)", errno: code)
        }
        return fd
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }
}

// The module's own `listen` and `connect` shadow the C functions inside `UnixSocket`.
private func systemListen(_ fd: Int32, _ backlog: Int32) -> Int32 { listen(fd, backlog) }
private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}
