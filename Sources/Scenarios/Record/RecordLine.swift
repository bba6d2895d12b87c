import Engine

/// One line of a record file (JSON Lines). The header comes first and says everything needed to
/// rebuild the run; then every action and every outside input, in the order the run applied or
/// consumed them (so in virtual-time order); the trailer last, with the outcome the replay must
/// reproduce.
public enum RecordLine: Sendable, Equatable, Codable {
    case header(RecordHeader)
    /// An action at a virtual instant: a timeline entry or an operator's key.
    case action(at: RecordInstant, by: ActionOrigin, action: EngineAction)
    /// A value the run took from outside (a real disk's answer and timing), so a replay needs no
    /// disk.
    case input(at: RecordInstant, input: OutsideInput)
    case trailer(RecordTrailer)

    /// The virtual instant of an action or input line.
    var instant: Duration? {
        switch self {
        case .action(let at, _, _), .input(let at, _): at.sinceStart
        case .header, .trailer: nil
        }
    }
}
