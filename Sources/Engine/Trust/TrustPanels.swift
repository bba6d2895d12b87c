import Backpressure
import DashboardModel

/// What the trust store shows: its persistence lag, coalescing, fsync and lock hold times.
enum TrustPanels {
    /// The latencies the panel shows: summarising the others would walk their histograms for
    /// nothing.
    static let shownLatencies: TrustLatencies = [.fsync, .lockHold]

    static func fill(_ trust: TrustSubsystem, into panels: inout EnginePanels) {
        let snapshot = trust.snapshot(latencies: shownLatencies)
        panels.trust = TrustViewModel(
            persistenceLag: snapshot.dirtyFor, coalescedMutations: snapshot.coalescedPending,
            fsync: LatencyFigures(snapshot.fsyncDuration), lockHold: LatencyFigures(snapshot.lockHold),
            saves: snapshot.saves, saveFailures: snapshot.saveFailures, diskLatency: snapshot.fsyncLatency,
            unsavedAtStop: snapshot.changesLostAtStop, owner: InstrumentOwner(.trust))
    }
}
