/// How the listener writes numbers into log lines and warning causes.
enum ListenerText {
    /// "4.2 s": one decimal, the precision an operator reads a stall with.
    static func seconds(_ duration: Duration) -> String {
        let tenths = Int((duration.seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
