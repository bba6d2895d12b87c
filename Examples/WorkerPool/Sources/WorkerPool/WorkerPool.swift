// A worker pool a service could run: a bounded queue of jobs, at most `workerCount` jobs at once,
// each job under a deadline, and every primitive reporting to Prometheus through swift-metrics.
//
//     swift run WorkerPool            # prints a summary line, then the Prometheus text
//
// The numbers are small so it finishes in about a second; the shape is what to copy.
import Backpressure
import Metrics
import Prometheus

/// How many jobs wait in the queue at most before `submit` refuses more.
let queueCapacity = 16
/// How many jobs run at once.
let workerCount = 4
/// How long one job may take before it is cancelled.
let jobDeadline = Duration.milliseconds(200)
/// Jobs offered in all, one every `offerInterval`; every `slowJobEvery`th runs into its deadline.
let jobCount = 64
let offerInterval = Duration.milliseconds(2)
let slowJobEvery = 7

struct Job: Sendable {
    let id: Int
    var work: Duration { id % slowJobEvery == 0 ? .seconds(5) : .milliseconds(5) }
}

@main
enum WorkerPool {
    static func main() async throws {
        // The library never bootstraps a backend: the application does, once, before it makes
        // its primitives.
        let prometheus = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: prometheus))

        let outcomes = Outcomes()
        let (jobs, queue) = BoundedChannel<Job>.make(name: "jobs", capacity: queueCapacity)
        let workers = AsyncSemaphore(name: "workers", permits: workerCount)
        let pool = Task { await runPool(queue: queue, workers: workers, outcomes: outcomes) }

        var refused = 0
        for id in 0..<jobCount {
            // What a request handler does: take the job if there is room, refuse it at once if not.
            if !jobs.trySend(Job(id: id)).isSent { refused += 1 }
            try await Task.sleep(for: offerInterval)
        }
        // The last sender gone: the pool drains the queue and stops.
        _ = consume jobs
        await pool.value

        let (finished, expired) = await outcomes.counts
        print("jobs: \(finished) finished, \(expired) past their deadline, \(refused) refused (queue full)")
        print(prometheus.emitToString(), terminator: "")
    }

    static func runPool(queue: ChannelReceiver<Job>, workers: AsyncSemaphore, outcomes: Outcomes) async {
        await withTaskGroup(of: Void.self) { group in
            while let job = try? await queue.receive() {
                // Waits here while every worker is busy: the queue then fills and offers are refused.
                guard let permit = try? await workers.acquireOwned(label: "job \(job.id)") else { break }
                group.addTask {
                    defer { permit.release() }
                    do {
                        // The job's work is an await outside the library (a sleep standing in for
                        // a call), which only cancellation interrupts: the cancelling deadline.
                        try await withCancellingDeadline(jobDeadline, clock: ContinuousClock(), name: "job") {
                            try await Task.sleep(for: job.work)
                        }
                        await outcomes.record(.finished)
                    } catch {
                        await outcomes.record(.expired)
                    }
                }
            }
        }
    }
}

actor Outcomes {
    enum Outcome { case finished, expired }
    private var finished = 0
    private var expired = 0

    func record(_ outcome: Outcome) {
        switch outcome {
        case .finished: finished += 1
        case .expired: expired += 1
        }
    }

    var counts: (finished: Int, expired: Int) { (finished, expired) }
}
