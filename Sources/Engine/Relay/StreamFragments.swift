import Runtime

/// A handle's fragments in order as an async sequence; see `StreamHandle.fragments()`.
public struct StreamFragments: AsyncSequence, Sendable {
    public typealias Element = StreamFragment

    let handle: StreamHandle
    let inactivity: (timeout: Duration, clock: RuntimeClock)?

    public struct AsyncIterator: AsyncIteratorProtocol {
        let handle: StreamHandle
        let inactivity: (timeout: Duration, clock: RuntimeClock)?
        var position = 0

        public mutating func next() async throws -> StreamFragment? {
            let fragment =
                if let inactivity {
                    try await handle.fragment(
                        at: position, inactivityTimeout: inactivity.timeout, clock: inactivity.clock)
                } else {
                    try await handle.fragment(at: position)
                }
            if fragment != nil { position += 1 }
            return fragment
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(handle: handle, inactivity: inactivity)
    }
}
