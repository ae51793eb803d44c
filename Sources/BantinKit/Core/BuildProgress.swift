import Synchronization

/// How far a build has got, for a progress line: the stage and how many of its items are done.
/// The build advances it from any thread; a reader (the command line's progress line) looks at
/// it from another.
public final class BuildProgress: Sendable {
    public struct State: Sendable, Equatable {
        public var stage: String
        public var done: Int
        public var total: Int
    }

    private let state = Mutex(State(stage: "", done: 0, total: 0))

    public init() {}

    public var current: State { state.withLock { $0 } }

    func start(_ stage: String, total: Int) {
        state.withLock { $0 = State(stage: stage, done: 0, total: total) }
    }

    func advance() {
        state.withLock { $0.done += 1 }
    }
}
