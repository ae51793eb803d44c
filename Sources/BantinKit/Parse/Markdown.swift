import CMarkGFM
import Synchronization

/// Markdown rendered to HTML, with what later stages need from the document.
public struct RenderedMarkdown: Sendable {
    public var html: String
    /// The first paragraph as plain text: the default summary.
    public var firstParagraph: String?
    /// Link and image destinations with their line and column in the Markdown text, for link checking.
    public var links: [(url: String, line: Int, column: Int)]
}

/// cmark-gfm with the GFM extensions and footnotes. Raw HTML is not passed through: cmark's safe
/// mode replaces it with a comment and drops `javascript:`-style link destinations.
public struct MarkdownRenderer: Sendable {
    /// cmark-gfm 0.29 is not safe to *parse* on two threads at once: its inline parser and the table
    /// extension flip process-wide character tables. Parsing is serialised by this lock; rendering a
    /// parsed tree is thread-safe and runs outside it.
    private static let parseLock = Mutex(())
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    public init() {}

    private var options: Int32 { CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES }

    public func render(_ markdown: String) -> RenderedMarkdown {
        let (document, parser) = Self.parseLock.withLock { _ -> (OpaquePointer?, OpaquePointer?) in
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
        let found = links(document)
        return RenderedMarkdown(html: html, firstParagraph: firstParagraph(document),
                                links: found.isEmpty ? [] : Self.characterColumns(found, in: markdown))
    }

    /// cmark counts columns in UTF-8 bytes; diagnostics count characters (Unicode scalars), as YAML marks do.
    static func characterColumns(_ links: [(url: String, line: Int, column: Int)], in text: String) -> [(url: String, line: Int, column: Int)] {
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        return links.map { link in
            guard link.line >= 1, link.line <= lines.count else { return link }
            let bytes = lines[link.line - 1].prefix(max(0, link.column - 1))
            return (link.url, link.line, String(decoding: bytes, as: UTF8.self).unicodeScalars.count + 1)
        }
    }

    private func firstParagraph(_ document: OpaquePointer) -> String? {
        var node = cmark_node_first_child(document)
        while let current = node {
            if cmark_node_get_type(current) == CMARK_NODE_PARAGRAPH {
                guard let cString = cmark_render_plaintext(current, options, 0) else { return nil }
                defer { free(cString) }
                let text = Self.collapsingWhitespace(String(cString: cString))
                return text.isEmpty ? nil : text
            }
            node = cmark_node_next(current)
        }
        return nil
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

    private func links(_ document: OpaquePointer) -> [(url: String, line: Int, column: Int)] {
        var out: [(url: String, line: Int, column: Int)] = []
        guard let iterator = cmark_iter_new(document) else { return out }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) {
                out.append((String(cString: url), Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node))))
            }
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
