import Runtime

/// How the trust file stores an instant: whole nanoseconds since the runtime started, one JSON
/// number (the default `Duration` coding nests two containers per instant, which made encoding
/// the dominant cost of a save).
extension KeyedEncodingContainer {
    mutating func encodeInstant(_ instant: RuntimeInstant, forKey key: Key) throws {
        try encode(instant.sinceStart.nanoseconds, forKey: key)
    }
}

extension KeyedDecodingContainer {
    func decodeInstant(forKey key: Key) throws -> RuntimeInstant {
        RuntimeInstant(sinceStart: .nanoseconds(try decode(Int64.self, forKey: key)))
    }
}
