import Backpressure
import DashboardModel

/// What the listener shows in the transport panel: its loop latency, spin rate, wedged slots
/// and NAT queue; the panel is the listener's while it runs.
enum ListenerPanels {
    static func fill(_ listener: ListenerSubsystem, into panels: inout EnginePanels) {
        let snapshot = listener.snapshot()
        var transport = panels.transport ?? .idle
        transport.loopLatency = LatencyFigures(snapshot.loopLatency)
        transport.spinPerSecond = snapshot.spinIterationsPerSecond
        transport.wedgedSlots = snapshot.wedgedPeer == nil ? 0 : 1
        transport.natQueueLength = snapshot.natTraversal.occupied
        transport.natQueueCapacity = snapshot.natTraversal.capacity
        transport.owner = InstrumentOwner(.listener)
        panels.transport = transport
    }
}
