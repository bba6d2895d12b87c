// swift-tools-version: 6.2
import Foundation
import PackageDescription

// Strict by default: Swift 6 language mode (complete concurrency checking) and no warnings.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .treatAllWarnings(as: .error),
]

// Each subsystem folder's README (its incident, ladder and constants) is for readers, not the
// build: found by listing the folders, so adding a subsystem needs no line here.
let subsystemReadmes: [String] = {
    let engine = Context.packageDirectory + "/Sources/Engine"
    let folders = (try? FileManager.default.contentsOfDirectory(atPath: engine)) ?? []
    return folders.sorted().map { "\($0)/README.md" }.filter {
        FileManager.default.fileExists(atPath: engine + "/" + $0)
    }
}()

let package = Package(
    name: "stallscope",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stallscope", targets: ["stallscope"]),
        .library(name: "Backpressure", targets: ["Backpressure"]),
        // Serves a registry's snapshots to `stallscope attach`; a product of its own, so a
        // service that does not want it does not link it.
        .library(name: "BackpressureAgent", targets: ["BackpressureAgent"]),
        // For the benchmarks' dashboard cases (render and whole-frame cost).
        .library(name: "DashboardModel", targets: ["DashboardModel"]),
        .library(name: "Dashboard", targets: ["Dashboard"]),
        .library(name: "DashboardHost", targets: ["DashboardHost"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // The metrics API a server team already reports through; the library never bootstraps
        // a backend (see Backpressure's PrimitiveMetrics).
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        // The logging API a server team already logs through: the agent's LogHandler turns a
        // service's log records into events for attached dashboards (BackpressureAgent only).
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // `swift package generate-documentation --target Backpressure` (the DocC guides).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Layer 1: reusable, instrumented backpressure primitives.
        .target(
            name: "Backpressure",
            dependencies: [
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        // Layer 1b: the agent, a registry's snapshots over a Unix domain socket (Glibc sockets), and
        // a swift-log handler that feeds its events.
        .target(
            name: "BackpressureAgent",
            dependencies: [
                "Backpressure", .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Layer 2: deterministic executor, virtual clock, seeded randomness, paced driver.
        .target(
            name: "Runtime",
            dependencies: [
                "Backpressure",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: strict
        ),
        // Layer 2b: the contract between a dashboard host and the UI: a frame and the values it
        // carries, plain values only (no engine, no runtime). Subsystems fill their panels' models.
        .target(
            name: "DashboardModel",
            dependencies: ["Backpressure"],
            swiftSettings: strict
        ),
        // Layer 3: the five subsystems, one folder each, plus their shared core.
        .target(
            name: "Engine",
            dependencies: [
                "Backpressure", "Runtime", "DashboardModel",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            exclude: subsystemReadmes,
            swiftSettings: strict
        ),
        // Layer 4: named, seeded scenarios, stall detectors, verdicts, record and replay.
        .target(
            name: "Scenarios",
            dependencies: ["Backpressure", "Runtime", "Engine"],
            swiftSettings: strict
        ),
        // Layer 5: the dashboard.
        // Pure UI: rendering (cells, buffer, layout, widgets, panels, themes), the UI state and its
        // keys, and the terminal backend protocol with a test backend. Never the engine: a test
        // (DashboardBoundaryTests) fails on `import Engine|Runtime|Scenarios` under Sources/Dashboard.
        .target(
            name: "Dashboard",
            dependencies: [
                "Backpressure", "DashboardModel",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: strict
        ),
        // The engine under a scenario as a dashboard host (engine values mapped to the model), and
        // the app loop, generic over a terminal backend.
        .target(
            name: "DashboardHost",
            dependencies: [
                "Backpressure", "BackpressureAgent", "Runtime", "Engine", "Scenarios", "Dashboard", "DashboardModel",
            ],
            swiftSettings: strict
        ),
        // Layer 6: ncursesw (wide characters), the async-signal-safe restore handlers, the ncurses
        // backend and the process glue around the app loop.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "CTerminalRestore", path: "Sources/CTerminalRestore"),
        .target(
            name: "Terminal",
            dependencies: ["Dashboard", "DashboardHost", "CNcursesw", "CTerminalRestore"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "stallscope",
            dependencies: [
                "Backpressure", "BackpressureAgent", "Runtime", "Engine", "Scenarios", "Dashboard", "DashboardHost",
                "Terminal", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // A helper process for the trust store's crash-consistency test: it mutates and saves in
        // a loop on real files until the test SIGKILLs it.
        .executableTarget(
            name: "trust-crash-child",
            dependencies: ["Engine", "Runtime"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BackpressureTests",
            dependencies: ["Backpressure", "Runtime", .product(name: "MetricsTestKit", package: "swift-metrics")],
            swiftSettings: strict
        ),
        // A service in miniature for the command-line checks of `stallscope ps` and `attach`: an
        // agent over a semaphore and a channel whose permits move, until it is killed.
        .executableTarget(
            name: "agent-demo",
            dependencies: ["Backpressure", "BackpressureAgent"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BackpressureAgentTests",
            dependencies: ["BackpressureAgent", "Backpressure", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime", "Backpressure"], swiftSettings: strict),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Runtime", "Backpressure"], swiftSettings: strict),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenarios", "Engine", "Runtime"], swiftSettings: strict),
        .testTarget(
            name: "DashboardTests",
            dependencies: ["Dashboard", "DashboardModel", "Backpressure", "Runtime"],
            exclude: ["Snapshots"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DashboardHostTests",
            dependencies: [
                "DashboardHost", "Dashboard", "DashboardModel", "Engine", "Runtime", "Backpressure", "Scenarios",
                "BackpressureAgent",
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "StressTests", dependencies: ["Backpressure"], swiftSettings: strict),
    ]
)
