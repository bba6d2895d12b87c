import Engine
import Testing

/// The three parsers every `--set` key and `--duration` go through: exact, and total on any text.
@Suite struct ParameterSyntaxTests {
    @Test(arguments: [
        ("1ns", Duration.nanoseconds(1)), ("1us", .microseconds(1)), ("1µs", .microseconds(1)),
        ("1ms", .milliseconds(1)),
        ("1s", .seconds(1)), ("1m", .seconds(60)), ("1h", .seconds(3_600)), ("0s", .zero),
        ("1.5s", .milliseconds(1_500)), ("0.1s", .milliseconds(100)), ("1.5m", .seconds(90)),
        (".5s", .milliseconds(500)),
        ("0.0000000015s", .nanoseconds(2)), ("2.5us", .nanoseconds(2_500)),
        ("1m30s", .seconds(90)), ("1h2m3s", .seconds(3_723)), ("2s500ms", .milliseconds(2_500)),
        ("1h30m", .seconds(5_400)), ("1s1ms1us1ns", .nanoseconds(1_001_001_001)), ("1m90s", .seconds(150)),
        ("0000000000000000000000001s", .seconds(1)), ("1.123456789012345678901234567890s", .nanoseconds(1_123_456_789)),
        ("9223372036854775807ns", .nanoseconds(Int64.max)), ("2562047h", .seconds(2_562_047 * 3_600)),
    ])
    func parsesDurations(text: String, expected: Duration) {
        #expect(DurationSyntax.parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        "", "s", "12", "ms", ".s", "1.s", "1.2.3s", "1s1s", "30s1m", "1ms1s", "5 s", " 5s", "5s ", "-5s", "+5s", "-0s",
        "1e3s", "1E3s", "nan", "inf", "nans", "infs", "1x", "1sec", "1S", "\u{0663}s", "1\u{0}s", "\u{0}", "1s\u{0}",
        "1\u{FF10}s",
        // Past Int64 nanoseconds: refused before anything is converted.
        "9223372036854775808ns", "2562048h", "99999999999h", "1e12h", "5e15h", "9999999999999999999999s",
        "9223372036854775807h", "2562047h1h", "1.5e308s",
    ])
    func refusesMalformedOrHugeDurations(text: String) {
        #expect(DurationSyntax.parse(text) == nil, "\(text)")
    }

    @Test func formatsTheShortestExactSpelling() {
        #expect(DurationSyntax.format(.seconds(7_200)) == "2h")
        #expect(DurationSyntax.format(.seconds(120)) == "2m")
        #expect(DurationSyntax.format(.seconds(90)) == "1m30s")
        #expect(DurationSyntax.format(.milliseconds(500)) == "500ms")
        #expect(DurationSyntax.format(.microseconds(250)) == "250us")
        #expect(DurationSyntax.format(.nanoseconds(7)) == "7ns")
        #expect(DurationSyntax.format(.zero) == "0s")
        for duration in [Duration.seconds(5_400), .milliseconds(1_500), .nanoseconds(1_001), .seconds(86_400)] {
            #expect(DurationSyntax.parse(DurationSyntax.format(duration)) == duration)
        }
    }

    @Test func readsWholeNumbers() {
        #expect(WholeNumberSyntax.parse("0") == 0)
        #expect(WholeNumberSyntax.parse("042") == 42)
        #expect(WholeNumberSyntax.parse("9223372036854775807") == Int.max)
        for text in [
            "", "9223372036854775808", "99999999999999999999999", "-1", "-0", "+1", "1e6", "1.0", " 1", "1 ",
            "\u{0663}", "1\u{0}", "nan", "inf", "0x10", "1_000",
        ] {
            #expect(WholeNumberSyntax.parse(text) == nil, "\(text)")
        }
    }

    @Test func readsRates() {
        #expect(RateSyntax.parse("0") == 0)
        #expect(RateSyntax.parse("0.25") == 0.25)
        #expect(RateSyntax.parse("20") == 20)
        #expect(RateSyntax.parse("1e3") == 1_000)
        #expect(RateSyntax.parse(".5") == 0.5)
        for text in [
            "", "nan", "NaN", "inf", "infinity", "-0", "-1", "+1", "1e400", "0x10", "\u{0663}", "1\u{0}", " 1",
            "1s", "e5", "-", ".",
        ] {
            #expect(RateSyntax.parse(text) == nil, "\(text)")
        }
    }
}
