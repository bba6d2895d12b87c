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
    public var description: String { clock(fractionDigits: 1) }

    /// `mm:ss` and `fractionDigits` digits of the second (1 to 18), cut, not rounded.
    public func clock(fractionDigits: Int) -> String { sinceStart.clock(fractionDigits: fractionDigits) }
}
