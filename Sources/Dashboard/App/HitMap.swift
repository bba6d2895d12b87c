/// Where things were on the screen as last drawn: the screen fills it while rendering (panels,
/// their rows, the timeline strip, the picker's lines) and the state machine reads it to turn a
/// mouse press at a cell into what was under it. Regions added later lie on top (a row over its
/// panel, an overlay over everything).
public struct HitMap: Equatable, Sendable {
    /// What a region of the screen stands for.
    public enum Target: Hashable, Sendable {
        /// A panel's border and whatever in it is not a row.
        case panel(PanelID)
        /// Row `row` of a panel's list (the index `DashboardState.selection` keeps).
        case row(PanelID, row: Int)
        /// The timeline strip's cells: the first is the run's start, the last `end`.
        case timeline(end: Duration)
        /// Line `row` of the scenario picker's list.
        case pickerRow(Int)
        /// An overlay (help, detail, the picker) that covers what is under it.
        case overlay
    }

    public struct Region: Hashable, Sendable {
        public var rect: Rect
        public var target: Target
    }

    public private(set) var regions: [Region] = []

    public init() {}

    public mutating func add(_ rect: Rect, _ target: Target) {
        guard !rect.isEmpty else { return }
        regions.append(Region(rect: rect, target: target))
    }

    /// The topmost region under the cell; nil over nothing (the header, the footer, a gap).
    public func region(x: Int, y: Int) -> Region? {
        regions.last { $0.rect.contains(x: x, y: y) }
    }

    /// The instant of the run at column `x` of a timeline region: the inverse of the strip's
    /// placing of instants on its cells, so a press on a mark's cell lands on that cell's first
    /// instant (at or before the mark).
    public static func instant(atColumn x: Int, of rect: Rect, end: Duration) -> Duration {
        guard rect.width > 1 else { return .zero }
        let column = Swift.min(Swift.max(0, x - rect.x), rect.width - 1)
        return end * Double(column) / Double(rect.width - 1)
    }
}

extension Rect {
    public func contains(x: Int, y: Int) -> Bool { x >= self.x && x < right && y >= self.y && y < bottom }
}

extension HitMap.Target {
    /// The panel a region belongs to (itself or one of its rows).
    public var panel: PanelID? {
        switch self {
        case .panel(let panel), .row(let panel, _): panel
        case .timeline, .pickerRow, .overlay: nil
        }
    }
}
