import Backpressure
import Runtime

/// A client of the node: connects (bounded by `connectTimeout`), then waits for the node's
/// identity reply until `identityExchangeTimeout` after it connected, then keeps the
/// connection for a session. A client that times out closes its connection, which is how the
/// node ends up holding accepted connections nobody waits for.
struct AcceptClient: Sendable {
    let source: String
    let runtime: any Runtime
    let config: AcceptConfig
    let transport: AcceptTransport
    let ledger: AcceptLedger
    let events: EventLog

    func run() async {
        guard let connection = await transport.connect(source: source) else { return }
        let deadline = connection.connectedAt.advanced(by: config.identityExchangeTimeout)
        do {
            try await withCancellingDeadline(runtime.now.duration(to: deadline), clock: runtime.clock) {
                try await connection.identitySettled.pass()
            }
        } catch is DeadlineExceeded {
            ledger.identityTimedOut(at: runtime.now)
            let timedOut = ledger.current.identityTimedOut
            if timedOut == 1 || timedOut.isMultiple(of: Self.timeoutLogEvery) {
                let timeout = AcceptStallDetector.format(config.identityExchangeTimeout)
                events.warn(
                    .accept,
                    "identity exchange timed out for conn #\(connection.id) after \(timeout) (\(timedOut) so far)")
            }
            await transport.close(connection)
            return
        } catch {
            await transport.close(connection)
            return  // cancelled: the subsystem is stopping
        }
        // Settled without an answer: the node refused or dropped the connection.
        guard connection.identityAcknowledged else { return }
        ledger.update { $0.identityOK += 1 }
        if config.clientSession > .zero { try? await runtime.sleep(for: config.clientSession) }
        await transport.close(connection)
    }

    /// Identity timeouts are logged for the first and then every this many, so a flood cannot
    /// push everything else out of the event log.
    static let timeoutLogEvery = 50
}
