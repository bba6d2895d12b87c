import Backpressure

/// The biased `select!` of the original loop over the cancellation token, the write channel and
/// the read channel. Receives are cancel-safe (a cancelled receive loses nothing), so losing
/// branches are cancelled; a branch that won in the same instant is kept for the next turn.
struct ColdLoopSelector {
    private var pending: [ColdLoopEvent] = []

    mutating func next(
        shutdown: Gate, writes: ChannelReceiver<ColdWriteMessage>, reads: ChannelReceiver<ColdReadMessage>
    ) async -> ColdLoopEvent {
        if shutdown.isOpen || Task.isCancelled { return .shutdown }
        if !pending.isEmpty { return pending.removeFirst() }
        switch writes.tryReceive() {
        case .element(let message): return .write(message)
        case .closed: return .shutdown
        case .empty: break
        }
        switch reads.tryReceive() {
        case .element(let message): return .read(message)
        case .closed: return .shutdown
        case .empty: break
        }
        var arrived = await withTaskGroup(of: ColdLoopEvent?.self) { group in
            group.addTask { (try? await shutdown.pass()).map { .shutdown } }
            group.addTask {
                do { return try await writes.receive().map { .write($0) } ?? .shutdown } catch { return nil }
            }
            group.addTask {
                do { return try await reads.receive().map { .read($0) } ?? .shutdown } catch { return nil }
            }
            var arrived: [ColdLoopEvent] = []
            if let first = await group.next(), let first { arrived.append(first) }
            group.cancelAll()
            for await event in group { if let event { arrived.append(event) } }
            return arrived
        }
        arrived.sort { $0.bias < $1.bias }
        guard !arrived.isEmpty else { return .shutdown }
        let first = arrived.removeFirst()
        pending = arrived
        return first
    }
}
