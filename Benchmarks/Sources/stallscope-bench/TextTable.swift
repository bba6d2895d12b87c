/// The reports' tables: columns padded to their widest cell, names (the `leftAligned` columns)
/// to the left, numbers to the right; the last column carries no trailing padding.
enum TextTable {
    static func render(_ rows: [[String]], leftAligned: Set<Int> = [0]) -> String {
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (i, value) in row.enumerated() { widths[i] = max(widths[i], value.count) } }
        return rows.map { row in
            row.enumerated().map { i, value in
                let padding = String(repeating: " ", count: widths[i] - value.count)
                if leftAligned.contains(i) { return i == row.count - 1 ? value : value + padding }
                return padding + value
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
