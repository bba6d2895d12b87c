import Backpressure
import Dashboard
import DashboardModel
import Engine
import Foundation
import Runtime
import Scenarios
import Testing

@testable import DashboardHost

/// The app loop over a `CompareHost` on a `TestBackend`: the compare screen drawn from both
/// sides' frames, a key reaching both, a resize stacking the sides, the help, and `q`. Waits are
/// on screen conditions with a deadline, never a fixed sleep.
@Suite struct CompareAppLiveTests {
    final class Session: @unchecked Sendable {
        // @unchecked: `app` is touched only by the loop's thread once it started; `exit` is locked.
        let backend = TestBackend(width: 200, height: 50)
        private let app: DashboardApp
        private let exit = LockedState<DashboardApp.Exit?>(nil)
        private let done = DispatchSemaphore(value: 0)

        init(host: CompareHost) {
            app = DashboardApp(
                host: host,
                options: DashboardOptions(framesPerSecond: 10, theme: .dark, catalog: ThemeCatalog(directories: [])))
            let thread = Thread { [self] in
                let result = app.run(on: backend)
                exit.withLock { $0 = result }
                done.signal()
            }
            thread.start()
        }

        func result() -> DashboardApp.Exit? {
            guard done.wait(timeout: .now() + .seconds(30)) == .success else { return nil }
            return exit.withLock { $0 }
        }
    }

    @Test func theCompareScreenShowsTheSidesDiverge() throws {
        let session = Session(host: try CompareHostTests.compareHost(CompareHostTests.cases[0], speed: 32))
        let backend = session.backend
        try #require(
            backend.waitForScreen {
                $0.count > 1 && $0[1].contains(" A   HEALTHY") && $0[1].contains(" B   HEALTHY")
            }, "both sides side by side at 200x50")
        #expect(backend.lines[0].contains("policy cold=semaphore vs fixed"))
        #expect(backend.lines.last!.contains("g policy off"), "g is off, and the footer says so")
        backend.type("g")
        #expect(backend.waitFor("g is off while comparing"), "pressed, it says why in the status line")
        #expect(backend.lines[0].contains("policy cold=semaphore vs fixed"), "nothing restarted")
        backend.type("s")
        #expect(
            backend.waitForScreen(timeout: .seconds(60)) {
                $0[1].contains(" A   STALLED   1 warning") && $0[1].contains(" B   HEALTHY")
            }, "after s the semaphore side stalls, fixed holds")
        backend.resize(width: 120, height: 40)
        #expect(
            backend.waitForScreen { lines in
                lines.count == 40 && lines[1].hasPrefix(" A   STALLED")
                    && lines.contains { $0.hasPrefix(" B   HEALTHY") }
            }, "120x40 stacks the sides")
        backend.type("?")
        #expect(backend.waitFor("every key acts on both at the same virtual instant"))
        backend.send(.escape)
        backend.type("q")
        #expect(session.result() == .quit)
    }
}
