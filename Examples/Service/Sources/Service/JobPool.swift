import Backpressure

/// The worker pool behind `/work`: a bounded queue of jobs ("jobs") and a semaphore ("workers")
/// bounding how many run at once. A handler submits a job and waits for its result.
struct JobPool: Sendable {
    /// Jobs waiting for a worker at most; beyond it `submit` waits for room.
    static let queueCapacity = 16
    /// Jobs running at once.
    static let workerCount = 4
    /// What one job costs, standing in for a query or a call to another service.
    static let jobWork = Duration.milliseconds(2)

    let jobs: ChannelSender<Job>
    let queue: ChannelReceiver<Job>
    let workers: AsyncSemaphore

    init() {
        (jobs, queue) = BoundedChannel<Job>.make(name: "jobs", capacity: Self.queueCapacity)
        workers = AsyncSemaphore(name: "workers", permits: Self.workerCount)
    }

    /// Queues a job for `request` (waiting while the queue is full) and returns its result.
    /// Cancelled (by the caller's deadline), it stops waiting at once.
    func submit(request: Int) async throws -> String {
        let (result, reply) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1))
        try await jobs.send(Job(request: request, reply: reply))
        for await answer in result { return answer }
        throw CancellationError()
    }

    /// Takes jobs off the queue, each on a worker once one is free, until cancelled.
    func run() async {
        await withDiscardingTaskGroup { group in
            while let job = try? await queue.receive() {
                // While every worker is busy the queue fills, and then submitters wait.
                guard let permit = try? await workers.acquireOwned(label: "job #\(job.request)") else { break }
                group.addTask {
                    defer { permit.release() }
                    try? await Task.sleep(for: Self.jobWork)
                    job.reply.yield("request #\(job.request) done\n")
                    job.reply.finish()
                }
            }
        }
    }
}
