#if canImport(Glibc)
    import Glibc
#endif

/// libFuzzer's own driver, reached from a Swift `main` (SwiftPM names each executable's entry
/// point itself, so libFuzzer's `main` cannot be the one that runs).
@_silgen_name("LLVMFuzzerRunDriver")
private func runLibFuzzer(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

public enum FuzzDriver {
    /// Hands the process's arguments (corpus folders, `-max_total_time=N`, ...) to libFuzzer and
    /// exits with its status.
    public static func run(_ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runLibFuzzer(&argc, &argv, target))
    }
}
