/// 64-bit FNV-1a: a small hash that gives the same value in every run, process and platform
/// (unlike `Hasher`), for seeds derived from labels, synthetic data that must replay, and
/// digests compared across runs.
public struct FNV1a: Sendable {
    @usableFromInline var state: UInt64 = 0xCBF2_9CE4_8422_2325

    /// The hash of everything added so far.
    @inlinable public var value: UInt64 { state }

    @inlinable public init() {}

    @inlinable public mutating func add(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    @inlinable public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { add(byte) }
    }

    /// The eight bytes of `word`, least significant first.
    @inlinable public mutating func add(littleEndian word: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { add(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
    }

    /// The hash of `bytes`.
    @inlinable public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hasher = FNV1a()
        hasher.add(bytes)
        return hasher.value
    }
}
