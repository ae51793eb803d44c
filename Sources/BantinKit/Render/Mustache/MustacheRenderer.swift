/// Runs a compiled template over a stack of values, appending bytes. The typed path reads
/// fields by position; only the generic path looks names up.
struct MustacheRenderer {
    var stack: [MustacheValue]
    var out: [UInt8] = []

    init(root: MustacheValue, capacity: Int = 16 * 1024) {
        stack = [root]
        out.reserveCapacity(capacity)
    }

    init(stack: [MustacheValue], capacity: Int = 16 * 1024) {
        self.stack = stack
        out.reserveCapacity(capacity)
    }

    mutating func run(_ program: MustacheProgram) {
        for step in program.steps {
            switch step {
            case .text(let bytes):
                out.append(contentsOf: bytes)
            case .value(let lookup, let escaped):
                write(value(lookup), escaped: escaped)
            case .section(let lookup, let body, let inverted):
                let v = value(lookup)
                if inverted {
                    if !v.isTruthy { run(body) }
                    continue
                }
                switch v {
                case .views(let list):
                    for i in 0..<list.count { push(.view(list[i]), body) }
                case .list(let items):
                    for item in items { push(item, body) }
                case .none, .bool(false):
                    continue
                default:
                    push(v, body)
                }
            case .partial(let partial):
                if let program = partial.resolved { run(program) }
            }
        }
    }

    private mutating func push(_ value: MustacheValue, _ body: MustacheProgram) {
        stack.append(value)
        run(body)
        stack.removeLast()
    }

    private func value(_ lookup: MustacheLookup) -> MustacheValue {
        switch lookup {
        case .typed(let frame, let fields):
            var current = stack[frame]
            for index in fields {
                guard case .view(let view) = current else { return .none }
                current = view.value(at: index)
            }
            return current
        case .top:
            return stack.last ?? .none
        case .named(let parts):
            return named(parts)
        case .empty(let inner):
            switch value(inner) {
            case .views(let l): return .bool(l.count == 0)
            case .list(let l): return .bool(l.isEmpty)
            case .string(let s): return .bool(s.isEmpty)
            default: return .none
            }
        }
    }

    /// The specification's rule: the first part from the innermost frame that has it, the rest
    /// below that value only.
    private func named(_ parts: [String]) -> MustacheValue {
        var current: MustacheValue = .none
        var found = false
        for frame in stack.reversed() {
            if case .map(let map) = frame, let v = map[parts[0]] {
                current = v
                found = true
                break
            }
        }
        guard found else { return .none }
        for part in parts.dropFirst() {
            guard case .map(let map) = current, let v = map[part] else { return .none }
            current = v
        }
        return current
    }

    private mutating func write(_ value: MustacheValue, escaped: Bool) {
        switch value {
        case .string(let s):
            var s = s
            s.withUTF8 { escaped ? Self.appendEscaped($0, to: &out) : out.append(contentsOf: $0) }
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: String(d).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .none: return
        case .view, .views, .list, .map: return  // refused by the typed compiler; nothing on the generic path
        }
    }

    /// `& < > " '` escaped for HTML, as swift-mustache escapes them.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        for i in 0..<bytes.count {
            let entity: StaticString
            switch bytes[i] {
            case 0x26: entity = "&amp;"
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x22: entity = "&quot;"
            case 0x27: entity = "&#39;"
            default: continue
            }
            if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
            entity.withUTF8Buffer { out.append(contentsOf: $0) }
            start = i + 1
        }
        if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
    }
}
