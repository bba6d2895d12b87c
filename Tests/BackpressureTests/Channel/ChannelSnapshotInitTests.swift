import Backpressure
import Testing

@Suite struct ChannelSnapshotInitTests {
    // Channels defined outside Backpressure report through `ResourceSnapshot.channel`, so the
    // snapshot must be constructible from another module.
    @Test func isConstructibleOutsideTheModule() {
        let snapshot = ChannelSnapshot(
            name: "outside", capacity: 4, length: 3, reserved: 1, highWater: 4, sends: 9, receives: 6,
            fullRejections: 2, waitingSenders: 0, receiverWaiting: false, isClosed: false, sendersGone: false)
        #expect(snapshot.isFull)
        #expect(snapshot.fill == 1.0)
        #expect(ResourceSnapshot.channel(snapshot).name == "outside")
    }
}
