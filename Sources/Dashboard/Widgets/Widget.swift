/// Something that draws itself into a region of a buffer. Widgets never touch the terminal.
public protocol Widget {
    func render(_ area: Rect, into buffer: inout Buffer)
}
