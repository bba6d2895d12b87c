import Engine
import Foundation
import Runtime
import Testing

/// The hand-written trust file encoder must give exactly JSONEncoder's `.sortedKeys` bytes: the
/// crash test fingerprints files, and files from builds that used JSONEncoder must keep reading
/// back the same.
@Suite struct TrustFileWriterTests {
    let limits = TrustLimits(pendingPerSourceLimit: 6, pendingTotalLimit: 40)

    /// What `TrustFile.encoded()` produced before the hand-written encoder.
    static func reference(_ file: TrustFile) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(file)
    }

    /// Pieces of ids, keys and networks that stress escaping and key order: JSON's escapes, every
    /// kind of control character, DEL, non-ASCII (precomposed and decomposed, so the same
    /// dictionary key can come with either spelling), case and digit runs that a "numeric" or
    /// case-insensitive sort would put elsewhere, the empty string.
    static let fragments = [
        "", "a", "A", "z", "Z", "_", "~", " ", "node-2", "node-10", "0", "9", "peer",
        "\"", "\\", "/", "\\/", "\u{8}", "\u{c}", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{f}", "\u{10}", "\u{1f}",
        "\u{7f}", "é", "e\u{301}", "ß", "中", "😀", "\u{2028}", "\u{feff}", "ｱ",
    ]

    static func text(_ random: RandomSource) -> String {
        (0..<random.int(in: 0...3)).map { _ in fragments[random.int(in: 0..<fragments.count)] }.joined()
    }

    static func optionalText(_ random: RandomSource) -> String? {
        random.chance(0.3) ? nil : text(random)
    }

    /// A state reached through the public mutation path, at arbitrary (also huge) instants.
    func generatedState(seed: UInt64) -> TrustState {
        let random = RandomSource(seed: seed)
        var state = TrustState()
        let ids = (0..<random.int(in: 1...24)).map { _ in Self.text(random) }
        for _ in 0..<random.int(in: 0...80) {
            let id = ids[random.int(in: 0..<ids.count)]
            let mutation: TrustMutation =
                switch random.int(in: 0..<8) {
                case 0, 1:
                    .request(
                        nodeId: id, publicKey: Self.optionalText(random),
                        justification: Self.optionalText(random), source: Self.optionalText(random))
                case 2: .approve(nodeId: id, network: Self.optionalText(random))
                case 3: .accept(nodeId: id, publicKey: Self.text(random), network: Self.optionalText(random))
                case 4: .markMutual(nodeId: id)
                case 5: .revoke(nodeId: id, period: .nanoseconds(Int64(random.int(in: 0...1 << 60))))
                case 6: .reject(nodeId: id)
                default: random.chance(0.5) ? .untrust(nodeId: id) : .expire
                }
            let instant = RuntimeInstant(sinceStart: .nanoseconds(Int64(random.int(in: 0...1 << 61))))
            _ = state.apply(mutation, at: instant, limits: limits)
        }
        return state
    }

    @Test func generatedStatesEncodeToJSONEncodersBytes() throws {
        var entries = 0
        for seed in UInt64(1)...400 {
            let state = generatedState(seed: seed)
            entries += state.trusted.count + state.pending.count + state.revoked.count
            let sequence = seed.isMultiple(of: 7) ? Int.max - Int(seed) : Int(seed) - 200
            let file = TrustFile(sequence: sequence, state: state)
            let expected = try Self.reference(file)
            let bytes = file.encoded()
            #expect(
                bytes == expected,
                "seed \(seed):\n\(String(decoding: bytes, as: UTF8.self))\n\(String(decoding: expected, as: UTF8.self))"
            )
            #expect(try TrustFile.decode(bytes) == file, "seed \(seed) reads back")
        }
        // The generator must actually produce the cases it is meant to cover.
        #expect(entries > 2_000)
    }

    @Test func edgeCasesEncodeToJSONEncodersBytes() throws {
        var full = TrustState()
        let far = RuntimeInstant(sinceStart: .nanoseconds(Int64.max / 2))
        _ = full.apply(.accept(nodeId: "\u{0}\u{1f}\"\\/", publicKey: "", network: nil), at: .start, limits: limits)
        _ = full.apply(
            .request(nodeId: "é", publicKey: nil, justification: "line\nnext\ttab", source: nil), at: far,
            limits: limits)
        _ = full.apply(.revoke(nodeId: "e\u{301}x", period: .nanoseconds(Int64.max / 2)), at: far, limits: limits)
        let cases = [
            TrustFile(sequence: 0, state: TrustState()),
            TrustFile(sequence: Int.min, state: TrustState()),
            TrustFile(sequence: Int.max, state: full),
            TrustFile(sequence: -1, state: full),
        ]
        for file in cases {
            #expect(file.encoded() == (try Self.reference(file)))
        }
        #expect(!full.trusted.isEmpty && !full.pending.isEmpty && !full.revoked.isEmpty)
    }
}
