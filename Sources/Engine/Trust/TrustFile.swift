import Foundation
import Runtime

/// The on-disk form of the trust state: one JSON document, keys sorted so the same state always
/// encodes to the same bytes (a crash test compares files byte for byte).
public struct TrustFile: Sendable, Equatable, Codable {
    public static let formatVersion = 1
    /// The file's name inside the state directory.
    public static let fileName = "trust.json"
    /// Where an atomic write stages the next version; a leftover one means a save was cut short.
    public static let temporaryFileName = "trust.json.tmp"
    /// Prefix of the name an unparseable trust file is moved to, so it is kept and never
    /// overwritten ("trust.json.unparseable-1", ...).
    public static let setAsidePrefix = "trust.json.unparseable-"

    public let version: Int
    /// How many changes the manager had applied when this state was saved.
    public let sequence: Int
    public let state: TrustState

    public init(sequence: Int, state: TrustState) {
        self.version = Self.formatVersion
        self.sequence = sequence
        self.state = state
    }

    /// The file's bytes: what `JSONEncoder` with `.sortedKeys` gives for this value, written by
    /// hand (`TrustFileWriter`) because a save encodes the whole state every time.
    public func encoded() -> Data {
        TrustFileWriter.encode(self)
    }

    /// Parses a trust file; throws `TrustFileError.unparseable` with the reason.
    public static func decode(_ data: Data) throws(TrustFileError) -> TrustFile {
        let file: TrustFile
        do {
            file = try JSONDecoder().decode(TrustFile.self, from: data)
        } catch {
            throw .unparseable(String(describing: error).prefix(200).description)
        }
        guard file.version == formatVersion else { throw .unparseable("unknown format version \(file.version)") }
        return file
    }

    /// A short fingerprint of a trust file's bytes (64-bit FNV-1a, hex): how the crash test
    /// recognises a file as one a save wrote.
    public static func fingerprint(_ data: Data) -> String {
        String(FNV1a.hash(data), radix: 16)
    }
}
