import FuzzDriver
import Scenarios

/// A record file handed to `stallscope replay`: refused with one usage error or parsed, never a
/// trap. Seeds in Corpus/record are recorded with the build name "fuzz", so the fuzzer gets past
/// the header.
func fuzzRecord(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? RecordFile.parse(text, path: "fuzz.jsonl", build: "fuzz")
    return 0
}

@main
enum FuzzRecord {
    static func main() {
        FuzzDriver.run(fuzzRecord)
    }
}
