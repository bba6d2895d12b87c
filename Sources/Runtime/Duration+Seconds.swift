extension Duration {
    /// Seconds as a Double, for display, rates and wall-clock waits.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
