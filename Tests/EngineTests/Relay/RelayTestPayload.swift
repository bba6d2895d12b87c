@testable import Engine

/// Payload bytes and fragments for the relay tests: a recognisable pattern, so a reordered or
/// duplicated fragment shows up as a mismatch.
enum RelayTestPayload {
    static let fragmentPayloadBytes = RelayConfig.incident.fragmentPayloadBytes

    static func bytes(_ count: Int, seed: Int = 7) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed &+ $0 / 251) }
    }

    /// `payload` cut into fragments of `fragmentPayloadBytes`, the sender's way.
    static func fragments(of payload: [UInt8]) -> [StreamFragment] {
        stride(from: 0, to: payload.count, by: fragmentPayloadBytes).enumerated().map { index, start in
            StreamFragment(
                index: index, bytes: Array(payload[start..<min(start + fragmentPayloadBytes, payload.count)]))
        }
    }

    static func buffer(for payload: [UInt8]) -> FragmentBuffer {
        FragmentBuffer(totalBytes: payload.count, fragmentPayloadBytes: fragmentPayloadBytes)
    }
}
