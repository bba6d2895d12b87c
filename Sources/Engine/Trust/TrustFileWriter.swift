import Runtime

/// Writes a `TrustFile` as the exact bytes `JSONEncoder` with `.sortedKeys` produces for it.
///
/// Why it exists: the background saver writes the whole state on every save, and JSONEncoder
/// (a boxed value tree, then a sort) was two thirds of a headless `steady` run's time. The bytes must
/// not change: the crash test recognises a surviving file by its fingerprint, and files written
/// by older builds must still read back. `TrustFileWriterTests` compares the two encoders on
/// generated states, so a change to a field or its coding keys that is not made here too fails
/// there.
///
/// The format it reproduces: no whitespace; object keys in UTF-8 byte order (swift-foundation's
/// sorted-keys order); absent optionals left out; strings with `"`, `\` and `/` escaped,
/// `\b \f \n \r \t` for those controls and `\u00xx` (lowercase hex) for the other C0 controls,
/// everything else raw UTF-8; instants as whole nanoseconds.
struct TrustFileWriter {
    private(set) var bytes: [UInt8] = []

    /// Room for a typical entry (ids, a key, a stamp), so the buffer rarely grows mid-write.
    private static let reservedBytesPerEntry = 192

    /// The file's bytes.
    static func encode(_ file: TrustFile) -> [UInt8] {
        var writer = TrustFileWriter()
        let entries = file.state.trusted.count + file.state.pending.count + file.state.revoked.count
        writer.bytes.reserveCapacity(64 + entries * reservedBytesPerEntry)
        writer.write(file)
        return writer.bytes
    }

    private mutating func write(_ file: TrustFile) {
        bytes.append(UInt8(ascii: "{"))
        field("sequence"); integer(file.sequence)
        field("state"); write(file.state)
        field("version"); integer(file.version)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ state: TrustState) {
        bytes.append(UInt8(ascii: "{"))
        field("pending"); dictionary(state.pending) { $0.write($1) }
        field("revoked"); dictionary(state.revoked) { $0.write($1) }
        field("trusted"); dictionary(state.trusted) { $0.write($1) }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ request: PendingRequest) {
        bytes.append(UInt8(ascii: "{"))
        optionalString("justification", request.justification)
        field("nodeId"); string(request.nodeId)
        optionalString("publicKey", request.publicKey)
        field("receivedAt"); instant(request.receivedAt)
        optionalString("source", request.source)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ revocation: Revocation) {
        bytes.append(UInt8(ascii: "{"))
        field("nodeId"); string(revocation.nodeId)
        field("until"); instant(revocation.until)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ peer: TrustedPeer) {
        bytes.append(UInt8(ascii: "{"))
        field("approvedAt"); instant(peer.approvedAt)
        field("mutual"); append(peer.mutual ? "true" : "false")
        optionalString("network", peer.network)
        field("nodeId"); string(peer.nodeId)
        field("publicKey"); string(peer.publicKey)
        bytes.append(UInt8(ascii: "}"))
    }

    // MARK: JSON pieces

    /// Starts a member of the object being written. Fixed fields are written in sorted order
    /// above; the first member follows the brace directly, the others a comma (no value ends in
    /// an opening brace, so the last byte tells which).
    private mutating func separate() {
        if bytes.last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
    }

    /// A field of the format: its name is plain ASCII with nothing to escape.
    private mutating func field(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        append(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// `encodeIfPresent`: an absent value leaves its field out.
    private mutating func optionalString(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        field(name)
        string(value)
    }

    private mutating func dictionary<Value>(_ entries: [String: Value], _ write: (inout Self, Value) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        for entry in TrustFileKey.sorted(entries) {
            separate()
            string(entry.name)
            bytes.append(UInt8(ascii: ":"))
            write(&self, entries[entry.index].value)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func instant(_ instant: RuntimeInstant) {
        integer(instant.sinceStart.nanoseconds)
    }

    private mutating func integer(_ value: some FixedWidthInteger & SignedInteger) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = UInt64(value.magnitude)
        let firstDigit = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[firstDigit...].reverse()
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Ids, keys and networks rarely need an escape: copy them whole.
            guard utf8.contains(where: Self.needsEscape) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(byte)
                case 0x08: escape("b")
                case 0x0C: escape("f")
                case 0x0A: escape("n")
                case 0x0D: escape("r")
                case 0x09: escape("t")
                case 0x00..<0x20:
                    append("\\u00")
                    bytes.append(Self.hexDigit(byte >> 4))
                    bytes.append(Self.hexDigit(byte & 0x0F))
                default:
                    bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/")
    }

    private mutating func escape(_ letter: Unicode.Scalar) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: letter))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
