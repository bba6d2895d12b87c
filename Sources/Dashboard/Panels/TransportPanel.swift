import DashboardModel

/// Listener loop latency and spin rate, the handshake backlog, identity exchange, NAT queue.
public struct TransportPanel: Widget {
    public var model: TransportViewModel
    public var theme: Theme
    public var isFocused: Bool

    public init(model: TransportViewModel, theme: Theme, isFocused: Bool = false) {
        self.model = model
        self.theme = theme
        self.isFocused = isFocused
    }

    public static let preferredHeight = 6

    public func render(_ area: Rect, into buffer: inout Buffer) {
        Panel(title: PanelID.transport.title, isFocused: isFocused, theme: theme).render(area, into: &buffer)
        let inner = Panel.inner(area).inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        let muted = theme.style(.muted)
        let loop = model.loopLatency
        let ratio = model.identityExchangeSuccessRatio
        let identity = ratio.map { "\(Int(($0 * 100).rounded()))%" } ?? "-"
        var lines: [(TextLine, fill: Double?)] = [
            (
                TextLine(
                    [
                        Span("loop p99 ", muted), Span(loop.count > 0 ? Format.duration(loop.p99) : "-", theme.text),
                        Span("  spin ", muted),
                        Span(
                            "\(Format.rate(model.spinPerSecond))/s",
                            model.spinPerSecond > 0 ? theme.style(.warn) : theme.text),
                    ]
                        + (model.wedgedSlots > 0 ? [Span("  \(model.wedgedSlots) wedged", theme.style(.critical))] : [])
                ), nil
            ),
            (
                TextLine([
                    Span("handshakes ", muted),
                    Span("\(model.handshakeBacklog)/\(model.handshakeCapacity)", theme.text),
                ]),
                model.handshakeCapacity > 0 ? Double(model.handshakeBacklog) / Double(model.handshakeCapacity) : nil
            ),
            (
                TextLine([
                    Span("nat queue  ", muted), Span("\(model.natQueueLength)/\(model.natQueueCapacity)", theme.text),
                ]),
                model.natQueueCapacity > 0 ? Double(model.natQueueLength) / Double(model.natQueueCapacity) : nil
            ),
            (
                TextLine([
                    Span("identity ", muted),
                    Span(identity, (ratio ?? 1) < 0.9 ? theme.style(.critical) : theme.style(.ok)),
                    Span("  \(model.identityExchangeSucceeded) ok  \(model.identityExchangeFailed) failed", muted),
                ]), nil
            ),
        ]
        // Below what fits in the panel's preferred height: shown where the panel stretches.
        if let backlog = model.registrationBacklog {
            let bound = model.registrationCapacity.map { "\(backlog)/\($0)" } ?? "\(backlog) pending"
            lines.append(
                (
                    TextLine([Span("registration ", muted), Span(bound, theme.text)]),
                    model.registrationCapacity.map { $0 > 0 ? Double(backlog) / Double($0) : 0 }
                ))
        }
        if let lock = model.peersLock {
            var spans = [Span("peers lock ", muted)]
            if let holder = lock.holder {
                spans += [
                    Span(holder, theme.style(lock.waiters > 0 ? .warn : .ok)),
                    Span(" " + (lock.heldFor.map(Format.duration) ?? ""), theme.text),
                ]
            } else {
                spans.append(Span("free", theme.style(.ok)))
            }
            if lock.waiters > 0 { spans.append(Span("  \(lock.waiters) waiting", theme.style(.warn))) }
            lines.append((TextLine(spans), nil))
        }
        for (index, entry) in lines.enumerated() where inner.y + index < inner.bottom {
            let row = inner.row(index)
            let used = entry.0.render(row, into: &buffer)
            if let fill = entry.fill, inner.width - used >= 12 {
                let width = Swift.min(inner.width - used - 2, 30)
                Gauge(fill: fill, theme: theme).render(
                    Rect(x: row.right - width, y: row.y, width: width, height: 1), into: &buffer)
            }
        }
    }
}
