/// A primitive that can report a cheap snapshot of itself without perturbing waiters or holders.
///
/// Taking a snapshot holds the primitive's lock for the time it takes to copy its counters, never
/// across a suspension point, and changes no state.
public protocol Instrumented: AnyObject, Sendable {
    var name: String { get }
    func resourceSnapshot() -> ResourceSnapshot
}
