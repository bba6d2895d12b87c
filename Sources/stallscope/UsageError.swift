import Foundation

/// A bad argument, reported as one line on stderr with exit status 2.
enum UsageError {
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("stallscope: \(message)\n".utf8))
        exit(2)
    }
}
