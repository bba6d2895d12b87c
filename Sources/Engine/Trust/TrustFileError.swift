/// A trust file that cannot be read as a trust state.
public enum TrustFileError: Error, Equatable, Sendable {
    case unparseable(String)
}
