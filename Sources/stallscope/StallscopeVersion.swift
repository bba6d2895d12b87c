/// The build's version, printed by `--version` and written into record files so a replay can
/// refuse a file from another build.
enum StallscopeVersion {
    static let string = "0.1.0"
}
