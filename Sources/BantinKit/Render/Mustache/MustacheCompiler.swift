/// Compiles parsed templates for the context stack they will render with. On the typed path
/// every name is resolved here against the views' field tables, and a name no view on the stack
/// has is an error with a suggestion; partials and parents are compiled in place for the stack
/// where they are called, with their blocks filled in and their lines indented. On the generic
/// path (the specification's JSON data) names stay names, and partials are compiled when first
/// rendered, since they may recurse on the data.
struct MustacheCompiler {
    let templates: [String: [MustacheNode]]
    /// A missing partial or parent: an error (layouts) or nothing (the specification's rule).
    let missingIsError: Bool
    private(set) var errors: [MustacheCompileError] = []

    /// How deep partials and parents may nest: a layout that recursed past this is an error.
    static let maximumDepth = 48

    init(templates: [String: [MustacheNode]], missingIsError: Bool) {
        self.templates = templates
        self.missingIsError = missingIsError
    }

    /// `name` compiled for a stack whose frames are `stack` (bottom first).
    mutating func compile(_ name: String, stack: [MustacheFrame]) -> MustacheProgram {
        let program = MustacheProgram()
        guard let nodes = templates[name] else {
            if missingIsError { errors.append(MustacheCompileError(template: name, position: MustachePosition(line: 1, column: 1), message: "there is no template `\(name)`")) }
            return program
        }
        var scope = Scope(template: name, stack: stack, overrides: [:], transforms: [], depth: 0)
        var atLineStart = true
        emit(nodes, &scope, &atLineStart, into: program)
        return program
    }

    // MARK: Scope

    /// A block's content as a child template gives it, with what it was written under.
    struct Override {
        var block: MustacheBlock
        var template: String
    }

    /// What changes how a line is written: strip a prefix, then add one (a partial's indentation,
    /// a block's re-indentation).
    struct LineTransform {
        var strip: String
        var add: String
    }

    struct Scope {
        var template: String
        var stack: [MustacheFrame]
        var overrides: [String: Override]
        /// Outermost first.
        var transforms: [LineTransform]
        var depth: Int
        var isDynamic: Bool { stack.contains(.dynamic) }
    }

    // MARK: Nodes

    private mutating func emit(_ nodes: [MustacheNode], _ scope: inout Scope, _ atLineStart: inout Bool, into program: MustacheProgram) {
        for node in nodes {
            switch node {
            case .text(let text):
                emitText(text, scope, &atLineStart, into: program)
            case .variable(let name, let escaped, let position):
                emitLinePrefix(scope, &atLineStart, into: program)
                guard let lookup = resolve(name, scope, position, interpolated: true) else { continue }
                program.append(.value(lookup.lookup, escaped: escaped))
            case .section(let name, let body, let inverted, let position):
                guard let lookup = resolve(name, scope, position, interpolated: false) else { continue }
                var inner = scope
                if !inverted { inner.stack.append(lookup.pushes) }
                let bodyProgram = MustacheProgram()
                emit(body, &inner, &atLineStart, into: bodyProgram)
                program.append(.section(lookup.lookup, bodyProgram, inverted: inverted))
            case .partial(let name, let indentation, let position):
                include(name, overrides: [], indentation: indentation, position, scope, &atLineStart, into: program)
            case .parent(let name, let overrides, let indentation, let position):
                include(name, overrides: overrides, indentation: indentation, position, scope, &atLineStart, into: program)
            case .block(let block):
                emitBlock(block, scope, &atLineStart, into: program)
            }
        }
    }

    private mutating func emitText(_ text: String, _ scope: Scope, _ atLineStart: inout Bool, into program: MustacheProgram) {
        guard !scope.transforms.isEmpty else {
            program.append(.text(Array(text.utf8)))
            if let last = text.utf8.last { atLineStart = last == 0x0A }
            return
        }
        var out = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            let lineEnd = rest.firstIndex(of: "\n").map { rest.index(after: $0) } ?? rest.endIndex
            var line = rest[..<lineEnd]
            rest = rest[lineEnd...]
            if atLineStart { line = Substring(Self.transformed(line, scope.transforms)) }
            out += line
            atLineStart = line.hasSuffix("\n")
        }
        program.append(.text(Array(out.utf8)))
    }

    /// What a line start gets before a tag's output: the transforms applied to nothing.
    private func emitLinePrefix(_ scope: Scope, _ atLineStart: inout Bool, into program: MustacheProgram) {
        defer { atLineStart = false }
        guard atLineStart, !scope.transforms.isEmpty else { return }
        let prefix = Self.transformed("", scope.transforms)
        if !prefix.isEmpty { program.append(.text(Array(prefix.utf8))) }
    }

    /// A line with the innermost transform applied first.
    private static func transformed(_ line: Substring, _ transforms: [LineTransform]) -> String {
        var line = String(line)
        for t in transforms.reversed() {
            if !t.strip.isEmpty, line.hasPrefix(t.strip) { line.removeFirst(t.strip.count) }
            line = t.add + line
        }
        return line
    }

    // MARK: Partials, parents, blocks

    private mutating func include(_ name: String, overrides: [MustacheBlock], indentation: String, _ position: MustachePosition,
                                  _ scope: Scope, _ atLineStart: inout Bool, into program: MustacheProgram) {
        guard let nodes = templates[name] else {
            if missingIsError {
                errors.append(MustacheCompileError(template: scope.template, position: position,
                                                   message: "the template names `\(name)`, but there is no layouts/\(name).mustache"))
            }
            return
        }
        var inner = scope
        inner.template = name
        inner.depth += 1
        // The outermost template's blocks win: a child overrides its parent's overrides.
        for block in overrides where inner.overrides[block.name] == nil || scope.overrides[block.name] == nil {
            if scope.overrides[block.name] == nil { inner.overrides[block.name] = Override(block: block, template: scope.template) }
        }
        if !indentation.isEmpty { inner.transforms.append(LineTransform(strip: "", add: indentation)) }
        guard inner.depth <= Self.maximumDepth else {
            errors.append(MustacheCompileError(template: scope.template, position: position,
                                               message: "`\(name)` is included more than \(Self.maximumDepth) times inside itself; a page would never finish"))
            return
        }
        if scope.isDynamic {
            // Compiled when first rendered: the data decides how deep it goes.
            let compiler = self
            let captured = inner
            let start = atLineStart
            program.append(.partial(MustacheLazyPartial(name: name) {
                var c = compiler
                var s = captured
                var lineStart = start
                let body = MustacheProgram()
                c.emit(nodes, &s, &lineStart, into: body)
                return body
            }))
            atLineStart = false
            return
        }
        emit(nodes, &inner, &atLineStart, into: program)
    }

    private mutating func emitBlock(_ block: MustacheBlock, _ scope: Scope, _ atLineStart: inout Bool, into program: MustacheProgram) {
        guard let override = scope.overrides[block.name] else {
            var inner = scope
            emit(block.body, &inner, &atLineStart, into: program)
            return
        }
        var inner = scope
        inner.template = override.template
        inner.depth += 1
        guard inner.depth <= Self.maximumDepth else {
            errors.append(MustacheCompileError(template: override.template, position: override.block.position,
                                               message: "the block `\(block.name)` is filled in more than \(Self.maximumDepth) times inside itself"))
            return
        }
        // Re-indented: the override's own indentation gives way to the block's, which is that of
        // its default content, else the white space before the block's tag.
        let target = Self.leadingWhitespace(block.body) ?? block.lineIndentation ?? ""
        let own = Self.leadingWhitespace(override.block.body) ?? ""
        if target != own { inner.transforms.append(LineTransform(strip: own, add: target)) }
        emit(override.block.body, &inner, &atLineStart, into: program)
    }

    /// The white space that starts the first line of `nodes`, when they start with text.
    private static func leadingWhitespace(_ nodes: [MustacheNode]) -> String? {
        guard case .text(let text)? = nodes.first else { return nil }
        return String(text.prefix { $0 == " " || $0 == "\t" })
    }

    // MARK: Names

    struct Resolved {
        var lookup: MustacheLookup
        /// The frame a section over it pushes.
        var pushes: MustacheFrame
    }

    private mutating func resolve(_ name: MustacheName, _ scope: Scope, _ position: MustachePosition, interpolated: Bool) -> Resolved? {
        if let transform = name.transform {
            guard transform == "empty" else {
                errors.append(MustacheCompileError(template: scope.template, position: position,
                                                   message: "`\(transform)(…)` is not something Bantin's templates can do; only `empty(…)` is"))
                return nil
            }
            guard let inner = resolve(MustacheName(parts: name.parts), scope, position, interpolated: false) else { return nil }
            return Resolved(lookup: .empty(inner.lookup), pushes: .scalar)
        }
        if name.parts == ["."] { return Resolved(lookup: .top, pushes: scope.stack.last ?? .dynamic) }
        if scope.isDynamic { return Resolved(lookup: .named(name.parts), pushes: .dynamic) }
        for frame in scope.stack.indices.reversed() {
            guard case .view(let type) = scope.stack[frame], let first = type.fieldNames.firstIndex(of: name.parts[0]) else { continue }
            var fields = [first]
            var kind = type.fieldKinds[first]
            var owner: any ViewModel.Type = type
            for part in name.parts.dropFirst() {
                guard case .view(let next) = kind else {
                    errors.append(MustacheCompileError(template: scope.template, position: position,
                                                       message: "`\(owner.fieldNames[fields.last!])` of \(owner.noun) is a \(kind.description); it has no field `\(part)`"))
                    return nil
                }
                guard let index = next.fieldNames.firstIndex(of: part) else {
                    errors.append(unknown(part, in: [next], scope, position))
                    return nil
                }
                owner = next
                fields.append(index)
                kind = next.fieldKinds[index]
            }
            if interpolated {
                switch kind {
                case .view, .views, .texts:
                    errors.append(MustacheCompileError(template: scope.template, position: position,
                                                       message: "`\(name)` is a \(kind.description); show what it holds with `{{#\(name)}}…{{/\(name)}}`"))
                    return nil
                default: break
                }
            }
            let pushes: MustacheFrame = switch kind {
            case .view(let t), .views(let t): .view(t)
            default: .scalar
            }
            return Resolved(lookup: .typed(frame: frame, fields: fields), pushes: pushes)
        }
        let visible = scope.stack.compactMap { frame -> (any ViewModel.Type)? in if case .view(let t) = frame { t } else { nil } }
        errors.append(unknown(name.parts[0], in: visible.reversed(), scope, position))
        return nil
    }

    private func unknown(_ field: String, in types: [any ViewModel.Type], _ scope: Scope, _ position: MustachePosition) -> MustacheCompileError {
        var names: [String] = []
        for type in types { names += type.fieldNames }
        let noun = types.isEmpty ? "this page" : types[0].noun
        var message = "\(noun) has no field `\(field)`"
        if let near = Suggest.closest(to: field, in: names) {
            message += "; did you mean `\(near)`?"
        } else if !types.isEmpty {
            message += "; it has \(types[0].fieldNames.joined(separator: ", ")) (see `bantin fields`)"
        }
        return MustacheCompileError(template: scope.template, position: position, message: message)
    }
}
