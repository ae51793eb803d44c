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
    /// Templates that exist but did not parse (their error is told already): naming them is
    /// not a second error.
    var broken: Set<String> = []
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
            if missingIsError && !broken.contains(name) {
                errors.append(MustacheCompileError(template: name, position: MustachePosition(line: 1, column: 1), message: "there is no template `\(name)`"))
            }
            return program
        }
        let scope = Scope(template: name, stack: stack, overrides: [:], depth: 0)
        emit(nodes, scope, into: program)
        return program
    }

    // MARK: Scope

    /// A block's content as a child template gives it, with the template it was written in.
    struct Override {
        var block: MustacheBlock
        var template: String
    }

    struct Scope {
        var template: String
        var stack: [MustacheFrame]
        /// The blocks filled in from outside, by name: the outermost template's win.
        var overrides: [String: Override]
        var depth: Int
        var isDynamic: Bool { stack.contains(.dynamic) }
    }

    // MARK: Nodes

    private mutating func emit(_ nodes: [MustacheNode], _ scope: Scope, into program: MustacheProgram) {
        for node in nodes {
            switch node {
            case .text(let text):
                program.append(.text(Array(text.utf8)))
            case .variable(let name, let escaped, let position):
                guard let resolved = resolve(name, scope, position, interpolated: true) else { continue }
                program.append(.value(resolved.lookup, escaped: escaped))
            case .section(let name, let body, let inverted, let position):
                guard let resolved = resolve(name, scope, position, interpolated: false) else { continue }
                var inner = scope
                if !inverted { inner.stack.append(resolved.pushes) }
                let bodyProgram = MustacheProgram()
                emit(body, inner, into: bodyProgram)
                program.append(.section(resolved.lookup, bodyProgram, inverted: inverted))
            case .partial(let name, let indentation, let position):
                include(name, overrides: [], indentation: indentation, position, scope, into: program)
            case .parent(let name, let overrides, let indentation, let position):
                include(name, overrides: overrides, indentation: indentation, position, scope, into: program)
            case .block(let block):
                emitBlock(block, scope, into: program)
            }
        }
    }

    // MARK: Partials, parents, blocks

    private mutating func include(_ name: String, overrides: [MustacheBlock], indentation: String?, _ position: MustachePosition,
                                  _ scope: Scope, into program: MustacheProgram) {
        guard let nodes = templates[name] else {
            if missingIsError && !broken.contains(name) {
                errors.append(MustacheCompileError(template: scope.template, position: position,
                                                   message: "the template names `\(name)`, but there is no layouts/\(name).mustache"))
            }
            return
        }
        var inner = scope
        inner.template = name
        inner.depth += 1
        // The outermost template's blocks win: a child overrides its parent's overrides.
        for block in overrides where inner.overrides[block.name] == nil {
            inner.overrides[block.name] = Override(block: block, template: scope.template)
        }
        guard inner.depth <= Self.maximumDepth else {
            errors.append(MustacheCompileError(template: scope.template, position: position,
                                               message: "`\(name)` is included more than \(Self.maximumDepth) times inside itself; a page would never finish"))
            return
        }
        let indent = indentation.map { Array($0.utf8) }
        if scope.isDynamic {
            // Compiled when first rendered: the data decides how deep it goes.
            let compiler = self
            program.append(.partial(MustacheLazyPartial(name: name) {
                var c = compiler
                let body = MustacheProgram()
                c.emit(nodes, inner, into: body)
                return body
            }, indentation: indent))
            return
        }
        let body = MustacheProgram()
        emit(nodes, inner, into: body)
        program.append(.include(body, indentation: indent))
    }

    private mutating func emitBlock(_ block: MustacheBlock, _ scope: Scope, into program: MustacheProgram) {
        var inner = scope
        var nodes = block.body
        if let override = scope.overrides[block.name] {
            inner.template = override.template
            inner.depth += 1
            guard inner.depth <= Self.maximumDepth else {
                errors.append(MustacheCompileError(template: override.template, position: override.block.position,
                                                   message: "the block `\(block.name)` is filled in more than \(Self.maximumDepth) times inside itself"))
                return
            }
            nodes = override.block.body
        }
        var indentation = block.indentation
        // Filled in from outside under a standalone tag whose default content is indented: the
        // content takes that indentation (the specification's "intrinsic indentation").
        if scope.overrides[block.name] != nil, block.standalone, case .text(let first)? = block.body.first {
            let intrinsic = String(first.prefix { $0 == " " || $0 == "\t" })
            if !intrinsic.isEmpty {
                program.append(.text(Array(intrinsic.utf8)))
                indentation += intrinsic
            }
        }
        let body = MustacheProgram()
        emit(nodes, inner, into: body)
        program.append(.include(body, indentation: Array(indentation.utf8)))
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
            guard case .view(let type) = scope.stack[frame], let first = type.position(of: name.parts[0]) else { continue }
            var fields = [first]
            var kind = type.kind(at: first)
            var owner: any ViewModel.Type = type
            for part in name.parts.dropFirst() {
                guard case .view(let next) = kind else {
                    errors.append(MustacheCompileError(template: scope.template, position: position,
                                                       message: "`\(owner.fieldNames[fields.last!])` of \(owner.noun) is \(kind.description); it has no field `\(part)`"))
                    return nil
                }
                guard let index = next.position(of: part) else {
                    errors.append(unknown(part, in: [next], scope, position))
                    return nil
                }
                owner = next
                fields.append(index)
                kind = next.kind(at: index)
            }
            if interpolated {
                switch kind {
                case .view, .views, .texts:
                    errors.append(MustacheCompileError(template: scope.template, position: position,
                                                       message: "`\(name)` is \(kind.description); show what it holds with `{{#\(name)}}…{{/\(name)}}`"))
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
        // Named after the innermost view that is not the shared chrome (`site`, `t`, `page`).
        var owner: (any ViewModel.Type)?
        for type in types where ObjectIdentifier(type) != ObjectIdentifier(PageChrome.self) && ObjectIdentifier(type) != ObjectIdentifier(CardChrome.self) {
            owner = type
            break
        }
        let noun = owner?.noun ?? types.first?.noun ?? "this page"
        var message = "\(noun) has no field `\(field)`"
        if let near = Suggest.closest(to: field, in: names) {
            message += "; did you mean `\(near)`?"
        } else if let owner {
            message += "; it has \(owner.fieldNames.joined(separator: ", ")) (`bantin fields` lists every page's)"
        }
        return MustacheCompileError(template: scope.template, position: position, message: message)
    }
}
