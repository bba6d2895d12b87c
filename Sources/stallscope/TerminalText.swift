/// Text from outside (arguments, file names, file contents) made safe to print on a terminal:
/// control characters (ESC above all, which starts a terminal command: a title, a color, a
/// cursor move) are shown as `\u{1b}`-style escapes instead of being obeyed.
enum TerminalText {
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
