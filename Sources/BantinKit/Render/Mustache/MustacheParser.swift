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
    /// `{{> name}}`; `indentation` is the white space before a standalone partial.
    case partial(String, indentation: String, MustachePosition)
    /// `{{< name}}…{{/name}}`: the blocks it overrides, by name.
    case parent(String, overrides: [MustacheBlock], indentation: String, MustachePosition)
    /// `{{$ name}}…{{/name}}`: its default content.
    case block(MustacheBlock)
}

struct MustacheBlock: Equatable {
    var name: String
    var body: [MustacheNode]
    /// The white space before a standalone block tag.
    var indentation: String?
    /// The white space before the block's tag when nothing else precedes it on its line,
    /// standalone or not: where an override's later lines are re-indented to.
    var lineIndentation: String?
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

/// A template's text as tags and text, with standalone lines stripped.
///
/// First the text is cut into tokens (delimiter changes apply as they come), then each line is
/// looked at whole: a line holding only white space and tags that produce no text (sections,
/// comments, partials, parents, blocks, delimiter changes) is standalone, and its white space and
/// line ending go. The white space before a standalone partial, parent or block is its
/// indentation. A block opened and closed on the same line (`{{$b}}{{/b}}`) stays inline, as
/// the specification's examples want.
struct MustacheParser {
    private enum Token {
        case text(String)
        case newline(String)
        case tag(Tag)
    }

    private struct Tag {
        var sigil: UInt8?
        var content: String
        var position: MustachePosition
        var indentation: String?
        /// The white space before the tag when only white space precedes it on its line.
        var leading: String?
        var producesText: Bool { sigil == nil || sigil == UInt8(ascii: "{") || sigil == UInt8(ascii: "&") }
    }

    static func parse(_ text: String) throws(MustacheSyntaxError) -> [MustacheNode] {
        var tokens = try tokenize(Array(text.utf8))
        stripStandaloneLines(&tokens)
        var index = 0
        let (nodes, end) = try build(tokens, &index, closing: nil)
        if let end {
            throw MustacheSyntaxError(position: end.position, message: "`{{/\(end.content)}}` closes a section that was never opened")
        }
        return nodes
    }

    // MARK: Tokens

    private static func tokenize(_ bytes: [UInt8]) throws(MustacheSyntaxError) -> [Token] {
        var open = Array("{{".utf8), close = Array("}}".utf8)
        var tokens: [Token] = []
        var i = 0, textStart = 0, line = 1, lineStart = 0
        func starts(_ token: [UInt8], at k: Int) -> Bool {
            guard k + token.count <= bytes.count else { return false }
            for j in 0..<token.count where bytes[k + j] != token[j] { return false }
            return true
        }
        func text(upTo end: Int) {
            if end > textStart { tokens.append(.text(String(decoding: bytes[textStart..<end], as: UTF8.self))) }
        }
        func position(_ k: Int) -> MustachePosition {
            MustachePosition(line: line, column: String(decoding: bytes[lineStart..<k], as: UTF8.self).unicodeScalars.count + 1)
        }
        while i < bytes.count {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) {
                text(upTo: i)
                let width = bytes[i] == 0x0A ? 1 : 2
                tokens.append(.newline(String(decoding: bytes[i..<i + width], as: UTF8.self)))
                i += width
                line += 1
                lineStart = i
                textStart = i
                continue
            }
            guard starts(open, at: i) else { i += 1; continue }
            text(upTo: i)
            let at = position(i)
            var k = i + open.count
            let triple = open == Array("{{".utf8) && k < bytes.count && bytes[k] == UInt8(ascii: "{")
            let closing = triple ? Array("}}}".utf8) : close
            while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x09 { k += 1 }
            var sigil: UInt8?
            if k < bytes.count, "!#^/>&{=$<%".utf8.contains(bytes[k]) {
                sigil = bytes[k]
                k += 1
            }
            var end = k
            while end < bytes.count, !starts(closing, at: end) {
                if bytes[end] == 0x0A && sigil != UInt8(ascii: "!") { break }  // only comments span lines
                end += 1
            }
            guard end < bytes.count, starts(closing, at: end) else {
                throw MustacheSyntaxError(position: at, message: "a tag is not closed with `\(String(decoding: closing, as: UTF8.self))` on its line")
            }
            let content = String(decoding: bytes[k..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            let tag = Tag(sigil: sigil, content: content, position: at)
            // A comment's own line endings move the line count on.
            for j in i..<end where bytes[j] == 0x0A {
                line += 1
                lineStart = j + 1
            }
            i = end + closing.count
            textStart = i
            if sigil == UInt8(ascii: "=") {
                guard content.hasSuffix("=") else {
                    throw MustacheSyntaxError(position: at, message: "a delimiter change must end with `=`, like `{{=<% %>=}}`")
                }
                let parts = content.dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
                    throw MustacheSyntaxError(position: at, message: "a delimiter change names two delimiters separated by a space, like `{{=<% %>=}}`")
                }
                open = Array(parts[0].utf8)
                close = Array(parts[1].utf8)
            }
            tokens.append(.tag(tag))
        }
        text(upTo: bytes.count)
        return tokens
    }

    /// Removes the white space and line ending of standalone lines, and notes indentation.
    private static func stripStandaloneLines(_ tokens: inout [Token]) {
        var out: [Token] = []
        var line: [Token] = []
        func flush(_ newline: Token?) {
            defer { line = [] }
            let tags = line.compactMap { token -> Tag? in if case .tag(let t) = token { t } else { nil } }
            let blank = line.allSatisfy { token in
                if case .text(let t) = token { return t.allSatisfy { $0 == " " || $0 == "\t" } }
                return true
            }
            // The first tag after nothing but white space knows that white space.
            if let first = line.firstIndex(where: { if case .tag = $0 { true } else { false } }),
               case .tag(var tag) = line[first],
               line[..<first].allSatisfy({ if case .text(let t) = $0 { t.allSatisfy { $0 == " " || $0 == "\t" } } else { false } }) {
                tag.leading = line[..<first].map { if case .text(let t) = $0 { t } else { "" } }.joined()
                line[first] = .tag(tag)
            }
            var standalone = !tags.isEmpty && blank && !tags.contains(where: \.producesText)
            // `{{$b}}{{/b}}` on one line stays inline.
            if standalone, tags.count == 2, tags[0].sigil == UInt8(ascii: "$"), tags[1].sigil == UInt8(ascii: "/") { standalone = false }
            guard standalone else {
                out += line
                if let newline { out.append(newline) }
                return
            }
            var indentation = ""
            if case .text(let t)? = line.first { indentation = t }
            _ = indentation
            var first = true
            for token in line {
                guard case .tag(var tag) = token else { continue }
                if first { tag.indentation = indentation }
                first = false
                out.append(.tag(tag))
            }
        }
        for token in tokens {
            if case .newline = token { flush(token) } else { line.append(token) }
        }
        flush(nil)
        tokens = out
    }

    // MARK: Tree

    private static func build(_ tokens: [Token], _ index: inout Int, closing: Tag?) throws(MustacheSyntaxError) -> ([MustacheNode], Tag?) {
        var out: [MustacheNode] = []
        func appendText(_ text: String) {
            if case .text(let previous)? = out.last { out[out.count - 1] = .text(previous + text) } else { out.append(.text(text)) }
        }
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token {
            case .text(let t), .newline(let t):
                appendText(t)
            case .tag(let tag):
                switch tag.sigil {
                case UInt8(ascii: "!"), UInt8(ascii: "="), UInt8(ascii: "%"):
                    continue  // comments, delimiter changes (done), pragmas (Bantin always escapes HTML)
                case UInt8(ascii: "/"):
                    return (out, tag)
                case UInt8(ascii: "#"), UInt8(ascii: "^"):
                    let name = try name(of: tag)
                    let (body, end) = try build(tokens, &index, closing: tag)
                    try expectClose(end, of: tag)
                    out.append(.section(name, body, inverted: tag.sigil == UInt8(ascii: "^"), tag.position))
                case UInt8(ascii: "$"):
                    let (body, end) = try build(tokens, &index, closing: tag)
                    try expectClose(end, of: tag)
                    out.append(.block(MustacheBlock(name: tag.content, body: body, indentation: tag.indentation,
                                                    lineIndentation: tag.leading, position: tag.position)))
                case UInt8(ascii: "<"):
                    let (body, end) = try build(tokens, &index, closing: tag)
                    try expectClose(end, of: tag)
                    // Inside a parent only blocks count; text and other tags are left out.
                    var blocks: [MustacheBlock] = []
                    for node in body { if case .block(let block) = node { blocks.append(block) } }
                    out.append(.parent(tag.content, overrides: blocks, indentation: tag.indentation ?? "", tag.position))
                case UInt8(ascii: ">"):
                    out.append(.partial(tag.content, indentation: tag.indentation ?? "", tag.position))
                case UInt8(ascii: "{"), UInt8(ascii: "&"):
                    out.append(.variable(try name(of: tag), escaped: false, tag.position))
                default:
                    out.append(.variable(try name(of: tag), escaped: true, tag.position))
                }
            }
        }
        if let closing {
            throw MustacheSyntaxError(position: closing.position, message: "`{{\(sigilText(closing))\(closing.content)}}` is never closed with `{{/\(closing.content)}}`")
        }
        return (out, nil)
    }

    private static func sigilText(_ tag: Tag) -> String { tag.sigil.map { String(UnicodeScalar($0)) } ?? "" }

    private static func expectClose(_ end: Tag?, of tag: Tag) throws(MustacheSyntaxError) {
        guard let end else {
            throw MustacheSyntaxError(position: tag.position, message: "`{{\(sigilText(tag))\(tag.content)}}` is never closed with `{{/\(tag.content)}}`")
        }
        guard end.content == tag.content else {
            throw MustacheSyntaxError(position: end.position, message: "`{{/\(end.content)}}` closes `{{\(sigilText(tag))\(tag.content)}}` opened on line \(tag.position.line); close it with `{{/\(tag.content)}}`")
        }
    }

    private static func name(of tag: Tag) throws(MustacheSyntaxError) -> MustacheName {
        guard let name = MustacheName(tag.content) else {
            throw MustacheSyntaxError(position: tag.position, message: "`\(tag.content)` is not a name a tag can show")
        }
        return name
    }
}
