import DashboardModel

extension StreamRow {
    /// "3/10", or "-" for a stream without hops.
    public var hopsText: String { hopsTotal > 0 ? "\(hopsDone)/\(hopsTotal)" : "-" }

    /// "1.2k/253k" bytes, or "48 logs".
    public var sentText: String {
        if let unit { return "\(Format.count(bytes)) \(unit)" }
        return totalBytes.map { "\(Format.count(bytes))/\(Format.count($0))" } ?? Format.count(bytes)
    }
}
