extension Duration {
    /// Whole nanoseconds (saturating), for histograms, metrics and arithmetic.
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? (seconds < 0 ? .min : .max) : scaled + attoseconds / 1_000_000_000
    }

    /// This duration since a run's start as a clock: `mm:ss` and `fractionDigits` digits of the
    /// second (1 to 18), cut, not rounded, so a clock never shows a moment that has not come yet
    /// (the event log's tenths, a paused header's milliseconds). Here, below both the runtime and
    /// the dashboard, so the two spell time the same way.
    public func clock(fractionDigits: Int) -> String {
        precondition((1...18).contains(fractionDigits), "a clock shows 1 to 18 digits of the second")
        let (seconds, attoseconds) = components
        var unit: Int64 = 1
        for _ in fractionDigits..<18 { unit *= 10 }
        let fraction = String(attoseconds / unit)
        let minutes = seconds / 60
        let second = seconds % 60
        return "\(minutes < 10 ? "0" : "")\(minutes):\(second < 10 ? "0" : "")\(second)."
            + String(repeating: "0", count: fractionDigits - fraction.count) + fraction
    }
}
