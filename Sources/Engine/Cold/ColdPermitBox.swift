import Backpressure

/// Carries the permits of the `semaphore` step's detached drain back to the writer.
final class ColdPermitBox: Sendable {
    private let permit = LockedState<OwnedSemaphorePermit?>(nil)

    func store(_ permit: OwnedSemaphorePermit?) { self.permit.withLock { $0 = permit } }

    func take() -> OwnedSemaphorePermit? { permit.withLock { $0.take() } }
}
