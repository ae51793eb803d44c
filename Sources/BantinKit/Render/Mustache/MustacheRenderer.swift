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

    mutating func run(_ program: MustacheProgram) { run(program, indentation: []) }

    /// Runs `program`, its output indented as swift-mustache indents a partial's: before a
    /// step's non-empty output that starts a line of this run's own output.
    mutating func run(_ program: MustacheProgram, indentation: [UInt8]) {
        let start = out.count
        for step in program.steps {
            let before = out.count
            switch step {
            case .text(let bytes):
                if indentation.isEmpty {
                    out.append(contentsOf: bytes)
                } else {
                    appendIndented(bytes, indentation)
                }
            case .value(let lookup, let escaped):
                write(value(lookup), escaped: escaped)
            case .section(let lookup, let body, let inverted):
                let v = value(lookup)
                if inverted {
                    if !v.isTruthy { run(body, indentation: indentation) }
                } else {
                    switch v {
                    case .views(let list):
                        for i in 0..<list.count { push(.view(list[i]), body, indentation) }
                    case .list(let items):
                        for item in items { push(item, body, indentation) }
                    case .none, .bool(false):
                        break
                    default:
                        push(v, body, indentation)
                    }
                }
            case .include(let body, let extra):
                run(body, indentation: extra.map { indentation + $0 } ?? indentation)
            case .partial(let partial, let extra):
                if let body = partial.resolved { run(body, indentation: extra.map { indentation + $0 } ?? indentation) }
            }
            if !indentation.isEmpty, out.count > before, before > start, out[before - 1] == 0x0A {
                out.insert(contentsOf: indentation, at: before)
            }
        }
    }

    /// Text with the indentation after each line ending that more text follows (swift-mustache
    /// cuts text at line endings, and indents each piece that starts a line).
    private mutating func appendIndented(_ bytes: [UInt8], _ indentation: [UInt8]) {
        var from = 0
        for (k, byte) in bytes.enumerated() where byte == 0x0A && k + 1 < bytes.count {
            out.append(contentsOf: bytes[from...k])
            out.append(contentsOf: indentation)
            from = k + 1
        }
        out.append(contentsOf: bytes[from...])
    }

    private mutating func push(_ value: MustacheValue, _ body: MustacheProgram, _ indentation: [UInt8]) {
        stack.append(value)
        run(body, indentation: indentation)
        stack.removeLast()
    }

    private func value(_ lookup: MustacheLookup) -> MustacheValue {
        switch lookup {
        case .typed(let frame, let fields):
            guard case .view(let view) = stack[frame], !fields.isEmpty else { return fields.isEmpty ? stack[frame] : .none }
            // Two names at a time: the view between them is never boxed.
            var current = fields.count == 1 ? view.value(at: fields[0]) : view.value(at: fields[0], then: fields[1])
            var k = 2
            while k < fields.count {
                guard case .view(let view) = current else { return .none }
                current = k + 1 < fields.count ? view.value(at: fields[k], then: fields[k + 1]) : view.value(at: fields[k])
                k += 2
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
            s.withUTF8 { bytes in  // escaped as swift-mustache escapes
                if escaped { HTMLEscaping.append(bytes, to: &out) } else { out.append(contentsOf: bytes) }
            }
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: String(d).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .none: return
        case .view, .views, .list, .map: return  // refused by the typed compiler; nothing on the generic path
        }
    }
}
