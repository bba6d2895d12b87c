/// One cell the backend must redraw: the result of diffing two buffers.
public struct CellUpdate: Equatable, Sendable {
    public let x: Int
    public let y: Int
    public let cell: Cell
}
