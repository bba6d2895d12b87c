// An HTTP service that bounds its work with the Backpressure library and serves it live to
// `stallscope attach`:
//
//     swift run Service --port 8080
//     curl 127.0.0.1:8080/work                        # one request through the pool
//     curl 127.0.0.1:8080/metrics                     # the primitives, in Prometheus text
//     curl -X POST '127.0.0.1:8080/admin/hang?count=2'  # the next 2 handlers hang...
//     curl -X POST 127.0.0.1:8080/admin/release         # ...until released
//     stallscope attach example-service               # the dashboard over it
import Backpressure
import BackpressureAgent
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import Synchronization

@main
enum Service {
    /// `/work` handlers past the permit at once; the rest wait in line for one.
    static let handlerPermits = 8
    /// The most one `/work` request may take, waiting for its permit included.
    static let requestDeadline = Duration.seconds(2)
    static let defaultPort = 8080

    static func main() async throws {
        var port = defaultPort
        // Off only for the benchmark that measures what the agent costs (Benchmarks/attach.sh).
        var startsAgent = true
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            if argument == "--no-agent" {
                startsAgent = false
                continue
            }
            guard argument == "--port", let value = arguments.popFirst().flatMap(Int.init), (0...65535).contains(value)
            else {
                FileHandle.standardError.write(
                    Data("usage: Service [--port N] [--no-agent] (port 0: any free port)\n".utf8))
                exit(2)
            }
            port = value
        }

        // Once, before anything logs or makes a primitive: log lines go to stderr and, as events,
        // to attached dashboards; metrics go to the Prometheus registry `/metrics` serves.
        let events = AgentEventSink()
        LoggingSystem.bootstrap { label in
            MultiplexLogHandler([
                StreamLogHandler.standardError(label: label), AgentLogHandler(label: label, sink: events),
            ])
        }
        let prometheus = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: prometheus))
        let logger = Logger(label: "example-service")

        let handlers = AsyncSemaphore(name: "handlers", permits: handlerPermits)
        let pool = JobPool()
        let hangs = HangSwitch()
        let registry = InstrumentRegistry()
        registry.register(handlers, owner: InstrumentOwner(component: "http"))
        registry.register(pool.jobs.instrument, owner: InstrumentOwner(component: "pool"))
        registry.register(pool.workers, owner: InstrumentOwner(component: "pool"))
        // The agent: `stallscope attach example-service` finds it by name.
        let agent =
            startsAgent
            ? try BackpressureAgent.start(service: "example-service", registry: registry, events: events) : nil
        defer { agent?.stop() }

        let requestNumbers = Atomic(0)
        let router = Router()
        router.get("work") { _, _ -> String in
            let request = requestNumbers.add(1, ordering: .relaxed).newValue
            do {
                // The cancelling deadline: the handler also awaits outside the library (the job's
                // reply stream), which only cancellation interrupts. `withDeadline` would suit an
                // operation made only of the library's waits, at no cost when they are ready.
                return try await withCancellingDeadline(requestDeadline, clock: ContinuousClock(), name: "work") {
                    // Held until the job's result is back (or an error unwinds this scope).
                    let permit = try await handlers.acquire(label: "request #\(request)")
                    if await hangs.holdIfArmed() {
                        logger.notice("hung handler let go", metadata: ["request": "\(request)"])
                    }
                    let result = try await pool.submit(request: request)
                    _ = consume permit
                    return result
                }
            } catch is DeadlineExceeded {
                logger.warning("deadline expired", metadata: ["request": "\(request)"])
                throw HTTPError(.serviceUnavailable)
            } catch {
                throw HTTPError(.serviceUnavailable)
            }
        }
        router.get("metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: prometheus.emitToString())))
        }
        router.post("admin/hang") { request, _ -> String in
            let count = request.uri.queryParameters.get("count", as: Int.self) ?? 1
            guard count > 0 else { throw HTTPError(.badRequest, message: "count is 1 or more") }
            hangs.arm(count)
            logger.warning("the next /work handlers will hang holding their permit", metadata: ["count": "\(count)"])
            return "the next \(count) /work handlers will hang\n"
        }
        router.post("admin/release") { _, _ -> String in
            let released = hangs.release()
            logger.notice("hung handlers released", metadata: ["count": "\(released)"])
            return "released \(released) hung handlers\n"
        }

        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { [port] channel in
                // The one line on stdout, for scripts to wait for (with the real port when 0 was given).
                let line = "listening on 127.0.0.1:\(channel.localAddress?.port ?? port)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }, logger: logger)
        let workers = Task { await pool.run() }
        try await app.runService()
        workers.cancel()
    }
}
