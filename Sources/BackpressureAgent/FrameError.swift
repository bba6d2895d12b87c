/// Why a byte stream is not a sequence of frames: the peer that sent it is closed.
public enum FrameError: Error, Equatable, Sendable {
    /// A length above the reader's bound (a 4 GB length never reaches an allocation).
    case oversize(length: UInt32, limit: Int)
    /// A zero length: no frame is empty.
    case empty
    /// A frame whose JSON is not a frame of this format.
    case malformed(String)
    /// The peer closed the stream in the middle of a frame.
    case truncated
}
