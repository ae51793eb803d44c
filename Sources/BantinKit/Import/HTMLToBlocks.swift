import Foundation

/// A page's main content as `ImportBlock`s: block elements become paragraphs, headings, lists,
/// quotes and tables; inline ones bold, italic, links and line breaks; white space collapsed as
/// a browser shows it. Tables that lay a page out (cells holding paragraphs or other tables, as
/// old provincial portals do) are read as the content they hold, not as data tables.
struct HTMLToBlocks {
    /// Turns a link or image address of the page into one the article can keep: absolute
    /// against the page's own address, or nil when it cannot be (the text is kept then).
    var resolve: (String) -> String?
    var blocks: [ImportBlock] = []
    private var run: [ImportInline] = []

    init(resolve: @escaping (String) -> String?) { self.resolve = resolve }

    static let inlineNames: Set<String> = [
        "span", "font", "b", "strong", "i", "em", "u", "a", "small", "sup", "sub", "big", "abbr", "cite", "code", "mark",
        "s", "strike", "del", "ins", "q", "time", "label", "br", "img", "tt", "var", "kbd", "o:p",
    ]
    static let skipped: Set<String> = [
        "script", "style", "noscript", "iframe", "form", "button", "input", "select", "textarea", "svg", "canvas", "object",
        "embed", "video", "audio", "map", "head", "template", "link", "meta", "nav",
    ]

    mutating func convert(_ node: HTMLNode) -> [ImportBlock] {
        block(node)
        flush()
        return blocks
    }

    private mutating func flush() {
        let trimmed = Self.trim(run)
        run = []
        guard !trimmed.isEmpty else { return }
        // A paragraph that is only a photo is the photo.
        if trimmed.count == 1, case .image(let src, let alt) = trimmed[0] { blocks.append(.image(src: src, alt: alt)); return }
        blocks.append(.paragraph(trimmed))
    }

    private mutating func block(_ node: HTMLNode) {
        switch node {
        case .text(let s):
            run.append(.text(s))
        case .element(let name, _, let children):
            if Self.skipped.contains(name) { return }
            switch name {
            case "h1", "h2", "h3", "h4", "h5", "h6":
                flush()
                let level = max(2, min(4, Int(String(name.last!))!))
                let inlines = Self.trim(inline(children))
                if !inlines.isEmpty { blocks.append(.heading(level, Self.plain(inlines))) }
            case "p", "div", "section", "article", "main", "center", "header", "footer", "aside", "figure", "dl", "dd", "dt", "body", "html", "tbody", "thead", "tr", "td", "th", "pre", "address":
                flush()
                for child in children { block(child) }
                flush()
            case "figcaption", "caption":
                flush()
                let inlines = Self.trim(inline(children))
                if !inlines.isEmpty { blocks.append(.paragraph([.emphasis(inlines)])) }
            case "ul", "ol":
                flush()
                var items: [[ImportInline]] = []
                collectItems(children, into: &items)
                if !items.isEmpty { blocks.append(.list(ordered: name == "ol", items: items)) }
            case "blockquote":
                flush()
                var inner = HTMLToBlocks(resolve: resolve)
                let quoted = inner.convert(.element(name: "div", attributes: [:], children: children))
                if !quoted.isEmpty { blocks.append(.quote(quoted)) }
            case "table":
                flush()
                table(node)
            case "hr":
                flush()
            default:
                run += inline([node])
            }
        }
    }

    private mutating func collectItems(_ children: [HTMLNode], into items: inout [[ImportInline]]) {
        for child in children {
            guard child.name == "li" else {
                if child.name == "ul" || child.name == "ol" { collectItems(child.children, into: &items) }
                continue
            }
            // A list inside an item: its items follow as items of their own.
            let own = child.children.filter { $0.name != "ul" && $0.name != "ol" }
            let inlines = Self.trim(inline(own))
            if !inlines.isEmpty { items.append(inlines) }
            for nested in child.children where nested.name == "ul" || nested.name == "ol" { collectItems(nested.children, into: &items) }
        }
    }

    /// A data table (cells of text) as a GFM table; a layout table as the blocks it holds.
    private mutating func table(_ node: HTMLNode) {
        var rows: [[HTMLNode]] = []
        func collect(_ n: HTMLNode) {
            for child in n.children {
                switch child.name {
                case "tr": rows.append(child.children.filter { $0.name == "td" || $0.name == "th" })
                case "thead", "tbody", "tfoot": collect(child)
                default: break
                }
            }
        }
        collect(node)
        let blockInside = rows.joined().contains { cell in
            cell.first { n in n.name.map { ["p", "div", "table", "ul", "ol", "h1", "h2", "h3", "img", "blockquote"].contains($0) } ?? false } != nil
        }
        let width = rows.map(\.count).max() ?? 0
        if blockInside || width < 2 || rows.count < 2 {
            for row in rows { for cell in row { block(cell) } }
            flush()
            return
        }
        let cells = rows.map { row in (0..<width).map { i in i < row.count ? Self.plain(Self.trim(inline(row[i].children))) : [] } }
        blocks.append(.table(header: cells[0], rows: Array(cells.dropFirst())))
    }

    private func inline(_ nodes: [HTMLNode]) -> [ImportInline] {
        var out: [ImportInline] = []
        for node in nodes {
            switch node {
            case .text(let s): out.append(.text(s))
            case .element(let name, let attributes, let children):
                if Self.skipped.contains(name) { continue }
                switch name {
                case "br": out.append(.lineBreak)
                case "b", "strong":
                    let inner = inline(children)
                    if !ImportInline.text(inner).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { out.append(.strong(inner)) } else { out += inner }
                case "i", "em", "cite":
                    let inner = inline(children)
                    if !ImportInline.text(inner).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { out.append(.emphasis(inner)) } else { out += inner }
                case "a":
                    let inner = inline(children)
                    if let href = attributes["href"], let target = resolve(href) { out.append(.link(href: target, inner)) } else { out += inner }
                case "img":
                    if let src = attributes["src"] ?? attributes["data-src"], !src.isEmpty {
                        out.append(.image(src: src, alt: ImportText.collapse(attributes["alt"] ?? attributes["title"] ?? "")))
                    }
                default:
                    // Block elements inside inline ones (a <div> in a <span>) are read as inline text.
                    out.append(.text(" "))
                    out += inline(children)
                    out.append(.text(" "))
                }
            }
        }
        return out
    }

    /// White space collapsed as a browser does, with none at either end.
    static func trim(_ inlines: [ImportInline]) -> [ImportInline] {
        var out: [ImportInline] = []
        var pendingSpace = false
        var atStart = true
        func add(_ inlines: [ImportInline], into out: inout [ImportInline]) {
            for inline in inlines {
                switch inline {
                case .text(let s):
                    let hasLeading = s.unicodeScalars.first.map { $0.properties.isWhitespace || $0 == "\u{00A0}" } ?? false
                    let hasTrailing = s.unicodeScalars.last.map { $0.properties.isWhitespace || $0 == "\u{00A0}" } ?? false
                    let c = ImportText.collapse(s)
                    if c.isEmpty { if !s.isEmpty { pendingSpace = true }; continue }
                    if (hasLeading || pendingSpace) && !atStart { out.append(.text(" ")) }
                    out.append(.text(c))
                    atStart = false
                    pendingSpace = hasTrailing
                case .lineBreak:
                    if !atStart { out.append(.lineBreak) }
                    pendingSpace = false
                    atStart = true
                case .strong(let c), .emphasis(let c), .link(_, let c):
                    var inner: [ImportInline] = []
                    if (pendingSpace) && !atStart { out.append(.text(" ")) }
                    pendingSpace = false
                    add(c, into: &inner)
                    guard !inner.isEmpty else { continue }
                    // Spaces at the edges of bold or a link go outside it (`** x**` is not bold in Markdown).
                    let trimmedInner = trimEdges(inner)
                    switch inline {
                    case .strong: out.append(.strong(trimmedInner))
                    case .emphasis: out.append(.emphasis(trimmedInner))
                    case .link(let href, _): out.append(.link(href: href, trimmedInner))
                    default: break
                    }
                    atStart = false
                case .image:
                    if pendingSpace && !atStart { out.append(.text(" ")) }
                    out.append(inline)
                    pendingSpace = false
                    atStart = false
                }
            }
        }
        add(inlines, into: &out)
        while let last = out.last, last == .lineBreak || last == .text(" ") { out.removeLast() }
        return mergeTexts(out)
    }

    private static func trimEdges(_ inlines: [ImportInline]) -> [ImportInline] {
        var out = inlines
        while let first = out.first, first == .text(" ") || first == .lineBreak { out.removeFirst() }
        while let last = out.last, last == .text(" ") || last == .lineBreak { out.removeLast() }
        return out
    }

    private static func mergeTexts(_ inlines: [ImportInline]) -> [ImportInline] {
        var out: [ImportInline] = []
        for inline in inlines {
            if case .text(let b) = inline, case .text(let a)? = out.last {
                out[out.count - 1] = .text(a == " " && b == " " ? " " : a + b)
            } else {
                out.append(inline)
            }
        }
        return out
    }

    /// Headings and table cells keep their words, not their photos or line breaks.
    static func plain(_ inlines: [ImportInline]) -> [ImportInline] {
        inlines.compactMap { inline in
            switch inline {
            case .image: return nil
            case .lineBreak: return .text(" ")
            default: return inline
            }
        }
    }
}
