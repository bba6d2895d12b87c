// swift-tools-version: 6.2
import PackageDescription

// libFuzzer targets for what stallscope reads from outside: `--set` values and durations, record
// files, theme files. A package of its own: its executables call libFuzzer's driver, so they
// link only when built with `-sanitize=fuzzer` (`make fuzz`, see README).
let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .treatAllWarnings(as: .error),
]

// gold stops with an internal error on libFuzzer's runtime; lld links it.
let linker: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld"])]

let package = Package(
    name: "stallscope-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "stallscope", path: "..")
    ],
    targets: [
        .target(name: "FuzzDriver", swiftSettings: settings),
        .executableTarget(
            name: "fuzz-parameters",
            dependencies: ["FuzzDriver", .product(name: "DashboardHost", package: "stallscope")],
            swiftSettings: settings,
            linkerSettings: linker
        ),
        .executableTarget(
            name: "fuzz-record",
            dependencies: ["FuzzDriver", .product(name: "DashboardHost", package: "stallscope")],
            swiftSettings: settings,
            linkerSettings: linker
        ),
        .executableTarget(
            name: "fuzz-theme",
            dependencies: ["FuzzDriver", .product(name: "Dashboard", package: "stallscope")],
            swiftSettings: settings,
            linkerSettings: linker
        ),
    ]
)
