/// Which of the trust manager's latency histograms a snapshot summarises. Each summary walks its
/// histogram's counters, so a reader that shows two of them (the dashboard, twice a second)
/// asks for those two; the others come back `.empty`.
public struct TrustLatencies: OptionSet, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let save = TrustLatencies(rawValue: 1 << 0)
    public static let fsync = TrustLatencies(rawValue: 1 << 1)
    public static let lockHold = TrustLatencies(rawValue: 1 << 2)
    public static let lockWait = TrustLatencies(rawValue: 1 << 3)
    public static let writeLockWait = TrustLatencies(rawValue: 1 << 4)
    public static let handshake = TrustLatencies(rawValue: 1 << 5)

    public static let all: TrustLatencies = [.save, .fsync, .lockHold, .lockWait, .writeLockWait, .handshake]
}
