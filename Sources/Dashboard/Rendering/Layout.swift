/// Splits a rectangle into segments by constraints, ratatui style, with a fixed gap between them.
public struct Layout: Sendable {
    public var direction: LayoutDirection
    public var constraints: [Constraint]
    public var spacing: Int

    public init(_ direction: LayoutDirection, _ constraints: [Constraint], spacing: Int = 0) {
        self.direction = direction
        self.constraints = constraints
        self.spacing = spacing
    }

    public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.vertical, constraints, spacing: spacing)
    }

    public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.horizontal, constraints, spacing: spacing)
    }

    /// The segments, in order; their extents never sum to more than the rectangle's.
    public func split(_ area: Rect) -> [Rect] {
        let extent = direction == .horizontal ? area.width : area.height
        let sizes = Self.sizes(constraints, extent: extent - spacing * max(0, constraints.count - 1))
        var rects: [Rect] = []
        rects.reserveCapacity(sizes.count)
        var offset = 0
        for size in sizes {
            let start = Swift.min(offset, extent)
            let length = Swift.max(0, Swift.min(size, extent - start))
            switch direction {
            case .horizontal: rects.append(Rect(x: area.x + start, y: area.y, width: length, height: area.height))
            case .vertical: rects.append(Rect(x: area.x, y: area.y + start, width: area.width, height: length))
            }
            offset = start + length + spacing
        }
        return rects
    }

    static func sizes(_ constraints: [Constraint], extent: Int) -> [Int] {
        let total = Swift.max(0, extent)
        var sizes = constraints.map { constraint -> Int in
            switch constraint {
            case .length(let n): Swift.max(0, n)
            case .percentage(let p): total * Swift.min(Swift.max(p, 0), 100) / 100
            case .min(let n): Swift.max(0, n)
            case .fill: 0
            }
        }
        var remaining = total - sizes.reduce(0, +)
        if remaining < 0 {
            // Too little room: take it back from the last segments first, so the top/left ones
            // (headers, gauges) stay whole.
            for index in sizes.indices.reversed() where remaining < 0 {
                let cut = Swift.min(sizes[index], -remaining)
                sizes[index] -= cut
                remaining += cut
            }
            return sizes
        }
        let weights = constraints.map { constraint -> Int in
            switch constraint {
            case .fill(let w): Swift.max(0, w)
            case .min: 1
            default: 0
            }
        }
        let weightSum = weights.reduce(0, +)
        guard weightSum > 0, remaining > 0 else { return sizes }
        var handed = 0
        var lastWeighted = 0
        for index in sizes.indices where weights[index] > 0 {
            let share = remaining * weights[index] / weightSum
            sizes[index] += share
            handed += share
            lastWeighted = index
        }
        sizes[lastWeighted] += remaining - handed
        return sizes
    }
}
