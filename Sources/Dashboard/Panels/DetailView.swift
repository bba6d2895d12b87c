/// The `enter` overlay: everything known about the focused item, one fact per line.
public enum DetailView {
    public static func lines(
        _ model: DashboardViewModel, panel: PanelID, row: Int, theme: Theme
    ) -> (title: String, lines: [TextLine]) {
        let muted = theme.style(.muted)
        func fact(_ name: String, _ value: String, _ style: Style? = nil) -> TextLine {
            TextLine([
                Span(name.padding(toLength: 16, withPad: " ", startingAt: 0), muted), Span(value, style ?? theme.text),
            ])
        }
        switch panel {
        case .permits:
            guard let pool = model.permits?.pools[safe: row] else { break }
            var lines = [
                fact("permits", "\(pool.held) held / \(pool.available) available / \(pool.total) total"),
                fact("high water", "\(pool.highWater)"),
                fact(
                    "waiting",
                    "\(pool.waiters) acquirers need \(pool.waitingPermits) permits"
                        + (pool.longestWait.map { ", longest \(Format.duration($0))" } ?? "")),
                fact("closed", pool.isClosed ? "yes" : "no"),
                TextLine("holders, oldest first:", muted),
            ]
            lines += pool.holders.map { fact("  " + $0.label, "\($0.permits) permits for \(Format.duration($0.age))") }
            return (pool.name, lines)
        case .channels:
            guard let channel = model.channels?.rows[safe: row] else { break }
            return (
                channel.name,
                [
                    fact("buffered", "\(channel.length) of \(channel.capacity) (\(channel.reserved) reserved)"),
                    fact("high water", "\(channel.highWater)"),
                    fact("full/s", Format.rate(channel.fullPerSecond)),
                    fact("waiting senders", "\(channel.waitingSenders)"),
                    fact("closed", channel.isClosed ? "yes" : "no"),
                ]
            )
        case .streams:
            guard let stream = model.streams?.rows[safe: row] else { break }
            return (
                "stream \(stream.id)",
                [
                    fact("kind", stream.kind),
                    fact("hops", stream.hopsTotal > 0 ? "\(stream.hopsDone) of \(stream.hopsTotal)" : "-"),
                    fact(
                        "sent",
                        stream.unit.map { "\(stream.bytes) \($0)" }
                            ?? stream.totalBytes.map { "\(stream.bytes) of \($0) bytes" } ?? "\(stream.bytes) bytes"),
                    fact("idle", stream.idleFor.map(Format.duration) ?? "-"),
                    fact("state", stream.state.rawValue),
                    fact("detail", stream.detail),
                ]
            )
        case .writer:
            guard let writer = model.writer else { break }
            return (
                "writer",
                [
                    fact("state", "\(writer.state) for \(Format.duration(writer.stateFor))"),
                    fact(
                        "drain",
                        writer.isDraining ? "\(writer.drained) of \(writer.drainTarget) permits" : "not draining"),
                    fact("blocked by", writer.blockedBy ?? "nobody"),
                    fact("last write", writer.lastWriteAgo.map { Format.duration($0) + " ago" } ?? "never"),
                    fact("queue", "\(writer.queueLength) of \(writer.queueCapacity)"),
                ]
            )
        case .trust:
            guard let trust = model.trust else { break }
            return (
                "trust persistence",
                [
                    fact("lag", trust.persistenceLag.map(Format.duration) ?? "clean"),
                    fact("coalesced", "\(trust.coalescedMutations)"),
                    fact(
                        "fsync",
                        "p50 \(Format.duration(trust.fsync.p50)) p99 \(Format.duration(trust.fsync.p99)) max \(Format.duration(trust.fsync.max)) (\(trust.fsync.count))"
                    ),
                    fact(
                        "lock hold",
                        "p50 \(Format.duration(trust.lockHold.p50)) p99 \(Format.duration(trust.lockHold.p99)) max \(Format.duration(trust.lockHold.max))"
                    ),
                    fact("saves", "\(trust.saves), \(trust.saveFailures) failed"),
                ]
            )
        case .transport:
            guard let transport = model.transport else { break }
            var lines = [
                fact(
                    "loop latency",
                    "p50 \(Format.duration(transport.loopLatency.p50)) p99 \(Format.duration(transport.loopLatency.p99))"
                ),
                fact("spin", "\(Format.rate(transport.spinPerSecond))/s"),
                fact("handshakes", "\(transport.handshakeBacklog) of \(transport.handshakeCapacity)"),
                fact(
                    "identity", "\(transport.identityExchangeSucceeded) ok, \(transport.identityExchangeFailed) failed"),
                fact("wedged slots", "\(transport.wedgedSlots)"),
            ]
            if let backlog = transport.registrationBacklog {
                lines.append(
                    fact(
                        "registration",
                        transport.registrationCapacity.map { "\(backlog) of \($0) queued" } ?? "\(backlog) pending"))
            }
            if let lock = transport.peersLock {
                let held = lock.holder.map { "held by \($0) for \(lock.heldFor.map(Format.duration) ?? "-")" } ?? "free"
                lines.append(fact("peers lock", "\(held), \(lock.waiters) waiting"))
            }
            return ("transport", lines)
        case .events:
            guard let events = model.events else { break }
            if let warning = events.warnings[safe: row] {
                return (
                    warning.isGeneric ? "generic finding" : "warning",
                    [
                        fact("kind", warning.kind),
                        fact(warning.isGeneric ? "detector" : "subsystem", warning.sourceTitle ?? warning.source),
                        fact("since", Format.clock(warning.since, fractionDigits: 1)),
                        fact("cause", warning.cause, theme.style(.critical)),
                    ]
                )
            }
            if let event = events.events[safe: row - events.warnings.count] {
                return (
                    "event #\(event.sequence)",
                    [
                        fact("at", Format.clock(event.at, fractionDigits: 1)), fact("level", event.level.rawValue),
                        fact("subsystem", event.sourceTitle ?? event.source ?? "-"), fact("message", event.text),
                    ]
                )
            }
        }
        return (panel.title.lowercased(), [TextLine("nothing selected", muted)])
    }
}
