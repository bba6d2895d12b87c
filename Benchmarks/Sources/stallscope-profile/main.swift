import BenchmarkCases
import Glibc

// stallscope-profile [--20000-peers] FRAMES: builds FRAMES steady frames at 120x40, as the
// dashboard_frame_steady cases do, without async code: valgrind 3.19 crashes on the async
// `stallscope-bench`. Count one frame's instructions with
//   valgrind --tool=callgrind --toggle-collect='*SteadyFrames*frame*' stallscope-profile ...
// stallscope-profile --rewind SECONDS: a steady session of SECONDS virtual seconds, then one
// going back to a second before its end, as the dashboard_rewind cases do; count it alone with
//   valgrind --tool=callgrind --toggle-collect='*RuntimeHost*travel*' stallscope-profile --rewind 60
var arguments = CommandLine.arguments.dropFirst()
if arguments.first == "--rewind" {
    guard let seconds = arguments.dropFirst().first.flatMap(Int64.init), seconds > 1 else {
        print("usage: stallscope-profile --rewind SECONDS")
        exit(2)
    }
    let session = Duration.seconds(seconds)
    let elapsed = RewindBenchmarks.backInSteady(to: session - RewindBenchmarks.beforeTheEnd, ops: 1, session: session)
    print(
        "rewind_seconds=\(seconds) wall_s=\(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)"
    )
    exit(0)
}
let peers = arguments.first == "--20000-peers"
if peers { arguments.removeFirst() }
guard let frames = arguments.first.flatMap(Int.init), frames > 0 else {
    print("usage: stallscope-profile [--20000-peers] FRAMES")
    exit(2)
}
let elapsed = DashboardBenchmarks.steadyFrames(ops: frames, overrides: peers ? DashboardBenchmarks.peers20000 : [])
print(
    "frames=\(frames) ms_per_frame=\(Double(elapsed.components.attoseconds) / 1e15 / Double(frames) + Double(elapsed.components.seconds) * 1000 / Double(frames))"
)
