import Backpressure

@testable import Engine

/// The in-memory backend with a log of calls in the order they completed, for ordering checks
/// that do not depend on when a caller's task gets scheduled.
final class RecordingColdBackend: ColdBackend {
    let inner: InMemoryColdBackend
    private let log = LockedState<[ColdBackendCall]>([])

    init(_ inner: InMemoryColdBackend) {
        self.inner = inner
    }

    var calls: [ColdBackendCall] { log.withLock { $0 } }

    private func record<T>(_ call: ColdBackendCall, _ value: T) -> T {
        log.withLock { $0.append(call) }
        return value
    }

    func header(_ number: UInt64) async throws -> ColdHeader? { record(.header, try await inner.header(number)) }
    func block(_ number: UInt64) async throws -> ColdBlock? { record(.block, try await inner.block(number)) }
    func latestBlock() async throws -> UInt64? { record(.latestBlock, try await inner.latestBlock()) }
    func logs(in range: ClosedRange<UInt64>, limit: Int) async throws -> [ColdLog] {
        record(.logs, try await inner.logs(in: range, limit: limit))
    }
    func streamLogs(block: UInt64) async throws -> [ColdLog]? { try await inner.streamLogs(block: block) }
    func append(_ blocks: [ColdBlock]) async throws { record(.append, try await inner.append(blocks)) }
    func truncate(above number: UInt64) async throws { record(.truncate, try await inner.truncate(above: number)) }
    func drain(above number: UInt64) async throws -> [ColdBlock] {
        record(.drain, try await inner.drain(above: number))
    }
}
