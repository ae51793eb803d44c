import CYaml

/// A YAML value as Bantin reads it: scalars stay text (this layer decides nothing about numbers,
/// bools or dates; `YAMLReader` does, so `7.575` never silently becomes a float), and every value
/// keeps the line and column it starts at.
indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case mapping([(key: YAMLNode, value: YAMLNode)], YAMLMark)
    case sequence([YAMLNode], YAMLMark)

    var mark: YAMLMark {
        switch self {
        case .scalar(let s): s.mark
        case .mapping(_, let m), .sequence(_, let m): m
        }
    }
}

struct YAMLScalar: Sendable {
    enum Style: Sendable { case plain, singleQuoted, doubleQuoted, literal, folded }
    var string: String
    var style: Style
    var mark: YAMLMark
}

/// 1-based, relative to the YAML text (not its file).
struct YAMLMark: Sendable, Equatable {
    var line: Int
    var column: Int
}

/// What went wrong reading YAML text, at its place in the text.
struct YAMLProblem: Error, Equatable {
    var mark: YAMLMark
    var message: String
    /// libyaml's "while parsing a flow sequence" and where that began.
    var context: String? = nil
    var contextMark: YAMLMark? = nil
    /// libyaml's own words (`message` is its problem), for `YAMLMessages` to say for people.
    var isSyntax = false
}

/// Builds `YAMLNode`s straight from libyaml's events (the C library Yams bundles). Yams' own
/// composer builds class-backed nodes with tags and a resolver; this keeps only what Bantin reads
/// and was the largest part of parsing an article's front-matter. Aliases share their anchor's
/// node, and the values they would expand to are counted as they are met, so an alias bomb is
/// refused before anything walks it.
struct YAMLComposer: ~Copyable {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    /// Values composed so far, aliases counted at their expanded size.
    private var size = 0
    private let maxNodes: Int
    private let maxDepth: Int

    /// Composes the single document of `text`: nil when the text holds no document.
    static func compose(_ text: String, maxNodes: Int = YAMLLimits.maxNodes, maxDepth: Int = YAMLLimits.maxDepth) -> Result<YAMLNode?, YAMLProblem> {
        var text = text
        return text.withUTF8 { bytes in
            var composer = YAMLComposer(maxNodes: maxNodes, maxDepth: maxDepth)
            yaml_parser_set_input_string(composer.parser, bytes.baseAddress, bytes.count)
            do {
                return .success(try composer.document())
            } catch let problem as YAMLProblem {
                return .failure(problem)
            } catch {
                return .failure(YAMLProblem(mark: YAMLMark(line: 1, column: 1), message: "\(error)"))
            }
        }
    }

    private init(maxNodes: Int, maxDepth: Int) {
        parser = .allocate(capacity: 1)
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// One event; the caller owns it until `yaml_event_delete`.
    private func next() throws -> yaml_event_t {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw syntaxProblem() }
        return event
    }

    private func skip() throws -> yaml_event_type_t {
        var event = try next()
        defer { yaml_event_delete(&event) }
        return event.type
    }

    private mutating func document() throws -> YAMLNode? {
        _ = try skip()  // stream start
        var event = try next()
        defer { yaml_event_delete(&event) }
        guard event.type == YAML_DOCUMENT_START_EVENT else { return nil }
        let root = try node(depth: 0)
        _ = try skip()  // document end
        var after = try next()
        defer { yaml_event_delete(&after) }
        if after.type != YAML_STREAM_END_EVENT {
            throw YAMLProblem(mark: Self.mark(after.start_mark),
                              message: "a second YAML document starts here (after a `---` line); the front-matter ends at the next `---` and holds one document")
        }
        return root
    }

    private mutating func node(depth: Int) throws -> YAMLNode {
        var event = try next()
        defer { yaml_event_delete(&event) }
        return try node(from: &event, depth: depth)
    }

    private mutating func node(from event: inout yaml_event_t, depth: Int) throws -> YAMLNode {
        let mark = Self.mark(event.start_mark)
        guard depth <= maxDepth else {
            throw YAMLProblem(mark: mark, message: "the YAML is nested too deeply (more than \(maxDepth) levels)")
        }
        let sizeBefore = size
        try count(1, at: mark)
        let node: YAMLNode
        let anchor: UnsafeMutablePointer<yaml_char_t>?
        switch event.type {
        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
            guard let target = anchors[name] else {
                throw YAMLProblem(mark: mark, message: "`*\(name)` refers to no `&\(name)` above it")
            }
            try count(target.size - 1, at: mark)
            return target.node
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let string = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
            node = .scalar(YAMLScalar(string: string, style: Self.style(s.style), mark: mark))
            anchor = s.anchor
        case YAML_SEQUENCE_START_EVENT:
            anchor = event.data.sequence_start.anchor
            var items: [YAMLNode] = []
            while true {
                var item = try next()
                defer { yaml_event_delete(&item) }
                if item.type == YAML_SEQUENCE_END_EVENT { break }
                items.append(try self.node(from: &item, depth: depth + 1))
            }
            node = .sequence(items, mark)
        case YAML_MAPPING_START_EVENT:
            anchor = event.data.mapping_start.anchor
            node = .mapping(try pairs(depth: depth), mark)
        default:
            throw YAMLProblem(mark: mark, message: "unexpected YAML event")
        }
        if let anchor { anchors[String(cString: anchor)] = (node, size - sizeBefore) }
        return node
    }

    private mutating func pairs(depth: Int) throws -> [(key: YAMLNode, value: YAMLNode)] {
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var seen: [String: YAMLMark] = [:]
        while true {
            var keyEvent = try next()
            defer { yaml_event_delete(&keyEvent) }
            if keyEvent.type == YAML_MAPPING_END_EVENT { break }
            let key = try node(from: &keyEvent, depth: depth + 1)
            if case .scalar(let k) = key {
                if let first = seen[k.string] {
                    throw YAMLProblem(mark: k.mark, message: "`\(k.string)` is given twice (first on line \(first.line)); keep one of them")
                }
                seen[k.string] = k.mark
            }
            pairs.append((key, try node(depth: depth + 1)))
        }
        return pairs
    }

    private mutating func count(_ n: Int, at mark: YAMLMark) throws {
        size += n
        if size > maxNodes {
            throw YAMLProblem(mark: mark, message: "the YAML is too large once its aliases are expanded (over \(maxNodes) values)")
        }
    }

    private func syntaxProblem() -> YAMLProblem {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "it could not be read"
        guard p.error == YAML_SCANNER_ERROR || p.error == YAML_PARSER_ERROR else {
            return YAMLProblem(mark: YAMLMark(line: 1, column: 1), message: "invalid YAML: \(problem)")
        }
        return YAMLProblem(mark: Self.mark(p.problem_mark), message: problem,
                           context: p.context.map { String(cString: $0) }, contextMark: p.context == nil ? nil : Self.mark(p.context_mark),
                           isSyntax: true)
    }

    private static func mark(_ m: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(m.line) + 1, column: Int(m.column) + 1)
    }

    private static func style(_ s: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch s {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
