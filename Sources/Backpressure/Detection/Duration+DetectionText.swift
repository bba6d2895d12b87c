extension Duration {
    /// "12.3 s": seconds to a tenth, as the findings' descriptions spell a wait or a hold.
    var detectionText: String {
        let tenths = Int((Double(components.seconds) * 10 + Double(components.attoseconds) / 1e17).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
