/// An injected backend failure ("connection reset"), surfaced to callers as `ColdError.backend`.
public struct ColdBackendFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let call: ColdBackendCall

    public var description: String { "injected failure in \(call.rawValue)" }
}
