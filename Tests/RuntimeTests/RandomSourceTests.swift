import Runtime
import Testing

@Suite struct RandomSourceTests {
    @Test func sameSeedSameSequenceAndForksAreIndependent() {
        let a = RandomSource(seed: 42)
        let b = RandomSource(seed: 42)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })

        // Drawing more from one fork does not shift another.
        let first = RandomSource(seed: 7)
        let second = RandomSource(seed: 7)
        _ = (0..<50).map { _ in first.fork("cold").next() }
        #expect(first.fork("trust").next() == second.fork("trust").next())
        #expect(first.fork("cold").next() != first.fork("trust").next())
    }

    @Test func drawsStayInTheirRanges() {
        let random = RandomSource(seed: 3)
        for _ in 0..<1_000 {
            #expect((5..<9).contains(random.int(in: 5..<9)))
            let unit = random.unit()
            #expect(unit >= 0 && unit < 1)
            #expect(random.exponential(mean: .milliseconds(10)) >= .zero)
        }
        let mean = (0..<10_000).map { _ in random.exponential(mean: .milliseconds(10)).seconds }.reduce(0, +) / 10_000
        #expect(abs(mean - 0.010) < 0.001)
    }
}
