import Foundation
import Runtime
import Testing

@testable import Engine

/// The explorer's "acknowledged changes are on disk after stop" invariant, kept and broken.
@Suite struct TrustStopPromiseTests {
    @Test func everyAcknowledgedChangeIsInTheFileAfterAFixedStop() throws {
        let bed = TrustTestBed(policy: .fixed)
        bed.start()
        for index in 1...3 { _ = bed.mutate(TrustTestBed.accept(index)) }
        bed.runtime.run(for: .milliseconds(10))
        let stopped = bed.stop()
        bed.runtime.runUntilQuiescent()
        #expect(stopped.returnedAt != nil)
        #expect(bed.manager.appliedChanges == 3)
        #expect(bed.manager.persistenceViolations(file: bed.disk.contents(of: TrustFile.fileName)).isEmpty)
    }

    @Test func aFileThatLostAnAcknowledgedChangeBreaksIt() throws {
        let bed = TrustTestBed(policy: .fixed)
        bed.start()
        for index in 1...3 { _ = bed.mutate(TrustTestBed.accept(index)) }
        bed.runtime.run(for: .milliseconds(10))
        _ = bed.stop()
        bed.runtime.runUntilQuiescent()
        // On purpose: the disk loses the last change behind the manager's back.
        var stale = try #require(try bed.savedFile())
        stale = TrustFile(sequence: stale.sequence - 1, state: stale.state)
        let broken = bed.manager.persistenceViolations(file: stale.encoded())
        #expect(broken == ["3 changes acknowledged and none reported lost, but the trust file holds 2"])
        #expect(bed.manager.persistenceViolations(file: nil).count == 1)
        #expect(bed.manager.persistenceViolations(file: Data("garbage".utf8)).count == 1)
    }

    @Test func aLossStopReportedIsNoViolation() throws {
        // read-locked-write's stop closes the saver: what it loses it says it lost.
        let bed = TrustTestBed(policy: .readLockedWrite)
        bed.start()
        bed.disk.faults.failingWrites = true
        _ = bed.mutate(TrustTestBed.accept(1))
        bed.runtime.run(for: .milliseconds(10))
        _ = bed.stop()
        bed.runtime.runUntilQuiescent()
        #expect(bed.manager.snapshot().changesLostAtStop == 1)
        #expect(bed.manager.persistenceViolations(file: bed.disk.contents(of: TrustFile.fileName)).isEmpty)
    }
}
