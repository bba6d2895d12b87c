import Runtime

/// Disk time that cannot be cut short: an fsync in progress finishes even if its caller is
/// cancelled, so the injected latency runs in a task of its own and the caller joins it.
enum DiskLatency {
    static func pass(_ duration: Duration, on runtime: any Runtime) async {
        guard duration > .zero else { return }
        await runtime.spawn("trust.disk.fsync") { try? await runtime.sleep(for: duration) }.join()
    }
}
