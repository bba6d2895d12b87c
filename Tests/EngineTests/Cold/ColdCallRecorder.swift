import Backpressure

@testable import Engine

/// What each caller of a test got, in the order the answers arrived.
final class ColdCallRecorder: Sendable {
    struct Answer: Sendable {
        let order: Int
        let error: ColdError?
    }

    private struct State {
        var issued: Set<String> = []
        var answers: [String: Answer] = [:]
    }

    private let state = LockedState(State())

    func issued(_ key: String) {
        state.withLock { _ = $0.issued.insert(key) }
    }

    func answered(_ key: String, _ error: ColdError?) {
        state.withLock { state in
            precondition(state.answers[key] == nil, "\(key) answered twice")
            state.answers[key] = Answer(order: state.answers.count, error: error)
        }
    }

    func answer(_ key: String) -> Answer? { state.withLock { $0.answers[key] } }
    func isAnswered(_ key: String) -> Bool { answer(key) != nil }
    func error(_ key: String) -> ColdError?? { answer(key).map(\.error) }
    var answeredCount: Int { state.withLock { $0.answers.count } }
    var unanswered: [String] { state.withLock { state in state.issued.filter { state.answers[$0] == nil }.sorted() } }

    func answered(withPrefix prefix: String) -> [String: Answer] {
        state.withLock { $0.answers.filter { $0.key.hasPrefix(prefix) } }
    }
}
