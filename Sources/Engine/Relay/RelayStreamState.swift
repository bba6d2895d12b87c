/// Where a relayed stream stands, as the streams panel shows it.
public enum RelayStreamState: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Fragments arrived somewhere in the chain within the stall threshold.
    case flowing
    /// Not finished and no fragment anywhere for at least the stall threshold.
    case stalled
    /// Failed cleanly, with the diagnostic.
    case failed(reason: String)
    /// The receiver assembled every byte, intact.
    case done

    public var description: String {
        switch self {
        case .flowing: "flowing"
        case .stalled: "stalled"
        case .failed(let reason): "failed: \(reason)"
        case .done: "done"
        }
    }
}
