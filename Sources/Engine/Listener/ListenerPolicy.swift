/// The transport listener's fix ladder (see Listener/README.md, the ladder), oldest first.
public enum ListenerPolicy: String, CaseIterable, Sendable, Codable {
    /// Every channel is our reserve-then-commit array channel whose waiters spin without bound:
    /// one slot reserved and never committed freezes the listener for every peer and pegs two
    /// runtime workers. The NAT forward also awaits room, as `send_async` did.
    case spinChannel = "spin-channel"
    /// Standard bounded channels whose `trySend` answers at once, but the NAT-traversal forward
    /// still awaits `send` inside the listener loop (PR #3960): a full NAT channel blocks it.
    case awaitNat = "await-nat"
    /// Every listener forward is a non-blocking try-send with an explicit outcome (PR #3962).
    case fixed
}
