import Engine
import Testing

/// Every key of every subsystem's schema against its documented range: its units and both bounds
/// accepted, the next value past either bound refused, and hostile text refused without a trap.
@Suite struct ParameterSchemaTests {
    /// Refused by every key whatever its range: past any bound, malformed, or not a number at all.
    static let alwaysRefused = [
        "1e6", "9223372036854775807", "9999999999s", "5e15h", "1e12h", "99999999999h", "-1", "-0", "nan", "inf", "",
        "\u{0663}", "1\u{0}", "\u{0}",
    ]

    @Test func coldKeys() { checkEveryKey(ColdConfig.default) }
    @Test func relayKeys() { checkEveryKey(RelayConfig.default) }
    @Test func listenerKeys() { checkEveryKey(ListenerConfig.default) }
    @Test func acceptKeys() { checkEveryKey(AcceptConfig.default) }
    @Test func trustKeys() {
        // Each pending limit's whole range is open only while the other leaves room for it.
        var roomy = TrustConfig.default
        roomy.pendingPerSourceLimit = 1
        roomy.pendingTotalLimit = 1_000_000
        checkEveryKey(TrustConfig.default, bounds: roomy)
    }

    @Test func aHugeDurationIsAnErrorNotATrap() {
        var config = ColdConfig.default
        #expect(
            throws: ParameterError(
                key: "cold.readDeadline", value: "1e12h",
                expected: "a duration in 1ms...1h (units ns, us, ms, s, m, h; compounds like 1m30s)")
        ) {
            try config.set("readDeadline", "1e12h")
        }
        #expect(throws: ParameterError.self) { try config.set("readDeadline", "99999999999h") }
        #expect(config == .default)
    }

    @Test func aCompoundDurationIsAcceptedByEveryKey() throws {
        var config = ColdConfig.default
        try config.set("readDeadline", "1m30s")
        #expect(config.readDeadline == .seconds(90))
    }

    @Test func minutesAreAcceptedByEveryKey() throws {
        var config = TrustConfig.default
        try config.set("pendingTimeout", "1m")
        #expect(config.pendingTimeout == .seconds(60))
    }

    @Test func keysAreUniqueAndDocumented() {
        func check<Config: ParameterSet>(_: Config.Type) {
            #expect(Set(Config.settableKeys).count == Config.settableKeys.count)
            for parameter in Config.parameters.parameters {
                #expect(!parameter.doc.isEmpty && !parameter.doc.contains("\n"), "\(parameter.key)")
                #expect(!parameter.unit.isEmpty, "\(parameter.key)")
            }
        }
        check(ColdConfig.self)
        check(RelayConfig.self)
        check(ListenerConfig.self)
        check(AcceptConfig.self)
        check(TrustConfig.self)
    }

    @Test func anUnknownKeyListsTheValidOnes() {
        var config = RelayConfig.default
        do {
            try config.set("hops", "4")
            Issue.record("an unknown key was accepted")
        } catch {
            #expect(
                error.description
                    == "'4' for relay.hops: expected a key of relay; valid keys: \(RelayConfig.settableKeys.joined(separator: ", "))"
            )
        }
    }

    @Test func aSetBreakingAnInvariantChangesNothing() throws {
        var config = TrustConfig.default
        #expect(throws: ParameterError.self) { try config.set("pendingPerSourceLimit", "1000") }
        #expect(config == .default)
    }

    /// `bounds`: the config each value is set on, when some bound is reachable only from another one.
    func checkEveryKey<Config: ParameterSet & Equatable>(_ initial: Config, bounds: Config? = nil) {
        let schema = Config.parameters
        #expect(!schema.parameters.isEmpty)
        for parameter in schema.parameters {
            let key = parameter.key
            // The default lies inside the range: spelled back, it sets the same value.
            var config = initial
            #expect((try? config.set(key, parameter.value(in: initial))) != nil, "\(key) default")
            #expect(config == initial, "\(key) default round trip")
            let defaults = bounds ?? initial

            switch parameter.range {
            case .duration(let range, let offAtZero):
                checkDuration(parameter, defaults, range, offAtZero)
            case .wholeNumber(let range):
                accepts(parameter, defaults, String(range.lowerBound))
                accepts(parameter, defaults, String(range.upperBound))
                if range.lowerBound > 0 { refuses(parameter, defaults, String(range.lowerBound - 1)) }
                refuses(parameter, defaults, String(range.upperBound + 1))
            case .rate(let range, let offAtZero):
                accepts(parameter, defaults, String(range.lowerBound))
                accepts(parameter, defaults, String(range.upperBound))
                if range.lowerBound > 0 {
                    let below = String(range.lowerBound.nextDown)
                    if offAtZero { accepts(parameter, defaults, "0") } else { refuses(parameter, defaults, "0") }
                    refuses(parameter, defaults, below)
                }
                refuses(parameter, defaults, String(range.upperBound.nextUp))
            }

            for text in Self.alwaysRefused { refuses(parameter, defaults, text) }
            for text in ["0", "1"] {
                let inRange =
                    switch parameter.range {
                    case .duration: false  // a duration needs a unit
                    case .wholeNumber(let range): range.contains(Int(text)!)
                    case .rate(let range, let offAtZero): range.contains(Double(text)!) || (offAtZero && text == "0")
                    }
                if inRange { accepts(parameter, defaults, text) } else { refuses(parameter, defaults, text) }
            }
        }
    }

    private func checkDuration<Config: ParameterSet & Equatable>(
        _ parameter: Parameter<Config>, _ defaults: Config, _ range: ClosedRange<Duration>, _ offAtZero: Bool
    ) {
        accepts(parameter, defaults, DurationSyntax.format(range.lowerBound))
        accepts(parameter, defaults, DurationSyntax.format(range.upperBound))
        let one = Duration.nanoseconds(1)
        if range.lowerBound > .zero {
            let below = "\(nanoseconds(range.lowerBound - one))ns"
            if offAtZero && range.lowerBound == one {
                accepts(parameter, defaults, below)
            } else {
                refuses(parameter, defaults, below)
            }
            if offAtZero { accepts(parameter, defaults, "0s") } else { refuses(parameter, defaults, "0s") }
        }
        refuses(parameter, defaults, "\(nanoseconds(range.upperBound + one))ns")
        // Every unit reads: the first power of ten of it inside the range.
        for unit in DurationSyntax.units {
            let unitLength = Duration.nanoseconds(unit.nanoseconds)
            let amounts = ["0.001", "0.01", "0.1", "1", "10", "100", "1000", "10000", "100000", "1000000", "10000000"]
            let fitting = amounts.first { amount in
                guard let value = DurationSyntax.parse(amount + unit.suffix) else { return false }
                return range.contains(value) && value.components.attoseconds % 1_000_000_000 == 0
            }
            guard let amount = fitting else {
                // Only a unit longer than the whole range may have no fitting amount.
                #expect(
                    unitLength * 0.001 > range.upperBound || unitLength * 10_000_000 < range.lowerBound,
                    "\(parameter.key) \(unit.suffix)")
                continue
            }
            var config = defaults
            #expect(
                (try? parameter.set(amount + unit.suffix, in: &config)) != nil,
                "\(parameter.key) \(amount)\(unit.suffix)")
        }
    }

    private func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }

    private func accepts<Config: ParameterSet & Equatable>(
        _ parameter: Parameter<Config>, _ defaults: Config, _ text: String
    ) {
        var config = defaults
        do {
            try config.set(parameter.key, text)
        } catch {
            Issue.record("\(parameter.key)=\(text) refused: \(error)")
        }
    }

    private func refuses<Config: ParameterSet & Equatable>(
        _ parameter: Parameter<Config>, _ defaults: Config, _ text: String
    ) {
        var config = defaults
        do {
            try config.set(parameter.key, text)
            Issue.record("\(parameter.key)=\(text) accepted, outside \(parameter.range.description)")
        } catch {
            #expect(error.key.hasSuffix(".\(parameter.key)"))
            #expect(!error.description.contains("\n"))
        }
        #expect(config == defaults, "\(parameter.key)=\(text) changed the config")
    }
}
