/// The partials (`{{> name}}`) and parents (`{{< name}}`) a parsed template names, each with
/// where it stands and whether it sits inside a section, so that it renders only for some data.
struct TemplateReference: Equatable {
    var name: String
    var line: Int
    var column: Int
    /// Inside `{{#…}}` or `{{^…}}`: rendered or not depending on the page's data.
    var conditional: Bool
    /// `{{< name}}` rather than `{{> name}}`.
    var isParent: Bool

    /// Every reference of `nodes`, in order. Dynamic names (`{{>*name}}`) are left out.
    static func all(in nodes: [MustacheNode], conditional: Bool = false) -> [TemplateReference] {
        var out: [TemplateReference] = []
        for node in nodes {
            switch node {
            case .text, .variable:
                continue
            case .section(_, let body, _, _):
                out += all(in: body, conditional: true)
            case .partial(let name, _, let at) where !name.hasPrefix("*"):
                out.append(TemplateReference(name: name, line: at.line, column: at.column, conditional: conditional, isParent: false))
            case .partial:
                continue
            case .parent(let name, let overrides, _, let at):
                if !name.hasPrefix("*") {
                    out.append(TemplateReference(name: name, line: at.line, column: at.column, conditional: conditional, isParent: true))
                }
                for block in overrides { out += all(in: block.body, conditional: conditional) }
            case .block(let block):
                out += all(in: block.body, conditional: conditional)
            }
        }
        return out
    }

    /// Whether `nodes` name a partial or parent by a dynamic name (`{{>*name}}`), which any
    /// template may then be.
    static func hasDynamic(_ nodes: [MustacheNode]) -> Bool {
        nodes.contains { node in
            switch node {
            case .text, .variable: false
            case .section(_, let body, _, _): hasDynamic(body)
            case .partial(let name, _, _): name.hasPrefix("*")
            case .parent(let name, let overrides, _, _): name.hasPrefix("*") || overrides.contains { hasDynamic($0.body) }
            case .block(let block): hasDynamic(block.body)
            }
        }
    }

    /// For each template, a digest of its text and of every template it includes, directly or
    /// through others: a page needs rendering again when its template's digest changed. A
    /// template with a dynamic partial counts every template.
    static func closureDigests(_ references: [String: [TemplateReference]], dynamic: Set<String>, sources: [String: String]) -> [String: UInt64] {
        var out: [String: UInt64] = [:]
        for name in sources.keys {
            var seen: Set<String> = [name], stack = [name]
            while let next = stack.popLast() {
                if dynamic.contains(next) { seen = Set(sources.keys); break }
                for ref in references[next] ?? [] where seen.insert(ref.name).inserted { stack.append(ref.name) }
            }
            var key = KeyHasher()
            for member in seen.sorted() {
                key.add(member)
                key.add(sources[member] ?? "")
            }
            out[name] = key.value
        }
        return out
    }

    /// The cycles among `templates` (name → its references): each once, as the names around it
    /// from the template whose reference closes it, with that reference.
    static func cycles(_ templates: [String: [TemplateReference]]) -> [(path: [String], closing: TemplateReference)] {
        var found: [(path: [String], closing: TemplateReference)] = []
        var seen = Set<[String]>()
        var done = Set<String>()
        func visit(_ name: String, _ stack: [String]) {
            guard !done.contains(name) else { return }
            for reference in templates[name] ?? [] where templates[reference.name] != nil {
                if let start = stack.firstIndex(of: reference.name) {
                    let path = Array(stack[start...]) + [name]
                    let key = path.sorted()
                    if seen.insert(key).inserted { found.append((path + [reference.name], reference)) }
                } else if reference.name == name {
                    if seen.insert([name]).inserted { found.append(([name, name], reference)) }
                } else {
                    visit(reference.name, stack + [name])
                }
            }
            done.insert(name)
        }
        for name in templates.keys.sorted() { visit(name, []) }
        return found
    }
}
