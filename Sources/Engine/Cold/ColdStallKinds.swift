extension StallKind {
    /// The writer waits for every read permit and one holder never gives its own back.
    public static let writerDrainBlocked = StallKind("writer-drain-blocked")
    /// The dispatcher's loop is parked and takes no more requests.
    public static let dispatcherParked = StallKind("dispatcher-parked")
    /// Fire-and-forget writes were refused: the write channel was full.
    public static let writeBackpressure = StallKind("write-backpressure")
    /// Shutdown outlasted what the step's design lets it take.
    public static let shutdownHung = StallKind("shutdown-hung")
}

extension InvariantLaw {
    /// Every accepted write is applied, fails (logged), or is dropped with its caller told.
    public static let writesAppliedOrReported = InvariantLaw("writes-applied-or-reported")
}
