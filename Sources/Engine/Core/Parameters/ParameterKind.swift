/// What a parameter's text spells, and so which parser reads it.
public enum ParameterKind: String, Sendable, Equatable, CaseIterable {
    /// A number with a unit: `ns`, `us`, `ms`, `s`, `m`, `h`, decimals and compounds (`1m30s`).
    case duration
    /// Digits only: no sign, no exponent.
    case wholeNumber
    /// A non-negative finite decimal (`0.25`, `20`, `1e3`).
    case rate
}
