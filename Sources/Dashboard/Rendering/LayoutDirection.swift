/// Which way a layout splits its rectangle.
public enum LayoutDirection: Sendable {
    case horizontal
    case vertical
}
