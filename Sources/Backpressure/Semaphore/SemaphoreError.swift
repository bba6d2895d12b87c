/// Why an `acquire` failed.
public enum SemaphoreError: Error, Equatable, Sendable {
    /// The semaphore was closed before the permits were granted.
    case closed
    /// The waiting task was cancelled before the permits were granted; permits it had collected
    /// went back to the pool.
    case cancelled
}

/// Why a `tryAcquire` failed.
public enum TryAcquireError: Error, Equatable, Sendable {
    /// Not enough permits are free, or someone is already queued ahead.
    case noPermits
    case closed
}
