import Backpressure
import Runtime

/// The caller's side of the cold storage task: reads, log streams, fire-and-forget and awaited
/// writes. Every call is answered exactly once (a value or a `ColdError`), including when the
/// task shuts down underneath it.
public struct ColdStorageHandle: Sendable {
    let task: ColdStorageTask

    // MARK: Reads

    public func header(_ number: UInt64) async throws(ColdError) -> ColdHeader {
        guard case .header(let header) = try await read(.header(number)) else {
            preconditionFailure("mismatched answer")
        }
        return header
    }

    public func block(_ number: UInt64) async throws(ColdError) -> ColdBlock {
        guard case .block(let block) = try await read(.block(number)) else { preconditionFailure("mismatched answer") }
        return block
    }

    public func latestBlock() async throws(ColdError) -> UInt64? {
        guard case .latestBlock(let number) = try await read(.latestBlock) else {
            preconditionFailure("mismatched answer")
        }
        return number
    }

    public func logs(_ range: ClosedRange<UInt64>) async throws(ColdError) -> [ColdLog] {
        guard case .logs(let logs) = try await read(.logs(range)) else { preconditionFailure("mismatched answer") }
        return logs
    }

    public func read(_ operation: ColdReadOperation) async throws(ColdError) -> ColdReadResult {
        try await answered { () async throws(ColdError) -> Result<ColdReadResult, ColdError> in
            let answer = try await submitRead(operation)
            return await ColdReply.outcome(of: answer)
        }
    }

    /// Opens a log stream (see `ColdStreamRequest`); its deadline is capped at
    /// `maxStreamDeadline`.
    public func streamLogs(from: UInt64, to: UInt64? = nil, deadline: Duration) async throws(ColdError) -> ColdLogStream
    {
        let request = ColdStreamRequest(from: from, to: to, deadline: deadline)
        return try await answered { () async throws(ColdError) -> Result<ColdLogStream, ColdError> in
            let answer = try await submitStream(request)
            return await ColdReply.outcome(of: answer)
        }
    }

    // MARK: Writes

    /// Fire-and-forget: never waits. A full write channel is `backpressure`, the production
    /// crash of incident 1; a closed one is `taskTerminated`.
    public func dispatchWrite(_ write: ColdWrite) throws(ColdError) {
        task.stats.callerStarted()
        let message = ColdWriteMessage(id: task.makeID(), write: write, reply: nil)
        let error: ColdError?
        switch task.writeSender.trySend(message) {
        case .sent:
            task.stats.update { $0.writesAccepted += 1 }
            error = nil
        case .full: error = .backpressure
        case .closed: error = .taskTerminated
        }
        task.stats.callerAnswered(error)
        if let error { throw error }
    }

    /// Waits for a slot in the write channel, then for the write to be applied; returns the
    /// blocks a `drainAbove` removed.
    @discardableResult
    public func write(_ write: ColdWrite) async throws(ColdError) -> [ColdBlock] {
        try await answered { () async throws(ColdError) -> Result<[ColdBlock], ColdError> in
            let answer = try await submitWrite(write)
            return await ColdReply.outcome(of: answer)
        }
    }

    public func appendBlocks(_ blocks: [ColdBlock]) async throws(ColdError) {
        try await write(.appendBlocks(blocks))
    }

    // MARK: Internals

    // The submit functions create the reply and hand it over with the request, keeping only the
    // receiving end: a caller that still held the sender would never see `taskTerminated` when
    // the task drops its request.

    private func submitRead(
        _ operation: ColdReadOperation
    ) async throws(ColdError) -> ChannelReceiver<Result<ColdReadResult, ColdError>> {
        let id = task.makeID()
        let (reply, answer) = ColdReply<ColdReadResult>.make()
        try await submit(id: id, operation: operation.name, body: .read(operation, reply))
        return answer
    }

    private func submitStream(
        _ request: ColdStreamRequest
    ) async throws(ColdError) -> ChannelReceiver<Result<ColdLogStream, ColdError>> {
        let id = task.makeID()
        let (reply, answer) = ColdReply<ColdLogStream>.make()
        if task.fixElements.contains(.streamSetupOffReadPermits) {
            try await submitBoundedStream(id: id, body: .stream(request, reply))
        } else {
            try await submit(id: id, operation: ColdStorageTask.streamOperation, body: .stream(request, reply))
        }
        return answer
    }

    private func submitWrite(
        _ write: ColdWrite
    ) async throws(ColdError) -> ChannelReceiver<Result<[ColdBlock], ColdError>> {
        let (reply, answer) = ColdReply<[ColdBlock]>.make()
        do throws(ChannelSendError<ColdWriteMessage>) {
            try await task.writeSender.send(ColdWriteMessage(id: task.makeID(), write: write, reply: reply))
        } catch {
            if case .closed = error { throw .taskTerminated }
            throw .cancelled
        }
        task.stats.update { $0.writesAccepted += 1 }
        return answer
    }

    /// Counts the caller in and out, whatever happens in between.
    private func answered<Value>(
        _ body: () async throws(ColdError) -> Result<Value, ColdError>
    ) async throws(ColdError) -> Value {
        task.stats.callerStarted()
        let result: Result<Value, ColdError>
        do {
            result = try await body()
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let value):
            task.stats.callerAnswered(nil)
            return value
        case .failure(let error):
            task.stats.callerAnswered(error)
            throw error
        }
    }

    /// Puts a read or stream request into the read channel the way the policy step does.
    private func submit(id: UInt64, operation: String, body: ColdReadMessage.Body) async throws(ColdError) {
        let label = ColdStorageTask.readLabel(id)
        guard task.attachesPermit else {
            // The first two steps: wait for room in the 256-slot read channel; the task takes
            // the permit when it dispatches.
            let ticket = task.ledger.open(id: id, label: label, operation: operation, state: .queued)
            do throws(ChannelSendError<ColdReadMessage>) {
                try await task.readSender.send(ColdReadMessage(id: id, body: body, ticket: ticket, permit: nil))
            } catch {
                if case .closed = error { throw .taskTerminated }
                throw .cancelled
            }
            return
        }
        // PR #57: the permit is acquired before sending and travels with the request.
        let ticket = task.ledger.open(id: id, label: label, operation: operation, state: .waitingForPermit)
        let permit: OwnedSemaphorePermit
        do {
            permit = try await task.readPermits.acquireOwned(1, label: label)
        } catch {
            throw error == .closed ? .taskTerminated : .cancelled
        }
        ticket.update(.queued)
        try send(ColdReadMessage(id: id, body: body, ticket: ticket, permit: permit), to: task.readSender)
    }

    /// `fixed`: a stream takes one of the stream slots, not a read permit, and waits for it no
    /// longer than the read deadline.
    private func submitBoundedStream(id: UInt64, body: ColdReadMessage.Body) async throws(ColdError) {
        let label = ColdStorageTask.streamLabel(id)
        let ticket = task.ledger.open(
            id: id, label: label, operation: ColdStorageTask.streamOperation, state: .waitingForStreamSlot)
        let slots = task.streamSlots
        let slot: OwnedSemaphorePermit
        do {
            if task.fixElements.contains(.boundedStreamSetup) {
                slot = try await withCancellingDeadline(task.config.readDeadline, clock: task.runtime.clock) {
                    try await slots.acquireOwned(1, label: label)
                }
            } else {
                slot = try await slots.acquireOwned(1, label: label)
            }
        } catch is DeadlineExceeded {
            throw .timeout
        } catch {
            throw error as? SemaphoreError == .closed ? .taskTerminated : .cancelled
        }
        ticket.update(.queued)
        try send(ColdReadMessage(id: id, body: body, ticket: ticket, permit: slot), to: task.streamSender)
    }

    /// The channel is as large as the permit count, so a caller holding a permit always finds
    /// room: only a closed channel (shutdown) can refuse it.
    private func send(_ message: ColdReadMessage, to sender: ChannelSender<ColdReadMessage>) throws(ColdError) {
        switch sender.trySend(message) {
        case .sent: return
        case .closed: throw .taskTerminated
        case .full:
            assertionFailure("a permit holder found the permit-sized channel full")
            throw .backpressure
        }
    }
}
