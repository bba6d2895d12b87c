import Dashboard
import FuzzDriver

/// A theme file: refused with one error naming file and line, or loaded, never a trap.
func fuzzTheme(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? ThemeFile.parse(text, name: "fuzz", file: "fuzz.toml")
    return 0
}

@main
enum FuzzTheme {
    static func main() {
        FuzzDriver.run(fuzzTheme)
    }
}
