/// A theme file found on the search path.
public struct ThemeEntry: Equatable, Sendable {
    public let name: String
    public let path: String
    /// Found earlier on the search path under the same name, so never loaded from here.
    public let isShadowed: Bool
}
