/// Bantin's own Mustache: templates are parsed once into this tree, then compiled against the
/// fields of the views they will see (`MustacheCompiler`), so that a misspelt field is an error
/// when the layouts are read and rendering does no lookups by name.
///
/// The parser follows the official specification (comments, delimiters, interpolation, sections,
/// inverted sections, partials, inheritance): standalone tags take their whole line, and a
/// standalone partial's indentation is kept for its lines.
indirect enum MustacheNode: Equatable {
    case text(String)
    case variable(MustacheName, escaped: Bool, MustachePosition)
    case section(MustacheName, [MustacheNode], inverted: Bool, MustachePosition)
    /// `{{> name}}`; `indentation` is the white space before a standalone partial (nil inline).
    case partial(String, indentation: String?, MustachePosition)
    /// `{{< name}}…{{/name}}`: the blocks it overrides, by name; `indentation` is the white space
    /// before the tag at the start of its line.
    case parent(String, overrides: [MustacheBlock], indentation: String, MustachePosition)
    /// `{{$ name}}…{{/name}}`: its default content.
    case block(MustacheBlock)
}

struct MustacheBlock: Equatable {
    var name: String
    var body: [MustacheNode]
    /// The white space before the tag at the start of its line: the lines of what fills the
    /// block are indented by it.
    var indentation: String
    /// Whether the tag stood alone on its line (its content starts a line).
    var standalone = false
    var position: MustachePosition
}

struct MustachePosition: Equatable, Hashable {
    var line: Int
    var column: Int
}

/// A name as a tag writes it: `title`, `page.title`, `.`, or `empty(attendees)`.
struct MustacheName: Equatable, Hashable, CustomStringConvertible {
    /// `["."]` for the implicit iterator.
    var parts: [String]
    /// `empty` in `empty(attendees)`: the only transform Bantin's templates use.
    var transform: String?

    var description: String {
        let joined = parts == ["."] ? "." : parts.joined(separator: ".")
        return transform.map { "\($0)(\(joined))" } ?? joined
    }

    init(parts: [String], transform: String? = nil) {
        self.parts = parts
        self.transform = transform
    }

    /// Parses a tag's content; nil when it is not a name.
    init?(_ text: String) {
        var inner = Substring(text)
        var transform: String?
        if let open = inner.firstIndex(of: "("), inner.hasSuffix(")") {
            transform = String(inner[..<open])
            inner = inner[inner.index(after: open)..<inner.index(before: inner.endIndex)]
            guard let t = transform, !t.isEmpty, t.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        }
        guard !inner.isEmpty, !inner.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) else { return nil }
        if inner == "." {
            parts = ["."]
        } else {
            let split = inner.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !split.contains(where: \.isEmpty) else { return nil }
            parts = split
        }
        self.transform = transform
    }
}

struct MustacheSyntaxError: Error, Equatable {
    var position: MustachePosition
    var message: String
}

/// A template's text as nodes, read as swift-mustache reads it, so that layouts written for it
/// render byte for byte the same:
/// - a tag that produces no text (section, comment, partial, parent, block, delimiter change,
///   pragma) is standalone when it starts a line (after white space, or right after another
///   standalone tag, or first inside a parent) and only white space follows it to the line's
///   end: then the line's white space and its line ending go;
/// - the white space before a standalone partial indents the partial's lines; the white space
///   before a parent or a block indents theirs;
/// - inside a parent's block, the first line's indentation is taken off every line.
struct MustacheParser {
    private let chars: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0

    private struct State {
        var section: String?
        /// Where the open section's tag stands, and the tag, for the error when it is never closed.
        var sectionPosition = MustachePosition(line: 1, column: 1)
        var sectionTag = ""
        var newLine = true
        /// Directly inside `{{<parent}}`: only block definitions count.
        var parentTopLevel = false
        /// Inside a block definition of a parent.
        var inDefinition = false
        var definitionIndent: Int?
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)
    }

    static func parse(_ text: String) throws(MustacheSyntaxError) -> [MustacheNode] {
        var parser = MustacheParser(chars: Array(text.utf8))
        var state = State()
        return try parser.nodes(&state)
    }

    private init(chars: [UInt8]) { self.chars = chars }

    private var atEnd: Bool { i >= chars.count }

    private func newlineWidth(at k: Int) -> Int {
        guard k < chars.count else { return 0 }
        if chars[k] == 0x0A { return 1 }
        if chars[k] == 0x0D, k + 1 < chars.count, chars[k + 1] == 0x0A { return 2 }
        return 0
    }

    private func position(_ k: Int) -> MustachePosition {
        MustachePosition(line: line, column: String(decoding: chars[lineStart..<k], as: UTF8.self).unicodeScalars.count + 1)
    }

    private mutating func advance(to k: Int) {
        while i < k {
            if chars[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }
    }

    /// When only spaces and tabs follow to the line's end (or the text's end), moves past them
    /// and the line ending, and says so.
    private mutating func lineFinished() -> Bool {
        if atEnd { return true }
        var k = i
        while k < chars.count, chars[k] == 0x20 || chars[k] == 0x09 { k += 1 }
        let width = newlineWidth(at: k)
        guard width > 0 else { return false }
        advance(to: k + width)
        return true
    }

    /// The nodes read so far, with the white space at the start of the current line held back
    /// until it is known whether the line is a standalone tag's (then it is dropped).
    private struct Output {
        var nodes: [MustacheNode] = []
        var whiteSpace = ""

        mutating func text(_ t: String) {
            guard !t.isEmpty else { return }
            if case .text(let previous)? = nodes.last { nodes[nodes.count - 1] = .text(previous + t) } else { nodes.append(.text(t)) }
        }

        mutating func flushWhiteSpace() {
            text(whiteSpace)
            whiteSpace = ""
        }
    }

    private mutating func nodes(_ state: inout State) throws(MustacheSyntaxError) -> [MustacheNode] {
        var out = Output()
        while !atEnd {
            if readText(&state, into: &out) { continue }
            if atEnd { break }
            let tag = try readTag(state)
            if try self.tag(tag, &state, into: &out) { return out.nodes }
        }
        if let section = state.section {
            throw MustacheSyntaxError(position: state.sectionPosition, message: "`\(state.sectionTag)` is never closed with `{{/\(section)}}`")
        }
        return out.nodes
    }

    /// A line's leading white space (held back), then text up to a tag or the line's end.
    /// True when the line ended: the caller reads the next one.
    private mutating func readText(_ state: inout State, into out: inout Output) -> Bool {
        if state.newLine {
            var k = i
            while k < chars.count, chars[k] == 0x20 || chars[k] == 0x09 { k += 1 }
            let read = String(decoding: chars[i..<k], as: UTF8.self)
            advance(to: k)
            if state.inDefinition {
                if let indent = state.definitionIndent { out.whiteSpace = String(read.dropFirst(indent)) } else { state.definitionIndent = read.count }
            } else {
                out.whiteSpace = read
            }
        }
        let textStart = i
        while !atEnd, newlineWidth(at: i) == 0, !chars.has(state.open, at: i) { i += 1 }
        let plain = String(decoding: chars[textStart..<i], as: UTF8.self)
        let width = newlineWidth(at: i)
        if width > 0 {
            out.text(out.whiteSpace + plain + String(decoding: chars[i..<i + width], as: UTF8.self))
            advance(to: i + width)
            state.newLine = true
            return true
        }
        if !plain.isEmpty {
            out.text(out.whiteSpace + plain)
            out.whiteSpace = ""
            state.newLine = false
        }
        return false
    }

    /// One tag read into `out`. True when it closes the section being read.
    private mutating func tag(_ tag: Tag, _ state: inout State, into out: inout Output) throws(MustacheSyntaxError) -> Bool {
        var standalone = false
        switch tag.sigil {
        case UInt8(ascii: "#"), UInt8(ascii: "^"):
            let name = try name(of: tag)
            standalone = state.newLine && lineFinished()
            if !standalone { out.flushWhiteSpace() }
            let body = try section(tag, in: state, newLine: standalone)
            out.nodes.append(.section(name, body, inverted: tag.sigil == UInt8(ascii: "^"), tag.position))
        case UInt8(ascii: "/"):
            try close(tag, &state, &out)
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "%"):
            standalone = state.newLine && lineFinished()  // a comment, or a pragma: Bantin always escapes HTML
        case UInt8(ascii: "="):
            try changeDelimiters(tag, &state)
            standalone = state.newLine && lineFinished()
        case UInt8(ascii: ">"):
            out.text(out.whiteSpace)
            standalone = state.newLine && lineFinished()
            let partial = MustacheNode.partial(tag.content, indentation: standalone ? out.whiteSpace : nil, tag.position)
            out.nodes.append(partial)
            out.whiteSpace = ""
        case UInt8(ascii: "<"):
            out.text(out.whiteSpace)
            standalone = state.newLine && lineFinished()
            let parent = MustacheNode.parent(tag.content, overrides: try blocks(of: tag, in: state), indentation: out.whiteSpace, tag.position)
            out.nodes.append(parent)
            out.whiteSpace = ""
        case UInt8(ascii: "$") where state.parentTopLevel:
            // A block's content given to a parent: its lines lose their first line's indentation.
            standalone = state.newLine && lineFinished()
            let body = try section(tag, in: state, newLine: standalone, inDefinition: true)
            out.nodes.append(.block(MustacheBlock(name: tag.content, body: body, indentation: "", position: tag.position)))
        case UInt8(ascii: "$"):
            out.text(out.whiteSpace)
            standalone = state.newLine && lineFinished()
            let body = try section(tag, in: state, newLine: standalone)
            let block = MustacheBlock(name: tag.content, body: body, indentation: out.whiteSpace, standalone: standalone, position: tag.position)
            out.nodes.append(.block(block))
            out.whiteSpace = ""
        case UInt8(ascii: "{"), UInt8(ascii: "&"):
            out.flushWhiteSpace()
            out.nodes.append(.variable(try name(of: tag), escaped: false, tag.position))
        default:
            out.flushWhiteSpace()
            out.nodes.append(.variable(try name(of: tag), escaped: true, tag.position))
        }
        state.newLine = standalone
        return false
    }

    /// `{{/name}}`: it must close the section being read.
    private mutating func close(_ tag: Tag, _ state: inout State, _ out: inout Output) throws(MustacheSyntaxError) {
        guard let section = state.section else {
            throw MustacheSyntaxError(position: tag.position, message: "`{{/\(tag.content)}}` closes a section that was never opened")
        }
        guard section == tag.content else {
            throw MustacheSyntaxError(position: tag.position, message: "`{{/\(tag.content)}}` closes `\(section)`; close it with `{{/\(section)}}`")
        }
        if !(state.newLine && lineFinished()) { out.flushWhiteSpace() }
        state.section = nil
    }

    /// The `{{$block}}` overrides inside `{{<parent}}`; anything else there but text is an error.
    private mutating func blocks(of tag: Tag, in state: State) throws(MustacheSyntaxError) -> [MustacheBlock] {
        let body = try section(tag, in: state, newLine: true, parentTopLevel: true, inDefinition: false)
        var blocks: [MustacheBlock] = []
        for node in body {
            switch node {
            case .block(let block): blocks.append(block)
            case .text: continue
            default:
                throw MustacheSyntaxError(position: tag.position, message: "only `{{$block}}` overrides may stand inside `{{<\(tag.content)}}`")
            }
        }
        return blocks
    }

    /// The nodes up to the tag that closes `tag`, read in a state of their own: a delimiter
    /// change inside stays inside, as swift-mustache has it.
    private mutating func section(_ tag: Tag, in state: State, newLine: Bool, parentTopLevel: Bool = false,
                                  inDefinition: Bool? = nil) throws(MustacheSyntaxError) -> [MustacheNode] {
        var inner = state
        inner.section = tag.content
        inner.sectionPosition = tag.position
        inner.sectionTag = tag.written
        inner.newLine = newLine
        inner.parentTopLevel = parentTopLevel
        if let inDefinition { inner.inDefinition = inDefinition }
        return try nodes(&inner)
    }

    private struct Tag {
        var sigil: UInt8?
        var content: String
        var position: MustachePosition
        /// As a message shows it: `{{#articles}}`.
        var written: String { "{{" + (sigil.map { String(UnicodeScalar($0)) } ?? "") + content + "}}" }
    }

    /// Reads the tag at `i` (which starts with the open delimiter) and moves past it.
    private mutating func readTag(_ state: State) throws(MustacheSyntaxError) -> Tag {
        let at = position(i)
        var k = i + state.open.count
        let triple = state.open == Array("{{".utf8) && k < chars.count && chars[k] == UInt8(ascii: "{")
        let closing = triple ? Array("}}}".utf8) : state.close
        while k < chars.count, chars[k] == 0x20 || chars[k] == 0x09 { k += 1 }
        var sigil: UInt8?
        if k < chars.count, "!#^/>&{=$<%".utf8.contains(chars[k]) {
            sigil = chars[k]
            k += 1
        }
        var end = k
        while end < chars.count, !chars.has(closing, at: end) {
            if chars[end] == 0x0A && sigil != UInt8(ascii: "!") { break }  // only comments span lines
            end += 1
        }
        guard end < chars.count, chars.has(closing, at: end) else {
            throw MustacheSyntaxError(position: at, message: "a tag is not closed with `\(String(decoding: closing, as: UTF8.self))` on its line")
        }
        let content = String(decoding: chars[k..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        advance(to: end + closing.count)
        return Tag(sigil: sigil, content: content, position: at)
    }

    private func changeDelimiters(_ tag: Tag, _ state: inout State) throws(MustacheSyntaxError) {
        guard tag.content.hasSuffix("=") else {
            throw MustacheSyntaxError(position: tag.position, message: "a delimiter change must end with `=`, like `{{=<% %>=}}`")
        }
        let parts = tag.content.dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
            throw MustacheSyntaxError(position: tag.position, message: "a delimiter change names two delimiters separated by a space, like `{{=<% %>=}}`")
        }
        state.open = Array(parts[0].utf8)
        state.close = Array(parts[1].utf8)
    }

    private func name(of tag: Tag) throws(MustacheSyntaxError) -> MustacheName {
        guard let name = MustacheName(tag.content) else {
            throw MustacheSyntaxError(position: tag.position, message: "`\(tag.content)` is not a name a tag can show")
        }
        return name
    }
}
