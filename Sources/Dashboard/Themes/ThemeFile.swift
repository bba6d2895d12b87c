import TOMLKit

/// Parses and validates theme files: flat TOML, one `role = "#rrggbb"` (or `"default"`) per
/// line, plus an optional `description`. Keys a file leaves out come from the fallback theme.
public enum ThemeFile {
    /// Keys that describe the theme rather than color it.
    public static let metadataKeys: Set<String> = ["description"]

    public static func parse(
        _ source: String, name: String, file: String, fallback: Theme = .dark
    ) throws(ThemeError) -> Theme {
        let lineCount = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
        if let nul = source.firstIndex(of: "\0") {
            let line = source[..<nul].count(where: \.isNewline) + 1
            throw ThemeError(file: file, line: line, key: nil, problem: "a NUL byte: not a text file")
        }
        try checkFlat(source, file: file)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            // The parser may place an error at the end of input, a line past the last one.
            let line = min(max(error.source.begin.line, 1), lineCount)
            throw ThemeError(
                file: file, line: line, key: keyOnLine(line, of: source), problem: "invalid TOML: \(error.description)")
        } catch {
            throw ThemeError(file: file, line: nil, key: nil, problem: "invalid TOML: \(error)")
        }
        var colors: [ThemeRole: Color] = [:]
        // Sorted by line so the first problem in the file is the one reported.
        for key in table.keys.sorted(by: {
            (lineOf(key: $0, in: source) ?? .max) < (lineOf(key: $1, in: source) ?? .max)
        }) {
            let line = lineOf(key: key, in: source)
            let value = table[key]
            if metadataKeys.contains(key) {
                guard value?.string != nil else {
                    throw ThemeError(file: file, line: line, key: key, problem: "must be a string")
                }
                continue
            }
            guard let role = ThemeRole(rawValue: key) else {
                let valid = ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw ThemeError(
                    file: file, line: line, key: key, problem: "unknown key (valid: \(valid), description)")
            }
            guard let text = value?.string else {
                throw ThemeError(
                    file: file, line: line, key: key, problem: "must be a string \"#rrggbb\" or \"default\"")
            }
            guard let color = Color(hex: text) else {
                throw ThemeError(
                    file: file, line: line, key: key,
                    problem: "bad color \"\(text)\" (expected \"#rrggbb\" or \"default\")")
            }
            colors[role] = color
        }
        return Theme(name: name, colors: colors, fallback: fallback)
    }

    /// A theme is flat: every line blank, a comment, or `key = value` with a bare or quoted key.
    /// Checked before TOMLKit sees the text: its parser asserts (the process aborts) on some
    /// malformed keys, such as a table header with a non-ASCII character (found by fuzzing).
    static func checkFlat(_ source: String, file: String) throws(ThemeError) {
        for (index, line) in source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let text = line.drop { $0 == " " || $0 == "\t" }
            if text.isEmpty || text.hasPrefix("#") { continue }
            let key: Substring
            if text.hasPrefix("\"") {
                guard let close = text.dropFirst().firstIndex(of: "\"") else {
                    throw ThemeError(file: file, line: index + 1, key: nil, problem: "unterminated quoted key")
                }
                key = text[text.index(after: text.startIndex)..<close]
                guard text[text.index(after: close)...].drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("=") else {
                    throw ThemeError(file: file, line: index + 1, key: String(key), problem: "expected `key = value`")
                }
            } else {
                key = text.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
                guard !key.isEmpty, text.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("=")
                else {
                    let problem =
                        text.hasPrefix("[") ? "a table: a theme is flat `key = value` lines" : "expected `key = value`"
                    throw ThemeError(file: file, line: index + 1, key: nil, problem: problem)
                }
            }
        }
    }

    /// The 1-based line where `key` is assigned (TOMLKit keeps no positions for valid keys); nil
    /// when no line plainly assigns it (a quoted or dotted key): no line is better than a wrong one.
    static func lineOf(key: String, in source: String) -> Int? {
        var number = 0
        for line in source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            var rest = line.drop { $0 == " " || $0 == "\t" }
            if rest.hasPrefix("\"") { rest = rest.dropFirst() }
            guard rest.hasPrefix(key) else { continue }
            let after = rest.dropFirst(key.count).drop { $0 == " " || $0 == "\t" || $0 == "\"" }
            if after.hasPrefix("=") { return number }
        }
        return nil
    }

    /// The key assigned on `line`, when that line looks like an assignment.
    static func keyOnLine(_ line: Int, of source: String) -> String? {
        let lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard line >= 1, line <= lines.count, let equals = lines[line - 1].firstIndex(of: "=") else { return nil }
        let key = lines[line - 1][..<equals].trimmingCharacters(in: " \t\"")
        return key.isEmpty ? nil : key
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
