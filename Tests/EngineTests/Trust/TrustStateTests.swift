import Engine
import Runtime
import Testing

@Suite struct TrustStateTests {
    let limits = TrustLimits.incident
    let t0 = RuntimeInstant.start

    func request(_ id: String, source: String? = "net-0") -> TrustMutation {
        .request(nodeId: id, publicKey: "key-\(id)", justification: nil, source: source)
    }

    @Test func pendingIsBoundedPerSourceAndInTotal() {
        var state = TrustState()
        for index in 0..<limits.pendingPerSourceLimit {
            #expect(state.apply(request("a\(index)"), at: t0, limits: limits) == .changed)
        }
        #expect(state.apply(request("a-extra"), at: t0, limits: limits) == .refused(.pendingPerSourceLimit))
        var source = 1
        while state.pending.count < limits.pendingTotalLimit {
            for index in 0..<limits.pendingPerSourceLimit where state.pending.count < limits.pendingTotalLimit {
                _ = state.apply(request("s\(source)-\(index)", source: "net-\(source)"), at: t0, limits: limits)
            }
            source += 1
        }
        #expect(
            state.apply(request("fresh", source: "elsewhere"), at: t0, limits: limits) == .refused(.pendingTotalLimit))
        #expect(state.pending.count == 256)
        #expect(state.checkInvariants(limits: limits) == nil)
    }

    @Test func everyMutationPathChangesOrReportsWhyNot() {
        var state = TrustState()
        #expect(state.apply(request("p"), at: t0, limits: limits) == .changed)
        #expect(state.apply(request("p"), at: t0, limits: limits) == .unchanged)
        #expect(state.apply(.approve(nodeId: "p", network: "lan"), at: t0, limits: limits) == .changed)
        #expect(
            state.trusted["p"]
                == TrustedPeer(nodeId: "p", publicKey: "key-p", approvedAt: t0, mutual: false, network: "lan"))
        #expect(state.apply(.approve(nodeId: "p", network: "lan"), at: t0, limits: limits) == .unchanged)
        #expect(state.apply(.markMutual(nodeId: "p"), at: t0, limits: limits) == .changed)
        #expect(state.apply(.markMutual(nodeId: "p"), at: t0, limits: limits) == .unchanged)
        #expect(state.apply(.approve(nodeId: "ghost", network: nil), at: t0, limits: limits) == .refused(.notPending))
        #expect(state.apply(.reject(nodeId: "ghost"), at: t0, limits: limits) == .refused(.notPending))
        #expect(state.apply(request("q"), at: t0, limits: limits) == .changed)
        #expect(state.apply(.reject(nodeId: "q"), at: t0, limits: limits) == .changed)
        #expect(state.apply(.accept(nodeId: "r", publicKey: "kr", network: nil), at: t0, limits: limits) == .changed)
        #expect(
            state.apply(.accept(nodeId: "r", publicKey: "kr", network: nil), at: t0, limits: limits) == .changed,
            "second accept: mutual")
        #expect(state.trusted["r"]?.mutual == true)
        #expect(state.apply(.untrust(nodeId: "r"), at: t0, limits: limits) == .changed)
        #expect(state.apply(.untrust(nodeId: "r"), at: t0, limits: limits) == .refused(.notTrusted))

        #expect(state.apply(.revoke(nodeId: "p", period: .seconds(10)), at: t0, limits: limits) == .changed)
        #expect(!state.isTrusted("p"))
        #expect(state.apply(.revoke(nodeId: "p", period: .seconds(5)), at: t0, limits: limits) == .unchanged)
        #expect(state.apply(request("p"), at: t0.advanced(by: .seconds(9)), limits: limits) == .refused(.revoked))
        #expect(
            state.apply(.accept(nodeId: "p", publicKey: "k", network: nil), at: t0, limits: limits)
                == .refused(.revoked))
        #expect(state.apply(.expire, at: t0.advanced(by: .seconds(9)), limits: limits) == .unchanged)
        #expect(state.apply(.expire, at: t0.advanced(by: .seconds(10)), limits: limits) == .changed)
        #expect(state.revoked.isEmpty)
        #expect(state.checkInvariants(limits: limits) == nil)
    }

    @Test func stalePendingRequestsExpire() {
        var state = TrustState()
        _ = state.apply(request("old"), at: t0, limits: limits)
        _ = state.apply(request("new"), at: t0.advanced(by: .seconds(30)), limits: limits)
        #expect(state.apply(.expire, at: t0.advanced(by: limits.pendingTimeout), limits: limits) == .changed)
        #expect(state.pending.keys.sorted() == ["new"])
    }

    @Test func theFileRoundTripsByteForByte() throws {
        var state = TrustState()
        _ = state.apply(request("b"), at: t0, limits: limits)
        _ = state.apply(.accept(nodeId: "a", publicKey: "ka", network: "lan"), at: t0, limits: limits)
        _ = state.apply(.revoke(nodeId: "c", period: .seconds(3)), at: t0, limits: limits)
        let file = TrustFile(sequence: 3, state: state)
        let decoded = try TrustFile.decode(file.encoded())
        #expect(decoded == file)
        #expect(decoded.encoded() == file.encoded(), "sorted keys: the same state, the same bytes")
        #expect(throws: TrustFileError.self) { try TrustFile.decode(file.encoded().prefix(40)) }
    }
}
