import Foundation

/// Times `stallscope run NAME --policy P --format json` as a child process: wall time around
/// spawn and exit, the child's own peak RSS from `wait4`, and the virtual time and verdict from
/// the JSON it prints. The child is timed from outside so process start and the JSON output are
/// in the figure, as a user running the command sees it.
enum ScenarioTimer {
    struct Measurement {
        let wallSeconds: Double
        let maxResidentMegabytes: Double
        let virtualSeconds: Double
        let verdict: String
    }

    enum Failure: Error, CustomStringConvertible {
        case system(call: String, errno: Int32)
        case exit(how: String, command: String)
        case output(String)

        var description: String {
            switch self {
            case .system(let call, let errno): "\(call) failed: \(String(cString: strerror(errno)))"
            case .exit(let how, let command): "`\(command)` \(how)"
            case .output(let why): "unexpected output from stallscope run: \(why)"
            }
        }
    }

    static func measure(stallscope: String, arguments: [String]) throws -> Measurement {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("stallscope-bench-\(getpid()).json").path
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = ([stallscope] + arguments).map { strdup($0) }
        defer { for argument in argv { free(argument) } }
        var pid = pid_t()
        let start = now()
        let spawned = posix_spawn(&pid, stallscope, &actions, nil, argv + [nil], environ)
        guard spawned == 0 else { throw Failure.system(call: "posix_spawn \(stallscope)", errno: spawned) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 {
            guard errno == EINTR else { throw Failure.system(call: "wait4", errno: errno) }
        }
        let wall = now() - start
        // The layout of <sys/wait.h>: a signal number in the low 7 bits, else the exit code.
        let (signal, code) = (status & 0x7F, (status >> 8) & 0xFF)
        guard signal == 0, code == 0 else {
            let how = signal == 0 ? "exited with status \(code)" : "was killed by signal \(signal)"
            throw Failure.exit(how: how, command: ([stallscope] + arguments).joined(separator: " "))
        }

        let report: Report
        do {
            report = try JSONDecoder().decode(
                Report.self, from: FileManager.default.contents(atPath: outputPath) ?? Data())
        } catch {
            throw Failure.output("\(error)")
        }
        return Measurement(
            wallSeconds: wall, maxResidentMegabytes: residentMegabytes(usage.ru_maxrss),
            virtualSeconds: report.virtualSeconds, verdict: report.verdict)
    }

    /// The fields of `run --format json` the benchmark reads.
    private struct Report: Decodable {
        let virtualSeconds: Double
        let verdict: String
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// `ru_maxrss` is in kilobytes on Linux and in bytes on macOS.
    private static func residentMegabytes(_ maxrss: Int) -> Double {
        #if os(Linux)
            Double(maxrss) / 1024
        #else
            Double(maxrss) / (1024 * 1024)
        #endif
    }
}
