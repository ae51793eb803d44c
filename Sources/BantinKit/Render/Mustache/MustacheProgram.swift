import Synchronization

/// A template compiled for the views it will see: text as bytes, every name resolved to a
/// position on the context stack and field positions below it, partials and parents expanded in
/// place with their blocks filled in. Rendering walks these steps and appends bytes.
final class MustacheProgram: @unchecked Sendable {
    enum Step {
        case text([UInt8])
        case value(MustacheLookup, escaped: Bool)
        case section(MustacheLookup, MustacheProgram, inverted: Bool)
        /// A partial, parent or block, compiled for this place; its lines are indented by
        /// `indentation` on top of the caller's (nil: as the caller's).
        case include(MustacheProgram, indentation: [UInt8]?)
        /// The generic path only: a partial compiled when first rendered (it may recurse on data).
        case partial(MustacheLazyPartial, indentation: [UInt8]?)
    }

    private(set) var steps: [Step]

    init(_ steps: [Step] = []) { self.steps = steps }

    func append(_ step: Step) {
        if case .text(let bytes) = step, case .text(let previous)? = steps.last {
            steps[steps.count - 1] = .text(previous + bytes)
        } else {
            steps.append(step)
        }
    }
}

/// Where a name's value is found.
enum MustacheLookup {
    /// The frame at `frame` (0: the bottom of the stack), then fields by position.
    case typed(frame: Int, fields: [Int])
    /// `.`: the top frame itself.
    case top
    /// The generic path: by name, as the specification says (first part up the stack, the rest below it).
    case named([String])
    indirect case empty(MustacheLookup)
}

/// A partial of the generic path, compiled for the overrides and indentation of its call.
final class MustacheLazyPartial: @unchecked Sendable {
    let name: String
    let compile: () -> MustacheProgram?
    /// The compiled partial once made: several threads may render the same page at once.
    private let program = Mutex<MustacheProgram??>(nil)
    init(name: String, compile: @escaping () -> MustacheProgram?) {
        self.name = name
        self.compile = compile
    }

    var resolved: MustacheProgram? {
        program.withLock { cached in
            if let cached { return cached }
            let made = compile()
            cached = .some(made)
            return made
        }
    }
}

/// What the compiler knows of a frame of the context stack.
enum MustacheFrame: Equatable {
    case view(any ViewModel.Type)
    /// A text, number or flag pushed by a section: it has no fields.
    case scalar
    /// The generic path: anything.
    case dynamic

    static func == (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case (.view(let x), .view(let y)): ObjectIdentifier(x) == ObjectIdentifier(y)
        case (.scalar, .scalar), (.dynamic, .dynamic): true
        default: false
        }
    }
}

/// A layout mistake found while compiling, where it stands.
struct MustacheCompileError: Error, Equatable {
    /// The template's name.
    var template: String
    var position: MustachePosition
    var message: String
}
