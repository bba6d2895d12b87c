import Backpressure
import Runtime
import Testing

@testable import Engine

/// Lost wakeups on the real multi-threaded executor: readers of forks park and are woken by
/// pushes through the ORIGINAL handle from another thread, thousands of times. A single lost
/// wakeup leaves a reader parked for good, which the wall-clock guard turns into a failure.
@Suite struct StreamHandleWakeupStressTests {
    static let iterations = 1_000
    static let fragmentsPerStream = 16
    static let readersPerStream = 2
    /// Generous: the whole run takes well under a second when nothing is lost.
    static let guardTimeout: Duration = .seconds(60)

    /// `own-sync-state` is left out: its fork readers are never woken by the original (bug 2).
    @Test(arguments: [RelayPolicy.sharedCancel, .fixed])
    func pushesThroughTheOriginalAlwaysWakeForkReaders(policy: RelayPolicy) async throws {
        let runtime = LiveRuntime(seed: 11)
        let fragments = (0..<Self.fragmentsPerStream).map {
            StreamFragment(index: $0, bytes: [UInt8(truncatingIfNeeded: $0)])
        }
        let readCounts = try await withCancellingDeadline(Self.guardTimeout, clock: runtime.clock) {
            var counts: [Int] = []
            for _ in 0..<Self.iterations {
                counts += try await Self.race(policy: policy, fragments: fragments)
            }
            return counts
        }
        #expect(readCounts.count == Self.iterations * Self.readersPerStream)
        #expect(readCounts.allSatisfy { $0 == Self.fragmentsPerStream })
    }

    /// One stream: readers of fresh forks race a writer pushing through the original, which
    /// yields between pushes so readers park and unpark in every interleaving.
    private static func race(policy: RelayPolicy, fragments: [StreamFragment]) async throws -> [Int] {
        let original = StreamHandle(
            buffer: FragmentBuffer(totalBytes: fragments.count, fragmentPayloadBytes: 1), policy: policy)
        return try await withThrowingTaskGroup(of: Int?.self) { group in
            for _ in 0..<readersPerStream {
                let fork = original.fork()
                group.addTask {
                    var read = 0
                    for try await fragment in fork.fragments() {
                        precondition(fragment.index == read, "fragments come in order")
                        read += 1
                    }
                    return read
                }
            }
            group.addTask {
                for fragment in fragments {
                    try original.push(fragment)
                    await Task.yield()
                }
                return nil
            }
            var counts: [Int] = []
            for try await count in group {
                if let count { counts.append(count) }
            }
            return counts
        }
    }
}
