import Engine

/// `--policy`: `fixed`, `legacy`, or `subsystem=step,...`. Steps are checked against each
/// subsystem's ladder once the subsystems exist; until then the subsystem names are checked.
struct PolicySelection {
    let text: String

    init(_ text: String) throws(PolicyError) {
        if text == "fixed" || text == "legacy" {
            self.text = text
            return
        }
        let valid = SubsystemID.allCases.map(\.rawValue).joined(separator: ", ")
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, !pieces[1].isEmpty else {
                throw PolicyError(message: "bad policy '\(part)': use fixed, legacy or subsystem=step (subsystems: \(valid))")
            }
            guard SubsystemID(rawValue: String(pieces[0])) != nil else {
                throw PolicyError(message: "unknown subsystem '\(pieces[0])' in --policy (valid: \(valid))")
            }
        }
        self.text = text
    }

    struct PolicyError: Error {
        let message: String
    }
}
