import Yams

/// Reads typed values out of a composed YAML tree, turning every mismatch into a diagnostic at
/// the value's own line and column. Scalars are composed with Yams' basic resolver (every plain
/// scalar is text), so this type decides what counts as a number, a bool or null: it is faster
/// than the default resolver and keeps `7.575` from silently becoming a float.
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
    mutating func compose(_ text: String) -> Node? {
        if let problem = YAMLLimits.problem(in: text) {
            diagnostics.error(SourceLocation(path: path, line: problem.line + lineOffset, column: problem.column), problem.message)
            return nil
        }
        do {
            // The encoding is named: Yams' default reads the whole process environment on every
            // call, which showed in the profile of a 10k-article build.
            let node = try Yams.compose(yaml: text, .basic, .default, .utf8)
            if let node, !YAMLLimits.isWithinBudget(node) {
                diagnostics.error(SourceLocation(path: path, line: lineOffset + 1),
                                  "the YAML is too large once its aliases are expanded (over \(YAMLLimits.maxNodes) values)")
                return nil
            }
            return node
        } catch let error as YamlError {
            diagnostics.append(yamlError(error))
            return nil
        } catch {
            diagnostics.error(SourceLocation(path: path, line: lineOffset + 1), "YAML could not be read: \(error)")
            return nil
        }
    }

    func location(_ node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(path: path, line: lineOffset + 1) }
        return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
    }

    private func yamlError(_ error: YamlError) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context {
                let start = at(context.mark)
                message += " (\(context.text) that starts at line \(start.line), column \(start.column))"
            }
            return .error(at(mark), message)
        case .reader(let problem, _, _, _):
            return .error(SourceLocation(path: path, line: lineOffset + 1), "invalid YAML: \(problem)")
        default:
            return .error(SourceLocation(path: path, line: lineOffset + 1), "invalid YAML: \(error)")
        }
    }

    // MARK: Shapes

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain || s.style == .any else { return false }
        return s.string.isEmpty || s.string == "~" || s.string == "null" || s.string == "Null" || s.string == "NULL"
    }

    /// The pairs of a mapping with text keys, in document order.
    mutating func mapping(_ node: Node, _ what: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            diagnostics.error(location(node), "\(what) must be a set of `key: value` lines, found \(describe(node))")
            return nil
        }
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        for (k, v) in mapping {
            guard case .scalar(let s) = k else {
                diagnostics.error(location(k), "a key in \(what) must be a plain name, found \(describe(k))")
                continue
            }
            pairs.append((s.string, k, v))
        }
        return pairs
    }

    mutating func sequence(_ node: Node, _ field: String) -> [Node]? {
        guard case .sequence(let seq) = node else {
            diagnostics.error(location(node), "`\(field)` must be a list, found \(describe(node))")
            return nil
        }
        return Array(seq)
    }

    // MARK: Scalars

    mutating func string(_ node: Node, _ field: String, allowEmpty: Bool = false) -> String? {
        guard case .scalar(let s) = node, !(Self.isNull(node) && s.style != .singleQuoted && s.style != .doubleQuoted) else {
            if Self.isNull(node) {
                diagnostics.error(location(node), "`\(field)` is empty; expected text")
            } else {
                diagnostics.error(location(node), "`\(field)` must be text, found \(describe(node))")
            }
            return nil
        }
        let text = s.string
        if !allowEmpty && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            diagnostics.error(location(node), "`\(field)` is empty; expected text")
            return nil
        }
        return text
    }

    /// A list of strings; a single string is taken as a one-item list.
    mutating func stringList(_ node: Node, _ field: String) -> [(String, SourceLocation)]? {
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

    mutating func bool(_ node: Node, _ field: String) -> Bool? {
        if case .scalar(let s) = node, s.style == .plain || s.style == .any {
            switch s.string {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        diagnostics.error(location(node), "`\(field)` must be true or false, found \(describe(node))")
        return nil
    }

    mutating func number(_ node: Node, _ field: String) -> Number? {
        if case .scalar(let s) = node, s.style == .plain || s.style == .any, let n = Number(yaml: s.string) {
            return n
        }
        diagnostics.error(location(node), "`\(field)` must be a number (like 7575 or 29.5), found \(describe(node))")
        return nil
    }

    mutating func integer(_ node: Node, _ field: String) -> Int? {
        if case .scalar(let s) = node, s.style == .plain || s.style == .any, let n = Int(s.string) {
            return n
        }
        diagnostics.error(location(node), "`\(field)` must be a whole number, found \(describe(node))")
        return nil
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s):
            if Self.isNull(node) { return "nothing" }
            let text = s.string.count > 40 ? String(s.string.prefix(40)) + "…" : s.string
            return "`\(text)`"
        case .mapping: return "a set of `key: value` lines"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
