import Histogram
import Runtime
import Testing

@testable import Engine

/// The one-walk percentiles must be exactly what the histogram library computes: run reports
/// (and so the determinism and replay digests) print them.
@Suite struct LatencyRecorderTests {
    @Test func oneWalkPercentilesMatchTheLibrary() {
        let random = RandomSource(seed: 11)
        for round in 0..<40 {
            var histogram = Histogram<UInt64>(
                highestTrackableValue: UInt64(LatencyRecorder.highestTrackable.nanoseconds))
            let samples = 1 + random.int(in: 0...(round % 3 == 0 ? 3 : 2_000))
            for _ in 0..<samples {
                // Spread over nanoseconds to minutes, with repeats and zeros.
                let magnitude = random.int(in: 0...11)
                var value = UInt64(random.int(in: 0...9)) * UInt64(pow10(magnitude))
                if random.chance(0.05) { value = 0 }
                histogram.record(value)
            }
            let percentiles: [Double] = [50, 99, 0.1, 99.999]
            let expected = percentiles.map { histogram.valueAtPercentile($0) }
            #expect(LatencyRecorder.values(atPercentiles: percentiles, of: histogram) == expected, "round \(round)")
        }
    }

    @Test func summaryReadsWhatWasRecorded() {
        let recorder = LatencyRecorder()
        #expect(recorder.summary == .empty)
        for milliseconds in 1...100 { recorder.record(.milliseconds(milliseconds)) }
        let summary = recorder.summary
        #expect(summary.count == 100)
        #expect(abs((summary.p50 - .milliseconds(50)).seconds) < 0.001)
        #expect(abs((summary.p99 - .milliseconds(99)).seconds) < 0.001)
        #expect(summary.max >= .milliseconds(100))
    }

    private func pow10(_ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }
}
