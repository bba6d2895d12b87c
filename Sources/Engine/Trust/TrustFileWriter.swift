import Foundation
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
struct TrustFileWriter: ~Copyable {
    /// The output so far: `count` bytes written of `capacity` allocated. Raw memory, because
    /// `Array.append` checks uniqueness through a runtime call for every byte (encoding took
    /// 1.7 times as long that way). Every piece reserves its largest size first, then writes
    /// unchecked.
    private var output: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    /// Room for a typical entry (ids, a key, a stamp), so the buffer rarely grows mid-write.
    private static let reservedBytesPerEntry = 192
    /// The longest a JSON integer gets: a sign and the 19 digits of `Int64.min`.
    private static let integerMaxBytes = 20
    /// The longest one UTF-8 byte gets escaped: `\u00xx`.
    private static let escapedByteMaxBytes = 6

    private init(capacity: Int) {
        self.capacity = capacity
        output = .allocate(capacity: capacity)
    }

    deinit { output.deallocate() }

    /// The file's bytes.
    static func encode(_ file: TrustFile) -> Data {
        let entries = file.state.trusted.count + file.state.pending.count + file.state.revoked.count
        var writer = TrustFileWriter(capacity: 64 + entries * reservedBytesPerEntry)
        writer.write(file)
        return Data(bytes: writer.output, count: writer.count)
    }

    private mutating func write(_ file: TrustFile) {
        byte("{")
        field("sequence")
        integer(file.sequence)
        field("state")
        write(file.state)
        field("version")
        integer(file.version)
        byte("}")
    }

    private mutating func write(_ state: TrustState) {
        byte("{")
        field("pending")
        dictionary(state.pending) { $0.write($1) }
        field("revoked")
        dictionary(state.revoked) { $0.write($1) }
        field("trusted")
        dictionary(state.trusted) { $0.write($1) }
        byte("}")
    }

    private mutating func write(_ request: PendingRequest) {
        byte("{")
        optionalString("justification", request.justification)
        field("nodeId")
        string(request.nodeId)
        optionalString("publicKey", request.publicKey)
        field("receivedAt")
        instant(request.receivedAt)
        optionalString("source", request.source)
        byte("}")
    }

    private mutating func write(_ revocation: Revocation) {
        byte("{")
        field("nodeId")
        string(revocation.nodeId)
        field("until")
        instant(revocation.until)
        byte("}")
    }

    private mutating func write(_ peer: TrustedPeer) {
        byte("{")
        field("approvedAt")
        instant(peer.approvedAt)
        field("mutual")
        append(peer.mutual ? "true" : "false")
        optionalString("network", peer.network)
        field("nodeId")
        string(peer.nodeId)
        field("publicKey")
        string(peer.publicKey)
        byte("}")
    }

    // MARK: JSON pieces

    /// Makes room for `extra` more bytes.
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.update(from: output, count: count)
        output.deallocate()
        output = larger
        capacity = grown
    }

    /// Writes one byte into room already reserved.
    private mutating func put(_ value: UInt8) {
        assert(count < capacity, "trust file writer wrote past its reservation")
        output[count] = value
        count += 1
    }

    /// One ASCII byte (a brace, a colon).
    private mutating func byte(_ letter: Unicode.Scalar) {
        reserve(1)
        put(UInt8(ascii: letter))
    }

    /// Starts a member of the object being written. Fixed fields are written in sorted order
    /// above; the first member follows the brace directly, the others a comma (no value ends in
    /// an opening brace, so the last byte tells which).
    private mutating func separate() {
        if count == 0 || output[count - 1] != UInt8(ascii: "{") { byte(",") }
    }

    /// A field of the format: its name is plain ASCII with nothing to escape.
    private mutating func field(_ name: StaticString) {
        separate()
        byte("\"")
        append(name)
        byte("\"")
        byte(":")
    }

    /// `encodeIfPresent`: an absent value leaves its field out.
    private mutating func optionalString(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        field(name)
        string(value)
    }

    private mutating func dictionary<Value>(_ entries: [String: Value], _ write: (inout Self, Value) -> Void) {
        byte("{")
        for entry in TrustFileKey.sorted(entries) {
            separate()
            string(entry.name)
            byte(":")
            write(&self, entries[entry.index].value)
        }
        byte("}")
    }

    private mutating func instant(_ instant: RuntimeInstant) {
        integer(instant.sinceStart.nanoseconds)
    }

    private mutating func integer(_ value: some FixedWidthInteger & SignedInteger) {
        reserve(Self.integerMaxBytes)
        if value < 0 { put(UInt8(ascii: "-")) }
        var magnitude = UInt64(value.magnitude)
        let firstDigit = count
        repeat {
            put(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        var digits = UnsafeMutableBufferPointer(start: output + firstDigit, count: count - firstDigit)
        digits.reverse()
    }

    /// Plain ASCII.
    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { ascii in
            reserve(ascii.count)
            (output + count).update(from: ascii.baseAddress!, count: ascii.count)
            count += ascii.count
        }
    }

    private mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            reserve(utf8.count * Self.escapedByteMaxBytes + 2)
            put(UInt8(ascii: "\""))
            // Ids, keys and networks rarely need an escape: copy them whole.
            if !utf8.contains(where: Self.needsEscape) {
                if let source = utf8.baseAddress { (output + count).update(from: source, count: utf8.count) }
                count += utf8.count
            } else {
                for byte in utf8 { escaped(byte) }
            }
            put(UInt8(ascii: "\""))
        }
    }

    /// One byte of a string, escaped as JSONEncoder does, into room already reserved.
    private mutating func escaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
            put(UInt8(ascii: "\\"))
            put(byte)
        case 0x08: escape("b")
        case 0x0C: escape("f")
        case 0x0A: escape("n")
        case 0x0D: escape("r")
        case 0x09: escape("t")
        case 0x00..<0x20:
            append("\\u00")
            put(Self.hexDigit(byte >> 4))
            put(Self.hexDigit(byte & 0x0F))
        default:
            put(byte)
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/")
    }

    private mutating func escape(_ letter: Unicode.Scalar) {
        put(UInt8(ascii: "\\"))
        put(UInt8(ascii: letter))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
