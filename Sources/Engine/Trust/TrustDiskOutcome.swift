import Foundation

/// What one operation on the real trust directory returned and how long its system calls took:
/// the outside input a dashboard session records, so a replay needs no disk.
public struct TrustDiskOutcome: OutsideValue {
    public static var source: SubsystemID { .trust }

    public enum Result: Sendable, Equatable, Codable {
        case read(Data?)
        case written
        case removed([String])
        case setAside(String)
        case failed(TrustDiskError)
    }

    public let result: Result
    /// Real time of each step, in nanoseconds. For a write: the write, the file fsync, the
    /// rename, the directory fsync; one step for the other operations. A failed operation ends
    /// with the step that failed.
    public let stepNanoseconds: [Int64]

    public init(result: Result, stepNanoseconds: [Int64]) {
        self.result = result
        self.stepNanoseconds = stepNanoseconds
    }

    public var steps: [Duration] { stepNanoseconds.map { .nanoseconds($0) } }
}

extension OutsideInput {
    /// What one trust-file operation on a real directory returned, and how long it took.
    public static func trustDisk(_ outcome: TrustDiskOutcome) -> OutsideInput { OutsideInput(outcome) }
}
