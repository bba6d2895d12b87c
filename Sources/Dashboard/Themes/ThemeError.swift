/// Why a theme file was refused, with where: "themes/x.toml:3: key "bordr": unknown key ...".
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    /// 1-based; nil when the problem is the file as a whole (unreadable).
    public let line: Int?
    public let key: String?
    public let problem: String

    public init(file: String, line: Int?, key: String?, problem: String) {
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
    }

    /// One line, for stderr.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let key { return "\(place): key \"\(key)\": \(problem)" }
        return "\(place): \(problem)"
    }
}
