// swift-tools-version: 6.2
import PackageDescription

// The micro-benchmarks live in their own package so the main package's `make test` build never
// compiles the peers (swift-async-algorithms) or the malloc interposer. Always built `-c release`
// by run.sh.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "stallscope-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The root package, for the Backpressure and Dashboard products. Named explicitly
        // because a path package's identity is its directory name, which differs between
        // checkouts.
        .package(name: "stallscope", path: ".."),
        .package(url: "https://github.com/apple/swift-async-algorithms", exact: "1.1.4"),
        .package(url: "https://github.com/ordo-one/malloc-interposer", exact: "1.6.1"),
    ],
    targets: [
        // Every case and implementation, shared by the timing and the allocation executables.
        .target(
            name: "BenchmarkCases",
            dependencies: [
                .product(name: "Backpressure", package: "stallscope"),
                .product(name: "Dashboard", package: "stallscope"),
                .product(name: "DashboardModel", package: "stallscope"),
                .product(name: "DashboardHost", package: "stallscope"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            swiftSettings: strict
        ),
        // Times every case (best of three) and renders the comparison report. Does not link the
        // interposer, so allocations run at libc speed.
        .executableTarget(
            name: "stallscope-bench",
            dependencies: ["BenchmarkCases"],
            swiftSettings: strict
        ),
        // The steady frame cases without async code, for valgrind (which cannot run the async
        // stallscope-bench).
        .executableTarget(
            name: "stallscope-profile",
            dependencies: ["BenchmarkCases"],
            swiftSettings: strict
        ),
        // The compare dashboard's CPU beside the single dashboard's, through the real app loop.
        .executableTarget(
            name: "stallscope-compare",
            dependencies: ["BenchmarkCases"],
            swiftSettings: strict
        ),
        // Counts allocations per operation; run with the interposer preloaded (LD_PRELOAD).
        .executableTarget(
            name: "stallscope-allocs",
            dependencies: [
                "BenchmarkCases",
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            swiftSettings: strict
        ),
    ]
)
