import CMarkGFM
import CMarkThreads
import Synchronization

/// Markdown rendered to HTML, with what later stages need from the document.
public struct RenderedMarkdown: Sendable {
    public var html: String
    /// The first paragraph as plain text: the default summary.
    public var firstParagraph: String?
    /// Link and image destinations with their line and column in the Markdown text, for link checking.
    public var links: [(url: String, line: Int, column: Int)]
    /// Images loaded from another site (`https://…`, `//host/…`), as `links` places them.
    public var remoteImages: [(url: String, line: Int, column: Int)] = []
    /// Images with nothing between the brackets (`![](anh.jpg)`), as `links` places them.
    public var imagesWithoutAlt: [(url: String, line: Int, column: Int)] = []

    /// Whether `url` loads from another site rather than this one.
    public static func isRemote(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("//")
    }
}

/// cmark-gfm with the GFM extensions and footnotes. Raw HTML is not passed through: cmark's safe
/// mode replaces it with a comment and drops `javascript:`-style link destinations.
public struct MarkdownRenderer: Sendable {
    /// cmark-gfm 0.29 keeps a process-wide table of special inline characters, which each parse
    /// changes (see cmark_threads.c). Once the library is seen calling Bantin's replacement of
    /// the function that changes it, parses run on every thread at once; until then (and for
    /// good, should a build of the library not call it) they take turns under this lock.
    private static let parseLock = Mutex(())
    private static let parsesInParallel = Atomic<Bool>(false)
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// `parse`, on this thread alone or under the lock (see `parseLock`).
    private func parseSafely(_ markdown: String) -> (OpaquePointer?, OpaquePointer?) {
        if Self.parsesInParallel.load(ordering: .acquiring) { return parse(markdown) }
        return Self.parseLock.withLock { _ in
            let parsed = parse(markdown)
            if bantin_cmark_special_character_calls() > 0 { Self.parsesInParallel.store(true, ordering: .releasing) }
            return parsed
        }
    }

    /// Whether parses now run in parallel (for the stress test).
    static var parsesConcurrently: Bool { parsesInParallel.load(ordering: .acquiring) }

    public init() {}

    private var options: Int32 { CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES }

    /// A parser with the extensions, and the document it made of `markdown` (see `parseSafely`).
    private func parse(_ markdown: String) -> (OpaquePointer?, OpaquePointer?) {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(options) else { return (nil, nil) }
        for name in Self.extensionNames {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        markdown.utf8CString.withUnsafeBufferPointer { buffer in
            cmark_parser_feed(parser, buffer.baseAddress, buffer.count - 1)
        }
        return (cmark_parser_finish(parser), parser)
    }

    /// `render`, unless the text has a shape cmark-gfm would take minutes over (`MarkdownGuard`):
    /// then nothing is rendered and each problem is an error at its place in the file, whose
    /// body starts on `bodyLine`.
    public func render(_ markdown: String, in path: String, fromLine bodyLine: Int, _ diagnostics: inout Diagnostics) -> RenderedMarkdown {
        let problems = MarkdownGuard.problems(in: markdown)
        guard problems.isEmpty else {
            for problem in problems {
                diagnostics.error(SourceLocation(path: path, line: bodyLine - 1 + problem.line, column: problem.column), problem.message)
            }
            return RenderedMarkdown(html: "", firstParagraph: nil, links: [])
        }
        return render(markdown)
    }

    public func render(_ markdown: String) -> RenderedMarkdown {
        let (document, parser) = parseSafely(markdown)
        guard let document, let parser else {
            return RenderedMarkdown(html: "", firstParagraph: nil, links: [])
        }
        defer {
            cmark_node_free(document)
            cmark_parser_free(parser)
        }
        let extensions = cmark_parser_get_syntax_extensions(parser)
        var html = ""
        if let cString = cmark_render_html(document, options, extensions) {
            html = String(cString: cString)
            free(cString)
        }
        let (found, images, bare) = links(document)
        let located = found.isEmpty ? [] : Self.characterColumns(found, in: markdown)
        return RenderedMarkdown(html: html, firstParagraph: firstParagraph(document), links: located,
                                remoteImages: images.map { located[$0] }.filter { RenderedMarkdown.isRemote($0.url) },
                                imagesWithoutAlt: bare.map { located[$0] })
    }

    /// cmark counts columns in UTF-8 bytes; diagnostics count characters (Unicode scalars), as YAML marks do.
    /// The links are visited in the order they stand and each line's bytes are counted once: a
    /// line holding thousands of links costs its length, not its length times its links.
    static func characterColumns(_ links: [(url: String, line: Int, column: Int)], in text: String) -> [(url: String, line: Int, column: Int)] {
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var out = links
        let order = links.indices.sorted { (links[$0].line, links[$0].column) < (links[$1].line, links[$1].column) }
        var line = 0, byte = 0, scalars = 0
        var bytes = Substring().utf8
        var index = bytes.startIndex
        for i in order {
            let link = links[i]
            guard link.line >= 1, link.line <= lines.count else { continue }
            if link.line != line {
                (line, byte, scalars) = (link.line, 0, 0)
                bytes = lines[link.line - 1]
                index = bytes.startIndex
            }
            let end = min(max(0, link.column - 1), bytes.count)
            while byte < end {
                if bytes[index] & 0xC0 != 0x80 { scalars += 1 }  // not a continuation byte: a new scalar
                byte += 1
                index = bytes.index(after: index)
            }
            out[i].column = scalars + 1
        }
        return out
    }

    private func firstParagraph(_ document: OpaquePointer) -> String? {
        var node = cmark_node_first_child(document)
        while let current = node {
            if cmark_node_get_type(current) == CMARK_NODE_PARAGRAPH {
                let text = Self.collapsingWhitespace(Self.plainText(of: current))
                return text.isEmpty ? nil : text
            }
            node = cmark_node_next(current)
        }
        return nil
    }

    /// The first paragraph's text both ways, ours and cmark's plain-text renderer's, for the
    /// test that keeps them the same.
    func firstParagraphTexts(_ markdown: String) -> (ours: String, cmark: String)? {
        let (document, parser) = parseSafely(markdown)
        guard let document, let parser else { return nil }
        defer {
            cmark_node_free(document)
            cmark_parser_free(parser)
        }
        var node = cmark_node_first_child(document)
        while let current = node, cmark_node_get_type(current) != CMARK_NODE_PARAGRAPH { node = cmark_node_next(current) }
        guard let paragraph = node, let cString = cmark_render_plaintext(paragraph, options, 0) else { return nil }
        defer { free(cString) }
        return (Self.plainText(of: paragraph), String(cString: cString))
    }

    /// A paragraph as cmark's plain-text renderer gives it (text and code as they are, a line
    /// break as a newline, a footnote reference as `[^label]`, struck text between `~`, other
    /// markup and raw HTML left out),
    /// gathered in one walk. cmark-gfm 0.29's own plain-text renderer takes time growing with the
    /// square of a long paragraph's length (80 s for 480 KB of `_`).
    static func plainText(of paragraph: OpaquePointer) -> String {
        var out: [UInt8] = []
        guard let iterator = cmark_iter_new(paragraph) else { return "" }
        defer { cmark_iter_free(iterator) }
        func append(_ text: UnsafePointer<CChar>?) {
            guard let text else { return }
            text.withMemoryRebound(to: UInt8.self, capacity: 1) { out.append(contentsOf: UnsafeBufferPointer(start: $0, count: strlen(text))) }
        }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            // The strikethrough extension writes `~` as it enters and as it leaves.
            if let type = cmark_node_get_type_string(node), strcmp(type, "strikethrough") == 0 {
                out.append(UInt8(ascii: "~"))
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: append(cmark_node_get_literal(node))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out.append(0x0A)
            case CMARK_NODE_FOOTNOTE_REFERENCE:
                out.append(contentsOf: Array("[^".utf8))
                append(cmark_node_get_literal(node))
                out.append(UInt8(ascii: "]"))
            default: break
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Runs of white space (Unicode's White_Space: ASCII's, NEL, no-break and the typographic
    /// spaces, line and paragraph separators) become one space, with none at either end. On
    /// bytes: by `Character` or by scalar property it showed in the profile of a 10k-article build.
    static func collapsingWhitespace(_ text: String) -> String {
        var out: [UInt8] = []
        var pending = false
        var text = text
        text.withUTF8 { b in
            out.reserveCapacity(b.count)
            var i = 0
            while i < b.count {
                let width = whitespaceWidth(b, at: i)
                if width > 0 {
                    pending = !out.isEmpty
                    i += width
                    continue
                }
                if pending { out.append(0x20); pending = false }
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The length in bytes of the white-space character at `i`, or 0.
    private static func whitespaceWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let c = b[i]
        if c == 0x20 || (c >= 0x09 && c <= 0x0D) { return 1 }
        guard c >= 0xC2, c <= 0xE3 else { return 0 }
        func next(_ k: Int) -> UInt8 { i + k < b.count ? b[i + k] : 0 }
        switch (c, next(1), next(2)) {
        case (0xC2, 0x85, _), (0xC2, 0xA0, _): return 2  // NEL, no-break space
        case (0xE1, 0x9A, 0x80): return 3  // ogham space mark
        case (0xE2, 0x80, 0x80...0x8A), (0xE2, 0x80, 0xA8), (0xE2, 0x80, 0xA9), (0xE2, 0x80, 0xAF), (0xE2, 0x81, 0x9F): return 3
        case (0xE3, 0x80, 0x80): return 3  // ideographic space
        default: return 0
        }
    }

    /// Link and image destinations in document order, which of them are images, and which
    /// images have no text between their brackets.
    private func links(_ document: OpaquePointer) -> ([(url: String, line: Int, column: Int)], images: [Int], bare: [Int]) {
        var out: [(url: String, line: Int, column: Int)] = []
        var images: [Int] = [], bare: [Int] = []
        guard let iterator = cmark_iter_new(document) else { return (out, images, bare) }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) {
                if type == CMARK_NODE_IMAGE {
                    images.append(out.count)
                    if cmark_node_first_child(node) == nil { bare.append(out.count) }
                }
                out.append((String(cString: url), Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node))))
            }
        }
        return (out, images, bare)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
