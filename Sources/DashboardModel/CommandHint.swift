/// A key the host offers in this frame, beyond the UI's own (quit, pause, focus, ...): the
/// footer shows `label`, the help overlay `help`. The host lists them each frame with their
/// current text, so a toggle can name what its next press does; only listed keys reach the
/// host, so no key on screen does nothing.
public struct CommandHint: Equatable, Hashable, Sendable {
    public var key: Character
    /// Footer text ("hang backend").
    public var label: String
    /// Help overlay text ("hang / unhang the backend call").
    public var help: String
    /// A toggle that is on (the backend hangs, the NAT consumer is stalled).
    public var isActive: Bool

    public init(key: Character, label: String, help: String, isActive: Bool = false) {
        self.key = key
        self.label = label
        self.help = help
        self.isActive = isActive
    }
}
