import Engine
import Foundation
import Runtime
import Testing

/// The follow-up tests of the trust incident (Sources/Engine/Trust/README.md), on the `fixed` policy, simulated disk.
@Suite struct TrustFollowUpTests {
    @Test func stopPersistsEveryRelayedChange() throws {
        let changesPerIteration = 8
        var persisted = 0
        for iteration in 0..<200 {
            let bed = TrustTestBed(seed: UInt64(iteration))
            let jitter = bed.runtime.random.fork("test.jitter")
            bed.disk.faults.fsyncLatency = .milliseconds(jitter.int(in: 0...10))
            bed.start()
            var calls: [(nodeId: String, box: OutcomeBox)] = []
            for change in 0..<changesPerIteration {
                let delay = Duration.milliseconds(jitter.int(in: 0...5))
                let mutation = TrustTestBed.accept(iteration * 100 + change)
                let box = OutcomeBox()
                let manager = bed.manager
                bed.runtime.spawn("relay \(change)") {
                    try? await bed.runtime.sleep(for: delay)
                    box.set(try? await manager.mutate(mutation))
                }
                calls.append((mutation.nodeId!, box))
            }
            // Stop races the relayed calls and the saver: it often lands while they are in flight.
            bed.runtime.run(for: .milliseconds(jitter.int(in: 0...6)))
            let stop = bed.stop()
            bed.runtime.runUntilQuiescent()
            #expect(stop.returnedAt != nil)
            let saved = try bed.savedFile()?.state ?? TrustState()
            for call in calls {
                switch call.box.outcome {
                case .some(.some(.changed)):
                    #expect(
                        saved.isTrusted(call.nodeId), "iteration \(iteration): \(call.nodeId) changed but not saved")
                    persisted += 1
                case .some(.some(.refused(.stopped))):
                    #expect(!saved.isTrusted(call.nodeId), "iteration \(iteration)")
                default:
                    Issue.record(
                        "iteration \(iteration): \(call.nodeId) ended with \(String(describing: call.box.outcome))")
                }
            }
            #expect(saved == bed.manager.currentTrust, "iteration \(iteration)")
            #expect(bed.manager.savedChanges == bed.manager.appliedChanges, "iteration \(iteration)")
            #expect(bed.disk.overlappingWrites == 0)
            #expect(!bed.disk.fileNames.contains(TrustFile.temporaryFileName))
        }
        // Most relayed changes land before stop seals the manager; all of those are on disk.
        #expect(persisted > 200 * changesPerIteration / 2)
    }

    @Test func stopSavesAChangeMadeByAnInFlightCall() throws {
        let bed = TrustTestBed()
        bed.start()
        bed.manager.callGate.close()
        let call = bed.mutate(TrustTestBed.accept(1))
        bed.runtime.runUntilIdle()
        #expect(call.outcome == nil, "the call is parked in flight")
        let stop = bed.stop()
        bed.runtime.run(for: .milliseconds(100))
        #expect(stop.returnedAt == nil, "stop waits for the call in flight")
        let late = bed.mutate(TrustTestBed.accept(2))
        bed.manager.callGate.open()
        bed.runtime.runUntilQuiescent()
        #expect(call.outcome == .some(.changed))
        #expect(late.outcome == .some(.refused(.stopped)), "a call arriving after stop began is refused")
        let file = try #require(try bed.savedFile())
        #expect(file.state.isTrusted("peer-1"))
        #expect(!file.state.isTrusted("peer-2"))
        #expect(bed.manager.snapshot().changesLostAtStop == 0)
    }

    @Test func aHungCallIsBoundedAndTheSaveStillHappens() throws {
        let config = TrustConfig()
        let bed = TrustTestBed(config: config)
        bed.start()
        for index in 0..<3 { bed.mutate(TrustTestBed.accept(index)) }
        bed.runtime.runUntilIdle()
        bed.manager.callGate.close()
        let hung = bed.mutate(TrustTestBed.accept(99))
        bed.runtime.runUntilIdle()
        let stopAsked = bed.runtime.now
        let stop = bed.stop()
        bed.runtime.run(until: { stop.returnedAt != nil }, limit: .seconds(60))
        let returned = try #require(stop.returnedAt)
        let took = stopAsked.duration(to: returned)
        #expect(took >= config.stopDrainTimeout && took < config.stopDrainTimeout + .milliseconds(100))
        let file = try #require(try bed.savedFile())
        #expect((0..<3).allSatisfy { file.state.isTrusted("peer-\($0)") })
        #expect(bed.manager.snapshot().changesLostAtStop == 0)
        // The hung call wakes after stop: refused, the file unchanged.
        bed.manager.callGate.open()
        bed.runtime.runUntilQuiescent()
        #expect(hung.outcome == .some(.refused(.stopped)))
        #expect(try bed.savedFile() == file)
    }

    @Test func concurrentStopsAreSafeAndLeaveNoTemporaryFile() throws {
        let bed = TrustTestBed()
        bed.disk.faults.fsyncLatency = .milliseconds(30)
        bed.start()
        for index in 0..<20 { bed.mutate(TrustTestBed.accept(index)) }
        bed.runtime.run(for: .milliseconds(10))
        let stops = (0..<4).map { _ in bed.stop() }
        bed.runtime.runUntilQuiescent()
        #expect(stops.allSatisfy { $0.returnedAt != nil })
        // Every stop returns only once the first has finished its final save.
        let first = stops.compactMap(\.returnedAt).min()
        #expect(stops.allSatisfy { $0.returnedAt == first })
        #expect(bed.disk.fileNames == [TrustFile.fileName])
        #expect(bed.disk.overlappingWrites == 0)
        #expect(try bed.savedFile()?.state == bed.manager.currentTrust)
        #expect(bed.manager.phase == .stopped)
    }

    @Test func anUnparseableTrustFileIsKeptAside() throws {
        let garbage = Data("{\"version\":1,\"trusted\":[tor".utf8)
        let bed = TrustTestBed()
        bed.disk.place(TrustFile.fileName, garbage)
        bed.start()
        let snapshot = bed.manager.snapshot()
        #expect(snapshot.setAsideFile == "trust.json.unparseable-1")
        #expect(snapshot.warnings.contains { $0.kind == .trustFileUnparseable })
        bed.mutate(TrustTestBed.accept(1))
        let stop = bed.stop()
        bed.runtime.runUntilQuiescent()
        #expect(stop.returnedAt != nil)
        #expect(bed.disk.contents(of: "trust.json.unparseable-1") == garbage, "kept byte for byte")
        #expect(try bed.savedFile()?.state.isTrusted("peer-1") == true)
        #expect(
            bed.context.events.events().contains {
                $0.level == .error && $0.message.contains("kept as trust.json.unparseable-1")
            })
    }

    @Test func noChangeMeansNoWrite() throws {
        let seed = TrustTestBed()
        seed.start()
        seed.mutate(TrustTestBed.accept(1))
        seed.mutate(TrustTestBed.accept(1))  // accepted twice: mutual
        seed.mutate(.request(nodeId: "asker", publicKey: "k", justification: nil, source: "net-0"))
        _ = seed.stop()
        seed.runtime.runUntilQuiescent()
        let saved = try #require(seed.disk.contents(of: TrustFile.fileName))

        let bed = TrustTestBed(seed: 9)
        bed.disk.place(TrustFile.fileName, saved)
        bed.start()
        #expect(bed.manager.currentTrust == (try TrustFile.decode(saved)).state)
        let written = bed.disk.writesStarted
        let unchanged = [
            bed.mutate(.markMutual(nodeId: "peer-1")),
            bed.mutate(.request(nodeId: "asker", publicKey: "k", justification: nil, source: "net-0")),
            bed.mutate(.approve(nodeId: "peer-1", network: nil)),
            bed.mutate(.reject(nodeId: "nobody")),
            bed.mutate(.expire),
        ]
        let stop = bed.stop()
        bed.runtime.runUntilQuiescent()
        #expect(stop.returnedAt != nil)
        #expect(
            unchanged.map(\.outcome) == [
                .some(.unchanged), .some(.unchanged), .some(.unchanged), .some(.refused(.notPending)),
                .some(.unchanged),
            ])
        #expect(bed.disk.writesStarted == written, "changes that change nothing write nothing")
    }

    @Test func stopWithoutAnyChangeWritesNothing() {
        let bed = TrustTestBed()
        bed.start()
        _ = bed.stop()
        bed.runtime.runUntilQuiescent()
        #expect(bed.disk.writesStarted == 0)
        #expect(bed.disk.fileNames.isEmpty)
    }

    @Test func aFailedSaveIsRetried() throws {
        let config = TrustConfig()
        let bed = TrustTestBed(config: config)
        bed.start()
        bed.disk.faults.failNextWrites(2)
        bed.mutate(TrustTestBed.accept(1))
        bed.runtime.runUntilIdle()
        #expect(bed.manager.snapshot().saveFailures == 1)
        #expect(bed.manager.snapshot().isDirty)
        bed.runtime.run(for: config.saveRetryDelay * 2)
        let snapshot = bed.manager.snapshot()
        #expect(snapshot.saveFailures == 2)
        #expect(snapshot.saves == 1)
        #expect(!snapshot.isDirty)
        #expect(snapshot.dirtyFor == nil)
        #expect(try bed.savedFile()?.state.isTrusted("peer-1") == true)
        #expect(bed.disk.fileNames == [TrustFile.fileName], "a failed write leaves no temporary file")
    }

    @Test func aFailingDiskAtStopIsRetriedWithinTheBound() throws {
        let config = TrustConfig()
        let bed = TrustTestBed(config: config)
        bed.start()
        bed.disk.faults.failingWrites = true
        bed.mutate(TrustTestBed.accept(1))
        bed.runtime.runUntilIdle()
        let stop = bed.stop()
        bed.runtime.run(for: .seconds(1))
        #expect(stop.returnedAt == nil, "stop keeps retrying its final save")
        bed.disk.faults.failingWrites = false
        bed.runtime.runUntilQuiescent()
        #expect(stop.returnedAt != nil)
        #expect(bed.manager.snapshot().changesLostAtStop == 0)
        #expect(try bed.savedFile()?.state.isTrusted("peer-1") == true)
    }

    @Test func aHungDiskBoundsTheFinalSave() throws {
        let config = TrustConfig()
        let bed = TrustTestBed(config: config)
        bed.start()
        bed.disk.faults.fsyncLatency = .seconds(60)
        bed.mutate(TrustTestBed.accept(1))
        bed.runtime.runUntilIdle()
        let asked = bed.runtime.now
        let stop = bed.stop()
        bed.runtime.run(until: { stop.returnedAt != nil }, limit: .seconds(30))
        let returned = try #require(stop.returnedAt)
        #expect(asked.duration(to: returned) == config.finalSaveTimeout)
        #expect(bed.context.events.events().contains { $0.message.contains("final save did not finish within 5") })
        let stopped = bed.manager.snapshot()
        #expect(stopped.unsavedChanges == 1)
        #expect(stopped.changesLostAtStop == 0, "the write in progress may still land")
        #expect(stopped.warnings.contains { $0.kind == .trustPersistenceLag && $0.cause.contains("manager stopped") })
        // The fsync finishes after all: the change is on disk.
        bed.runtime.runUntilQuiescent()
        #expect(bed.manager.snapshot().unsavedChanges == 0)
        #expect(try bed.savedFile()?.state.isTrusted("peer-1") == true)
    }

    @Test func aCrashAtAnyPointLeavesTheOldFileAndTheNextStartCleansUp() throws {
        for point in TrustCrashPoint.allCases {
            let bed = TrustTestBed()
            bed.start()
            bed.mutate(TrustTestBed.accept(1))
            bed.runtime.runUntilIdle()
            let before = try #require(bed.disk.contents(of: TrustFile.fileName))
            bed.disk.armCrash(at: point)
            bed.mutate(TrustTestBed.accept(2))
            bed.runtime.runUntilIdle()
            #expect(bed.disk.isCrashed, "\(point)")
            #expect(bed.disk.contents(of: TrustFile.fileName) == before, "\(point): the trust file is never torn")
            #expect(bed.disk.fileNames.contains(TrustFile.temporaryFileName), "\(point)")

            bed.disk.restart()
            let next = TrustTestBed(disk: bed.disk, runtime: bed.runtime)
            next.start()
            #expect(next.manager.currentTrust == (try TrustFile.decode(before)).state, "\(point)")
            #expect(next.manager.snapshot().leftoversRemoved == 1, "\(point)")
            #expect(bed.disk.fileNames == [TrustFile.fileName], "\(point)")
        }
    }
}
