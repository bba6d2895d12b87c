import Backpressure
import Runtime

/// The dispatcher and writer loops of each policy step, and the shutdown epilogue.
extension ColdStorageTask {
    func run() async {
        if fixElements.contains(.dispatcherWriterSplit) {
            await runSplitLoops()
        } else if fixElements.contains(.streamSetupOffReadPermits) {
            // Only with the split withheld from `fixed`: the stream dispatcher still runs beside
            // the one loop.
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.runStreamDispatcher() }
                await runSingleLoop()
                group.cancelAll()
            }
        } else {
            await runSingleLoop()
        }
        await finish()
    }

    // MARK: tasktracker, semaphore: one biased loop

    private func runSingleLoop() async {
        var selector = ColdLoopSelector()
        loop: while true {
            setDispatcher(.waitingForRequest)
            setWriter(.waitingForWrite)
            switch await selector.next(shutdown: shutdownSignal, writes: writeReceiver, reads: readReceiver) {
            case .shutdown:
                break loop
            case .write(let message):
                setDispatcher(.servingWrite)
                guard let release = await drainReaders(for: message.id) else { break loop }
                await apply(message)
                release()
            case .read(let message):
                guard await dispatch(message) else { break loop }
            }
        }
    }

    /// The read arm. Returns false if the loop must stop.
    private func dispatch(_ message: ColdReadMessage) async -> Bool {
        if message.permit != nil {
            // Permit-attached: the handler owns the caller's permit from here on.
            spawnHandler(message, permit: nil)
            return true
        }
        switch fixElements.contains(.readSemaphore) {
        case false:
            // The original throttle: this wait resolves only once the tracker is closed AND
            // empty, and nothing here closes it, so the 65th concurrent read parks the loop for
            // good. The token is not selected here either, so shutdown cannot interrupt it.
            while handlers.count >= config.readPermits {
                setDispatcher(.parkedOnTracker(inFlight: handlers.count))
                do { try await handlers.wait() } catch { return false }
            }
            spawnHandler(message, permit: nil)
            return true
        case true:
            setDispatcher(.acquiringPermit)
            let label = Self.readLabel(message.id)
            let acquire = { @Sendable [readPermits] in try await readPermits.acquireOwned(1, label: label) }
            guard let permit = await untilShutdown(acquire) else { return false }
            spawnHandler(message, permit: permit)
            return true
        }
    }

    // MARK: permit-attached, fixed: dispatcher and writer run concurrently

    private func runSplitLoops() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.runDispatcher() }
            group.addTask { await self.runWriter() }
            if fixElements.contains(.streamSetupOffReadPermits) { group.addTask { await self.runStreamDispatcher() } }
        }
    }

    private func runDispatcher() async {
        setDispatcher(.waitingForRequest)
        // The permit travels in the message: the handler owns it from here on.
        while let message = await untilShutdown({ [readReceiver] in try await readReceiver.receive() }) {
            // With the permit attached by the caller (always, but for a test withholding it),
            // this spawns at once.
            guard await dispatch(message) else { break }
            if message.permit == nil { setDispatcher(.waitingForRequest) }
        }
        setDispatcher(.stopped)
    }

    private func runStreamDispatcher() async {
        while let message = await untilShutdown({ [streamReceiver] in try await streamReceiver.receive() }) {
            handlers.spawn(on: runtime, "cold.stream-setup #\(message.id)") { [self] in
                await serveBoundedStreamSetup(message)
            }
        }
    }

    private func runWriter() async {
        while true {
            setWriter(.waitingForWrite)
            guard let message = await untilShutdown({ [writeReceiver] in try await writeReceiver.receive() }) else {
                break
            }
            guard let release = await drainReaders(for: message.id) else {
                dropAtShutdown(message)
                break
            }
            await apply(message)
            release()
        }
        setWriter(.cancelled)
    }

    // MARK: The drain before every write

    /// Waits until no reader runs; returns how to let readers back in, or nil if the writer must
    /// stop. Each step drains differently, and that difference is the incident.
    private func drainReaders(for writeID: UInt64) async -> (@Sendable () -> Void)? {
        let required = config.readPermits
        guard fixElements.contains(.readSemaphore) else {
            let inFlight = handlers.count
            setWriter(.draining(collected: 0, required: inFlight), write: writeID)
            handlers.close()
            if fixElements.contains(.cancellableDrain) {
                // Only with the semaphore withheld from `fixed`: the tracker's wait, raced.
                let drained = await untilShutdown { [handlers] in
                    try await handlers.wait()
                    return true
                }
                guard drained != nil else { return nil }
            } else {
                do { try await handlers.wait() } catch { return nil }
            }
            handlers.reopen()
            return {}
        }
        switch fixElements.contains(.cancellableDrain) {
        case false:
            setWriter(.draining(collected: 0, required: required), write: writeID)
            // PR #56's `acquire_many_owned(64)` was awaited outside the select: nothing could
            // interrupt it. Running it as a separate task we join reproduces that exactly; the
            // join does not pass our cancellation on. Only closing the semaphore (terminate)
            // ends it.
            let box = ColdPermitBox()
            let drain = runtime.spawn("cold.writer-drain") { [readPermits] in
                box.store(try? await readPermits.acquireOwned(required, label: Self.drainLabel))
            }
            await drain.join()
            guard let permit = box.take() else { return nil }
            return { permit.release() }
        case true:
            setWriter(.draining(collected: 0, required: required), write: writeID)
            // PR #57: the drain is raced against the token, so shutdown cannot hang on it.
            guard
                let permit = await untilShutdown({ [readPermits] in
                    try await readPermits.acquireOwned(required, label: Self.drainLabel)
                })
            else { return nil }
            return { permit.release() }
        }
    }

    private func apply(_ message: ColdWriteMessage) async {
        setWriter(.writing(message.write.name), write: message.id)
        let result: Result<[ColdBlock], ColdError>
        do {
            result = .success(try await backend.apply(message.write))
            stats.update { $0.writesApplied += 1 }
            let now = runtime.now
            progress.withLock { $0.lastWriteAt = now }
        } catch {
            result = .failure(ColdError(error))
            stats.update { $0.writesFailed += 1 }
            events.error(.cold, "write #\(message.id) (\(message.write.name)) failed: \(ColdError(error))")
        }
        message.reply?.send(result)
    }

    // MARK: Shutdown

    /// A write accepted but never applied: its caller, if one waits, hears `taskTerminated`
    /// when the message (and its reply sender) goes.
    private func dropAtShutdown(_ message: ColdWriteMessage) {
        stats.update { counters in
            if message.reply == nil {
                counters.writesDroppedSilently += 1
            } else {
                counters.writesDroppedAnswered += 1
            }
        }
    }

    /// After the loops: wait for (or, in `fixed`, cancel and bound) the handlers and streams,
    /// then answer whatever is still queued with `taskTerminated`.
    func finish() async {
        setDispatcher(.stopped)
        setWriter(.cancelled)
        switch fixElements.contains(.boundedShutdown) {
        case false:
            // Unbounded: a stuck reader (or, permit-attached, a stream setup or the longest
            // stream) holds shutdown for as long as it lasts.
            handlers.close()
            try? await handlers.wait()
            streams.close()
            try? await streams.wait()
        case true:
            // New callers fail at once instead of waiting for in-flight readers.
            readPermits.close()
            streamSlots.close()
            handlers.cancelAll()
            streams.cancelAll()
            handlers.close()
            streams.close()
            let grace = config.shutdownGrace
            do {
                try await withCancellingDeadline(grace, clock: runtime.clock) { [handlers, streams] in
                    try await handlers.wait()
                    try await streams.wait()
                }
            } catch {
                events.warn(
                    .cold, "shutdown grace of \(grace) elapsed: \(handlers.count + streams.count) tasks abandoned")
            }
        }
        readReceiver.close()
        streamReceiver.close()
        writeReceiver.close()
        // Dropping a queued request answers its caller (`taskTerminated`) and returns its permit.
        while case .element = readReceiver.tryReceive() {}
        while case .element = streamReceiver.tryReceive() {}
        while case .element(let message) = writeReceiver.tryReceive() { dropAtShutdown(message) }
        let now = runtime.now
        let took = progress.withLock { progress -> Duration? in
            progress.phase = .terminated
            progress.terminatedAt = now
            return progress.shutdownRequestedAt.map { $0.duration(to: now) }
        }
        events.info(.cold, "cold storage task exited" + (took.map { " \($0) after cancel" } ?? ""))
    }
}
