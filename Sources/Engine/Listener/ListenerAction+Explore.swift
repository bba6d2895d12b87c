import Runtime

extension ListenerAction {
    public static func drawn(using random: inout Xoshiro256) -> ListenerAction {
        let on = random.chance(0.75)
        return random.chance(0.5) ? .wedgeListenerSlot(on) : .stallNatConsumer(on)
    }

    public var simpler: [ListenerAction] { [] }
}
