/// Reads typed values out of a composed YAML tree, turning every mismatch into a diagnostic at
/// the value's own line and column. Every scalar is composed as text (`YAMLComposer`), so this
/// type decides what counts as a number, a bool or null: `7.575` never silently becomes a float.
struct YAMLReader {
    let path: String
    /// Lines before the YAML text in its file (1 for front-matter after the opening `---`).
    let lineOffset: Int
    var diagnostics = Diagnostics()

    init(path: String, lineOffset: Int) {
        self.path = path
        self.lineOffset = lineOffset
    }

    /// Composes `text`; a syntax error becomes a diagnostic and the result is nil.
    mutating func compose(_ text: String) -> YAMLNode? {
        if let problem = YAMLLimits.problem(in: text) {
            diagnostics.error(SourceLocation(path: path, line: problem.line + lineOffset, column: problem.column), problem.message)
            return nil
        }
        switch YAMLComposer.compose(text) {
        case .success(let node):
            return node
        case .failure(let problem):
            var message = problem.message
            if problem.isSyntax {
                message = "invalid YAML: " + YAMLMessages.human(problem.message, context: problem.context,
                                                                contextLine: problem.contextMark.map { $0.line + lineOffset }, at: problem.mark, in: text)
            }
            diagnostics.error(at(problem.mark), message)
            return nil
        }
    }

    private func at(_ mark: YAMLMark) -> SourceLocation {
        SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
    }

    func location(_ node: YAMLNode) -> SourceLocation { at(node.mark) }

    // MARK: Shapes

    static func isNull(_ node: YAMLNode) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain else { return false }
        return s.string.isEmpty || s.string == "~" || s.string == "null" || s.string == "Null" || s.string == "NULL"
    }

    /// The pairs of a mapping with text keys, in document order.
    mutating func mapping(_ node: YAMLNode, _ what: String) -> [(key: String, keyYAMLNode: YAMLNode, value: YAMLNode)]? {
        guard case .mapping(let mapping, _) = node else {
            diagnostics.error(location(node), "\(what) must be a set of `key: value` lines, found \(describe(node))")
            return nil
        }
        var pairs: [(key: String, keyYAMLNode: YAMLNode, value: YAMLNode)] = []
        for (k, v) in mapping {
            guard case .scalar(let s) = k else {
                diagnostics.error(location(k), "a key in \(what) must be a plain name, found \(describe(k))")
                continue
            }
            pairs.append((s.string, k, v))
        }
        return pairs
    }

    mutating func sequence(_ node: YAMLNode, _ field: String) -> [YAMLNode]? {
        guard case .sequence(let seq, _) = node else {
            diagnostics.error(location(node), "`\(field)` must be a list, found \(describe(node))")
            return nil
        }
        return Array(seq)
    }

    // MARK: Scalars

    mutating func string(_ node: YAMLNode, _ field: String, allowEmpty: Bool = false) -> String? {
        guard case .scalar(let s) = node, !(Self.isNull(node) && s.style != .singleQuoted && s.style != .doubleQuoted) else {
            if Self.isNull(node) {
                diagnostics.error(location(node), "`\(field)` is empty; expected text")
            } else {
                diagnostics.error(location(node), "`\(field)` must be text, found \(describe(node))")
            }
            return nil
        }
        let text = s.string
        if !allowEmpty && text.isBlank {
            diagnostics.error(location(node), "`\(field)` is empty; expected text")
            return nil
        }
        return text
    }

    /// A list of strings; a single string is taken as a one-item list.
    mutating func stringList(_ node: YAMLNode, _ field: String) -> [(String, SourceLocation)]? {
        if case .scalar = node {
            guard let s = string(node, field) else { return nil }
            return [(s, location(node))]
        }
        guard let items = sequence(node, field) else { return nil }
        var out: [(String, SourceLocation)] = []
        for item in items {
            if let s = string(item, "\(field)` item `") { out.append((s, location(item))) }
        }
        return out
    }

    mutating func bool(_ node: YAMLNode, _ field: String) -> Bool? {
        if case .scalar(let s) = node, s.style == .plain {
            switch s.string {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        diagnostics.error(location(node), "`\(field)` must be true or false, found \(describe(node))")
        return nil
    }

    mutating func number(_ node: YAMLNode, _ field: String) -> Number? {
        if case .scalar(let s) = node, s.style == .plain, let n = Number(yaml: s.string) {
            return n
        }
        diagnostics.error(location(node), "`\(field)` must be a number (like 7575 or 29.5), found \(describe(node))")
        return nil
    }

    mutating func integer(_ node: YAMLNode, _ field: String) -> Int? {
        if case .scalar(let s) = node, s.style == .plain, let n = Int(s.string) {
            return n
        }
        diagnostics.error(location(node), "`\(field)` must be a whole number, found \(describe(node))")
        return nil
    }

    func describe(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let s):
            if Self.isNull(node) { return "nothing" }
            let text = s.string.count > 40 ? String(s.string.prefix(40)) + "…" : s.string
            return "`\(text)`"
        case .mapping: return "a set of `key: value` lines"
        case .sequence: return "a list"
        }
    }
}
