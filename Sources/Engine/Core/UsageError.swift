/// Bad input from the command line or a file: one line saying what is wrong and what would be
/// right. The CLI prints it on stderr and exits 2.
public struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
