import Foundation

/// One run of `steady` with one load parameter multiplied, as `stallscope-bench scale` prints it
/// and `scale-report` reads it back:
/// `scale key=KEY factor=F value=V virtual_s=S wall_s=W maxrss_mb=M verdict=VERDICT`.
struct ScaleLine {
    let key: String
    let factor: Int
    /// The value the run was given (`--set KEY=VALUE`), spelled as `--set` takes it.
    let value: String
    let virtualSeconds: Double
    let wallSeconds: Double
    let maxResidentMegabytes: Double
    let verdict: String

    var formatted: String {
        "scale key=\(key) factor=\(factor) value=\(value) virtual_s=\(ScenarioLine.format(virtualSeconds, 3)) "
            + "wall_s=\(ScenarioLine.format(wallSeconds, 3)) maxrss_mb=\(ScenarioLine.format(maxResidentMegabytes, 1)) "
            + "verdict=\(verdict)"
    }

    /// `value` times `factor`, spelled as `--set` takes it: whole numbers stay whole.
    static func multiply(_ value: String, by factor: Int) -> String? {
        if let whole = Int(value) { return String(whole * factor) }
        guard let decimal = Double(value) else { return nil }
        let product = decimal * Double(factor)
        return product == product.rounded() && abs(product) < 1e15 ? String(Int64(product)) : String(product)
    }
}

extension ScaleLine {
    init?(parsing line: String) {
        guard line.hasPrefix("scale ") else { return nil }
        var fields: [Substring: Substring] = [:]
        for word in line.split(separator: " ") {
            guard let equals = word.firstIndex(of: "=") else { continue }
            fields[word[..<equals]] = word[word.index(after: equals)...]
        }
        guard let key = fields["key"], let factor = fields["factor"].flatMap({ Int($0) }), let value = fields["value"],
            let virtual = fields["virtual_s"].flatMap({ Double($0) }),
            let wall = fields["wall_s"].flatMap({ Double($0) }),
            let rss = fields["maxrss_mb"].flatMap({ Double($0) })
        else { return nil }
        self.init(
            key: String(key), factor: factor, value: String(value), virtualSeconds: virtual, wallSeconds: wall,
            maxResidentMegabytes: rss, verdict: String(fields["verdict"] ?? "-"))
    }
}
