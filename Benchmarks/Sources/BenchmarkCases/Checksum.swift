/// The sum of `0..<ops`: what a consumer of the values 0, 1, ... must have added up, so a run
/// that lost or duplicated a message fails instead of reporting a time.
func expectedSum(_ ops: Int) -> Int {
    ops * (ops - 1) / 2
}
