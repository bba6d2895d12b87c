import CoreMetrics

/// The swift-metrics backend a primitive reports to, read once when the primitive is made.
///
/// The library never bootstraps a backend: it uses the application's (`MetricsSystem.bootstrap`,
/// or a task-local one bound with `withMetricsFactory`). With none, the answer is nil and a
/// primitive keeps no metric objects at all, so its paths cost one nil check and allocate
/// nothing more: the engine, which makes twenty thousand channels, never bootstraps one.
enum MetricsBackend {
    static var current: (any MetricsFactory)? {
        let factory = MetricsSystem.factory
        return factory is NOOPMetricsHandler ? nil : factory
    }

    /// The one dimension every metric carries: the primitive's name.
    static func dimensions(name: String) -> [(String, String)] { [("name", name)] }
}
