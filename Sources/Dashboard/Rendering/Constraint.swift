/// How much of a layout's extent one segment asks for.
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (less if the space runs out).
    case length(Int)
    /// A share of the whole extent, 0...100.
    case percentage(Int)
    /// At least this many cells, and a share of what is left like `fill(1)`.
    case min(Int)
    /// A weighted share of what the other constraints leave.
    case fill(Int)
}
