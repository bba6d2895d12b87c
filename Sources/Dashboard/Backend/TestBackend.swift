import Foundation

/// A terminal for tests (after ratatui's `TestBackend`): input is scripted, the last drawn
/// buffer is kept as text lines (like the snapshot tests compare), and the size changes on
/// demand with a `.resize` input, as a real terminal's would.
///
/// Safe to use from two threads: the app loop owns it as its backend while a test feeds keys
/// and waits for screens. Waits are on a condition with a deadline, never a fixed sleep.
public final class TestBackend: TerminalBackend, @unchecked Sendable {
    // @unchecked: every stored property is guarded by `condition`.
    private let condition = NSCondition()
    private var width: Int
    private var height: Int
    private var pending: [PendingInput] = []
    private var drawn: Buffer?
    private var draws = 0
    private var invalidations = 0
    /// A draw came after the last input read: the screen shows its effect.
    private var drawnSinceRead = true
    private var ended = false

    private enum PendingInput {
        case key(InputKey)
        case resize(width: Int, height: Int)
    }

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    // MARK: Scripting (the test's side)

    /// Queues keys, in order.
    public func send(_ keys: InputKey...) {
        locked { pending += keys.map(PendingInput.key) }
    }

    /// Queues each character of `text` as a key.
    public func type(_ text: String) {
        locked { pending += text.map { PendingInput.key(.character($0)) } }
    }

    /// Queues a press of the primary mouse button on the cell at column `x`, row `y`.
    public func click(x: Int, y: Int) {
        send(.mouse(MouseEvent(x: x, y: y, button: .press)))
    }

    /// Queues a wheel notch on the cell at column `x`, row `y`: up the list, or down it.
    public func wheel(up: Bool, x: Int, y: Int) {
        send(.mouse(MouseEvent(x: x, y: y, button: up ? .wheelUp : .wheelDown)))
    }

    /// Queues a resize: when the loop reads it, the size changes and it reads `.resize`.
    public func resize(width: Int, height: Int) {
        locked { pending.append(.resize(width: width, height: height)) }
    }

    /// The last drawn screen, one string per row (trailing spaces kept); empty before the first draw.
    public var lines: [String] { locked { drawn.map(Self.lines) ?? [] } }
    /// The last drawn buffer, for styles.
    public var buffer: Buffer? { locked { drawn } }
    public var drawCount: Int { locked { draws } }
    public var invalidateCount: Int { locked { invalidations } }
    public var isEnded: Bool { locked { ended } }
    /// Whether every queued input has been read.
    public var isDrained: Bool { locked { pending.isEmpty } }

    /// Waits until the screen's text lines match `predicate` (checked on every draw), at most
    /// `timeout` of wall time; true when it did.
    @discardableResult
    public func waitForScreen(timeout: Duration = .seconds(30), _ predicate: ([String]) -> Bool) -> Bool {
        waitForBuffer(timeout: timeout) { predicate(Self.lines($0)) }
    }

    /// Waits until the last drawn buffer matches `predicate` (its size, its styles), at most
    /// `timeout` of wall time; true when it did. `predicate` runs under the backend's lock: it
    /// must not call back into the backend.
    @discardableResult
    public func waitForBuffer(timeout: Duration = .seconds(30), _ predicate: (Buffer) -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: Self.seconds(timeout))
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let drawn, predicate(drawn) { return true }
            if !condition.wait(until: deadline) { return drawn.map(predicate) ?? false }
        }
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    public func waitFor(_ text: String, timeout: Duration = .seconds(30)) -> Bool {
        waitForScreen(timeout: timeout) { $0.contains { $0.contains(text) } }
    }

    /// Waits until the loop has read every queued input and drawn after it.
    @discardableResult
    public func waitUntilDrained(timeout: Duration = .seconds(30)) -> Bool {
        let deadline = Date(timeIntervalSinceNow: Self.seconds(timeout))
        condition.lock()
        defer { condition.unlock() }
        while !(pending.isEmpty && drawnSinceRead) {
            if ended { return pending.isEmpty }
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }

    /// Waits until the loop has called `end()`.
    @discardableResult
    public func waitUntilEnded(timeout: Duration = .seconds(30)) -> Bool {
        let deadline = Date(timeIntervalSinceNow: Self.seconds(timeout))
        condition.lock()
        defer { condition.unlock() }
        while !ended {
            if !condition.wait(until: deadline) { return ended }
        }
        return true
    }

    // MARK: TerminalBackend (the loop's side)

    public var size: (width: Int, height: Int) { locked { (width, height) } }

    public func draw(_ buffer: Buffer) {
        locked {
            drawn = buffer
            draws += 1
            drawnSinceRead = true
            condition.broadcast()
        }
    }

    public func invalidate() { locked { invalidations += 1 } }

    /// The next queued input; with none, waits for one up to `timeout`, as a terminal would.
    public func read(timeout: Duration) -> TerminalInput? {
        let deadline = Date(timeIntervalSinceNow: Self.seconds(timeout))
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty {
            if !condition.wait(until: deadline) { break }
        }
        guard !pending.isEmpty else { return nil }
        drawnSinceRead = false
        defer { condition.broadcast() }
        switch pending.removeFirst() {
        case .key(let key):
            return .key(key)
        case .resize(let newWidth, let newHeight):
            (width, height) = (newWidth, newHeight)
            return .resize
        }
    }

    public func end() {
        locked {
            ended = true
            condition.broadcast()
        }
    }

    // MARK: -

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        let result = try body()
        condition.broadcast()
        return result
    }

    private static func lines(_ buffer: Buffer) -> [String] {
        (0..<buffer.height).map { buffer.line($0) }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
