/// What an operator or a timeline can do to cold storage.
public enum ColdAction: SubsystemAction {
    /// The next `count` backend reads park on a gate (stuck readers).
    case injectStuckReaders(count: Int)
    /// Open the gate for every stuck reader.
    case releaseStuckReaders
    /// Backend `latestBlock` calls hang (true) or return again (false).
    case hangBackend(Bool)
    /// `reads` reads issued at once, then the next block written at once: the burst of PR #57's
    /// `write_after_saturating_reads_makes_progress`.
    case burstReadsThenWrite(reads: Int)

    public typealias Config = ColdConfig

    public static var subsystem: SubsystemID { .cold }

    /// Stuck readers (or burst reads) one action issues: at most the largest permit pool.
    static let stuckReadersPerAction = 1...10_000

    public var boundsViolation: String? {
        switch self {
        case .injectStuckReaders(let count): Self.outside("count", count, Self.stuckReadersPerAction)
        case .burstReadsThenWrite(let reads): Self.outside("reads", reads, Self.stuckReadersPerAction)
        case .releaseStuckReaders, .hangBackend: nil
        }
    }

    public var description: String {
        switch self {
        case .injectStuckReaders(let count): "injectStuckReaders(count: \(count))"
        case .releaseStuckReaders: "releaseStuckReaders"
        case .hangBackend(let hung): "hangBackend(\(hung))"
        case .burstReadsThenWrite(let reads): "burstReadsThenWrite(reads: \(reads))"
        }
    }
}

extension EngineAction {
    public static func injectStuckReaders(count: Int) -> EngineAction {
        EngineAction(ColdAction.injectStuckReaders(count: count))
    }
    public static var releaseStuckReaders: EngineAction { EngineAction(ColdAction.releaseStuckReaders) }
    public static func hangBackend(_ hung: Bool) -> EngineAction { EngineAction(ColdAction.hangBackend(hung)) }
    public static func burstReadsThenWrite(reads: Int) -> EngineAction {
        EngineAction(ColdAction.burstReadsThenWrite(reads: reads))
    }
}
