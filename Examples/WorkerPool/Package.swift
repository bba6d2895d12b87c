// swift-tools-version: 6.2
import PackageDescription

// An example service that adopts the Backpressure library: copy from it. Its own package, so the
// main package never builds swift-prometheus; `make test` builds and runs it once.
let package = Package(
    name: "WorkerPool",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "stallscope", path: "../.."),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .executableTarget(
            name: "WorkerPool",
            dependencies: [
                .product(name: "Backpressure", package: "stallscope"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6), .treatAllWarnings(as: .error)]
        )
    ]
)
