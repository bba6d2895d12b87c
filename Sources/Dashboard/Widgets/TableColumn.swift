/// A table column: its title, the width it needs, and how readily it is dropped when the table
/// is narrow (higher `priority` stays longer). A flexible column takes the width left over.
public struct TableColumn: Hashable, Sendable {
    public enum Alignment: Hashable, Sendable {
        case left
        case right
    }

    public var title: String
    public var width: Int
    public var alignment: Alignment
    public var priority: Int
    public var isFlexible: Bool

    public init(_ title: String, width: Int, alignment: Alignment = .left, priority: Int = 0, flexible: Bool = false) {
        self.title = title
        self.width = width
        self.alignment = alignment
        self.priority = priority
        self.isFlexible = flexible
    }
}
