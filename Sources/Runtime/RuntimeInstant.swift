/// A point on a runtime's clock: the time elapsed since the runtime started.
///
/// The same type serves the virtual clock (where it is exact and reproducible) and the live
/// clock, so engine code, snapshots and records never care which one they ran on.
public struct RuntimeInstant: InstantProtocol, Hashable, Sendable, Codable, CustomStringConvertible {
    public var sinceStart: Duration

    public init(sinceStart: Duration) {
        self.sinceStart = sinceStart
    }

    public static let start = RuntimeInstant(sinceStart: .zero)

    public func advanced(by duration: Duration) -> RuntimeInstant {
        RuntimeInstant(sinceStart: sinceStart + duration)
    }

    public func duration(to other: RuntimeInstant) -> Duration {
        other.sinceStart - sinceStart
    }

    public static func < (lhs: RuntimeInstant, rhs: RuntimeInstant) -> Bool {
        lhs.sinceStart < rhs.sinceStart
    }

    /// `mm:ss.s`, the dashboard's and the event log's format.
    public var description: String {
        let tenths = sinceStart.components.seconds * 10 + sinceStart.components.attoseconds / 100_000_000_000_000_000
        let minutes = tenths / 600
        let seconds = (tenths % 600) / 10
        let digit = tenths % 10
        return "\(minutes < 10 ? "0" : "")\(minutes):\(seconds < 10 ? "0" : "")\(seconds).\(digit)"
    }
}
