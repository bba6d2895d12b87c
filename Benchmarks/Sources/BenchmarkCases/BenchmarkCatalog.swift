/// Every case, in tokio-bench's order, with tokio-bench's op counts (sized there for about
/// 0.3-1 s per repetition at tokio's speed), then the dashboard's own cases.
public enum BenchmarkCatalog {
    public static let cases: [BenchmarkCase] = [
        BenchmarkCase(
            "semaphore_uncontended", ops: 25_000_000,
            [
                .init(.stallscope, SemaphoreBenchmarks.uncontended)
            ]),
        BenchmarkCase(
            "semaphore_try_acquire", ops: 50_000_000,
            [
                .init(.stallscope, SemaphoreBenchmarks.tryAcquire)
            ]),
        BenchmarkCase(
            "semaphore_acquire_many_64", ops: 25_000_000,
            [
                .init(.stallscope, SemaphoreBenchmarks.acquireMany64)
            ]),
        BenchmarkCase(
            "semaphore_contended_2tasks", ops: 1_500_000, opsMustBeEven: true,
            [
                .init(.stallscope, SemaphoreBenchmarks.contendedTwoTasks),
                .init(.floor, ExecutorFloorBenchmarks.contendedHandOff),
            ]),
        // The executor's round trip alone (no tokio counterpart in tokio-bench): the contended
        // semaphore loop makes one per acquire.
        BenchmarkCase(
            "task_yield", ops: 1_500_000, hasTokioPeer: false, allocationOps: nil,
            [
                .init(.floor, ExecutorFloorBenchmarks.yield)
            ]),
        BenchmarkCase(
            "mpsc_try_send_recv", ops: 25_000_000,
            [
                .init(.stallscope, ChannelBenchmarks.trySendReceive),
                .init(.asyncstream, opsDivisor: 50, AsyncStreamBenchmarks.yieldNext),
            ]),
        BenchmarkCase(
            "mpsc_send_recv_2tasks", ops: 8_000_000,
            [
                .init(.stallscope, ChannelBenchmarks.sendReceiveTwoTasks),
                .init(.asyncstream, opsDivisor: 40, AsyncStreamBenchmarks.yieldNextTwoTasks),
                .init(.asyncchannel, opsDivisor: 100, AsyncChannelBenchmarks.sendNextTwoTasks),
            ]),
        BenchmarkCase(
            "mpsc_try_send_full", ops: 300_000_000,
            [
                .init(.stallscope, ChannelBenchmarks.trySendFull),
                .init(.asyncstream, opsDivisor: 100, AsyncStreamBenchmarks.yieldDropped),
            ]),
        BenchmarkCase(
            "timeout_ready", ops: 10_000_000,
            [
                .init(.stallscope, DeadlineBenchmarks.ready)
            ]),
        // The deadline's other entry point and its slow path (no tokio counterpart).
        BenchmarkCase(
            "timeout_ready_cancelling", ops: 100_000, hasTokioPeer: false,
            [
                .init(.stallscope, DeadlineBenchmarks.readyCancelling)
            ]),
        BenchmarkCase(
            "timeout_semaphore_contended_2tasks", ops: 300_000, opsMustBeEven: true, hasTokioPeer: false,
            [
                .init(.stallscope, DeadlineBenchmarks.contendedTwoTasks)
            ]),
        BenchmarkCase(
            "timeout_cancelling_semaphore_contended_2tasks", ops: 100_000, opsMustBeEven: true,
            hasTokioPeer: false,
            [
                .init(.stallscope, DeadlineBenchmarks.cancellingContendedTwoTasks)
            ]),
        // The dashboard's frame costs (no tokio counterpart): one op is one frame.
        BenchmarkCase(
            "dashboard_render_200x60", ops: 2_000, hasTokioPeer: false, allocationOps: 100,
            [
                .init(.stallscope, DashboardBenchmarks.renderBusy200x60)
            ]),
        BenchmarkCase(
            "dashboard_frame_steady_120x40", ops: 600, hasTokioPeer: false, allocationOps: nil,
            [
                .init(.stallscope, DashboardBenchmarks.steadyFrame120x40)
            ]),
        BenchmarkCase(
            "dashboard_frame_steady_20000_peers_120x40", ops: 300, hasTokioPeer: false, allocationOps: nil,
            [
                .init(.stallscope, DashboardBenchmarks.steadyFrame20000Peers120x40)
            ]),
        // Going back in a 10-minute steady session (issue 20): one op is one going back.
        BenchmarkCase(
            "dashboard_rewind_steady_10min_to_middle", ops: 3, hasTokioPeer: false, allocationOps: nil,
            [
                .init(.stallscope, RewindBenchmarks.backToTheMiddle)
            ]),
        BenchmarkCase(
            "dashboard_rewind_steady_10min_to_end", ops: 3, hasTokioPeer: false, allocationOps: nil,
            [
                .init(.stallscope, RewindBenchmarks.backToJustBeforeTheEnd)
            ]),
        BenchmarkCase(
            "dashboard_rewind_steady_10min_to_before_middle", ops: 3, hasTokioPeer: false, allocationOps: nil,
            [
                .init(.stallscope, RewindBenchmarks.backToJustBeforeTheMiddle)
            ]),
    ]

    public static func named(_ name: String) -> BenchmarkCase? {
        cases.first { $0.name == name }
    }
}
