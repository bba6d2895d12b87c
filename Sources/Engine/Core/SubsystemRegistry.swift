/// The subsystems the engine is built from. Adding one is its folder plus one line here.
public enum SubsystemRegistry {
    public static let all: [SubsystemDescriptor] = [.cold, .relay, .listener, .accept, .trust]

    public static func descriptor(_ id: SubsystemID) -> SubsystemDescriptor {
        guard let descriptor = all.first(where: { $0.id == id }) else {
            preconditionFailure("subsystem \(id.rawValue) is declared but not registered")
        }
        return descriptor
    }

    static func index(of id: SubsystemID) -> Int {
        guard let index = all.firstIndex(where: { $0.id == id }) else {
            preconditionFailure("subsystem \(id.rawValue) is declared but not registered")
        }
        return index
    }
}
