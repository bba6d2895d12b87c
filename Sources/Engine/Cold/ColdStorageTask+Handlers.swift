import Backpressure
import Runtime

/// Serving reads and setting up and producing log streams.
extension ColdStorageTask {
    static func readLabel(_ id: UInt64) -> String { "read #\(id)" }
    static func streamLabel(_ id: UInt64) -> String { "stream #\(id)" }

    /// The request id in a permit label ("read #17" -> 17).
    static func requestID(inLabel label: String) -> UInt64? {
        label.split(separator: "#").last.flatMap { UInt64($0) }
    }

    /// Spawns the handler; it owns the message (and any permit inside it) until it returns.
    func spawnHandler(_ message: ColdReadMessage, permit: OwnedSemaphorePermit?) {
        handlers.spawn(on: runtime, "cold.read #\(message.id)") { [self] in
            await serve(message)
            permit?.release()
        }
    }

    private func serve(_ message: ColdReadMessage) async {
        message.ticket.update(.running)
        switch message.body {
        case .read(let operation, let reply):
            var result = await readUnderPolicy(operation, id: message.id, ticket: message.ticket)
            if case .failure(.cancelled) = result, shutdownSignal.isOpen { result = .failure(.taskTerminated) }
            if case .success = result { stats.update { $0.readsServed += 1 } }
            reply.send(result)
        case .stream(let request, let reply):
            // Before `fixed`, stream setup runs here, exempt from the read deadline, while the
            // read permit is held: waiting for a stream slot (Scenario A) and the backend's
            // latestBlock (Scenario B) both keep the writer's drain waiting.
            guard fixElements.contains(.boundedStreamSetup) else {
                reply.send(await setupStreamHoldingReadPermit(request, id: message.id, ticket: message.ticket))
                return
            }
            do {
                let result = try await withCancellingDeadline(config.readDeadline, clock: runtime.clock) { [self] in
                    await setupStreamHoldingReadPermit(request, id: message.id, ticket: message.ticket)
                }
                reply.send(result)
            } catch is DeadlineExceeded {
                deadlineExpired("stream #\(message.id) setup")
                reply.send(.failure(.timeout))
            } catch {
                reply.send(.failure(shutdownSignal.isOpen ? .taskTerminated : ColdError(error)))
            }
        }
    }

    private func readUnderPolicy(
        _ operation: ColdReadOperation, id: UInt64, ticket: ColdLedgerTicket
    ) async -> Result<ColdReadResult, ColdError> {
        // The deadline came with PR #57; before it, a stuck read held its permit forever.
        guard fixElements.contains(.readDeadline) else { return await execute(operation, ticket: ticket) }
        do {
            return try await withCancellingDeadline(config.readDeadline, clock: runtime.clock) { [self] in
                await execute(operation, ticket: ticket)
            }
        } catch is DeadlineExceeded {
            deadlineExpired("read #\(id) (\(operation.name))")
            return .failure(.timeout)
        } catch {
            return .failure(ColdError(error))
        }
    }

    private func deadlineExpired(_ what: String) {
        stats.update { $0.deadlineExpirations += 1 }
        events.warn(.cold, "\(what) exceeded the \(config.readDeadline) read deadline: timeout, permit returned")
    }

    private func execute(
        _ operation: ColdReadOperation, ticket: ColdLedgerTicket
    ) async -> Result<ColdReadResult, ColdError> {
        do {
            switch operation {
            case .header(let number):
                ticket.update(.backend(.header))
                guard let header = try await backend.header(number) else { return .failure(.notFound) }
                return .success(.header(header))
            case .block(let number):
                ticket.update(.backend(.block))
                guard let block = try await backend.block(number) else { return .failure(.notFound) }
                return .success(.block(block))
            case .latestBlock:
                ticket.update(.backend(.latestBlock))
                return .success(.latestBlock(try await backend.latestBlock()))
            case .logs(let range):
                ticket.update(.backend(.logs))
                return .success(.logs(try await backend.logs(in: range, limit: config.maxLogsPerQuery)))
            }
        } catch {
            return .failure(ColdError(error))
        }
    }

    // MARK: Streams

    private func setupStreamHoldingReadPermit(
        _ request: ColdStreamRequest, id: UInt64, ticket: ColdLedgerTicket
    ) async -> Result<ColdLogStream, ColdError> {
        ticket.update(.waitingForStreamSlot)
        let slot: OwnedSemaphorePermit
        do {
            slot = try await streamSlots.acquireOwned(1, label: Self.streamLabel(id))
        } catch {
            return .failure(error == .closed ? .taskTerminated : .cancelled)
        }
        return await openStream(request, id: id, slot: slot, ticket: ticket)
    }

    /// `fixed`: the stream slot came with the request, no read permit is involved, and setup is
    /// bounded by the read deadline.
    func serveBoundedStreamSetup(_ message: ColdReadMessage) async {
        guard case .stream(let request, let reply) = message.body, let slot = message.permit else {
            preconditionFailure("a bounded stream setup without its stream slot")
        }
        let ticket = message.ticket
        guard fixElements.contains(.boundedStreamSetup) else {
            reply.send(await openStream(request, id: message.id, slot: slot, ticket: ticket))
            return
        }
        do {
            let result = try await withCancellingDeadline(config.readDeadline, clock: runtime.clock) { [self] in
                await openStream(request, id: message.id, slot: slot, ticket: ticket)
            }
            reply.send(result)
        } catch is DeadlineExceeded {
            deadlineExpired("stream #\(message.id) setup")
            reply.send(.failure(.timeout))
        } catch {
            reply.send(.failure(shutdownSignal.isOpen ? .taskTerminated : ColdError(error)))
        }
    }

    private func openStream(
        _ request: ColdStreamRequest, id: UInt64, slot: OwnedSemaphorePermit, ticket: ColdLedgerTicket
    ) async -> Result<ColdLogStream, ColdError> {
        if request.to == nil {
            ticket.update(.backend(.latestBlock))
            do {
                // A subscription to the tip may start at most at the next block.
                if let tip = try await backend.latestBlock(), request.from > tip + 1 { return .failure(.notFound) }
            } catch {
                return .failure(ColdError(error))
            }
        }
        if Task.isCancelled { return .failure(.cancelled) }
        let (sender, receiver) = BoundedChannel<ColdLog>.make(
            name: "cold.stream #\(id)", capacity: config.streamOutputCapacity)
        // Weakly held: the channels panel lists the stream while it lives.
        instruments.register(sender.channel, owner: InstrumentOwner(.cold, item: "#\(id)"))
        let end = ColdStreamEnd()
        stats.update {
            $0.streamsOpened += 1
            $0.streamsActive += 1
        }
        streams.spawn(on: runtime, "cold.stream #\(id)") { [self] in
            await produce(request, into: sender, end: end, ticket: ticket)
            slot.release()
            stats.update { $0.streamsActive -= 1 }
        }
        return .success(ColdLogStream(id: id, logs: receiver, end: end))
    }

    /// Sends the logs of each block in order, waiting for blocks not written yet, until the range
    /// ends, the subscriber goes away, or `min(requested, maxStreamDeadline)` passes.
    private func produce(
        _ request: ColdStreamRequest, into sender: ChannelSender<ColdLog>, end: ColdStreamEnd, ticket: ColdLedgerTicket
    ) async {
        ticket.update(.streaming)
        let deadline = min(request.deadline, config.maxStreamDeadline)
        do {
            try await withCancellingDeadline(deadline, clock: runtime.clock) { [self] in
                var next = request.from
                while request.to.map({ next <= $0 }) ?? true {
                    guard let logs = try await backend.streamLogs(block: next) else {
                        try await runtime.sleep(for: config.streamPollInterval)
                        continue
                    }
                    for log in logs {
                        do throws(ChannelSendError<ColdLog>) {
                            try await sender.send(log)
                        } catch {
                            // Closed: the subscriber is gone, the stream is over.
                            if case .closed = error { return }
                            throw CancellationError()
                        }
                        stats.update { $0.logsStreamed += 1 }
                        ticket.logSent()
                    }
                    next += 1
                }
            }
            end.finish(with: nil)
        } catch is DeadlineExceeded {
            end.finish(with: .streamDeadlineExceeded)
        } catch {
            end.finish(with: shutdownSignal.isOpen ? .taskTerminated : .cancelled)
        }
    }
}
