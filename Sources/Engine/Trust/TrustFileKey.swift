import Foundation

/// A key of one of the trust file's dictionaries, placed in swift-foundation's sorted-keys
/// order: the keys' UTF-8 bytes, lexicographically (not `String.<`, which orders by Unicode
/// scalars after normalisation). Sorting the keys was the largest cost of a save after
/// JSONEncoder went, so the first eight bytes are compared as one integer and only keys that
/// share them are compared in full.
struct TrustFileKey<Value> {
    let leadingBytes: UInt64
    let name: String
    let index: Dictionary<String, Value>.Index

    init(_ name: String, at index: Dictionary<String, Value>.Index) {
        var packed: UInt64 = 0
        var shift: UInt64 = 56
        for byte in name.utf8.prefix(8) {
            packed |= UInt64(byte) << shift
            shift &-= 8
        }
        // Zero padding only ever ties a key with a longer one that starts with it (which
        // the full comparison then orders), never orders two keys wrongly.
        self.leadingBytes = packed
        self.name = name
        self.index = index
    }

    static func sorted(_ entries: [String: Value]) -> [TrustFileKey] {
        entries.indices.map { TrustFileKey(entries[$0].key, at: $0) }.sorted { lhs, rhs in
            lhs.leadingBytes != rhs.leadingBytes
                ? lhs.leadingBytes < rhs.leadingBytes : utf8Precedes(lhs.name, rhs.name)
        }
    }

    private static func utf8Precedes(_ lhs: String, _ rhs: String) -> Bool {
        var (lhs, rhs) = (lhs, rhs)
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                let common = min(left.count, right.count)
                let order = common == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, common)
                return order != 0 ? order < 0 : left.count < right.count
            }
        }
    }
}
