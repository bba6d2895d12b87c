/// Why an `acquire` failed (cancellation throws `CancellationError` instead).
public enum SemaphoreError: Error, Equatable, Sendable {
    /// The semaphore was closed before the permits were granted.
    case closed
}

/// Why a `tryAcquire` failed.
public enum TryAcquireError: Error, Equatable, Sendable {
    /// Not enough permits are free, or someone is already queued ahead.
    case noPermits
    case closed
}
