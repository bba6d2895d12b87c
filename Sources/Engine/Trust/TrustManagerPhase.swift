/// Where a trust manager is in its life.
public enum TrustManagerPhase: String, Sendable, Codable, Comparable {
    case created
    case running
    case stopping
    case stopped

    public static func < (lhs: Self, rhs: Self) -> Bool {
        let order: [Self] = [.created, .running, .stopping, .stopped]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}
