import Engine
import FuzzDriver
import Scenarios

/// `--set key=value` and `--duration` text, as a user could type it: any input is either
/// accepted or one usage error, never a trap.
func fuzzParameters(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? DurationParser.parse(text)
    guard let parameter = try? ParameterOverride.parse(text) else { return 0 }
    for descriptor in SubsystemRegistry.all {
        _ = try? descriptor.validate([parameter])
    }
    return 0
}

@main
enum FuzzParameters {
    static func main() {
        FuzzDriver.run(fuzzParameters)
    }
}
