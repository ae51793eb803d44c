import Foundation

/// What an old page holds, whichever form it came in (a saved HTML page or a text copy): its
/// title, the lines that may give its date or author, its address and site, and its body.
struct PortalPage: Sendable {
    var title: String?
    /// Short texts near the title (a date line, a byline), in page order: where the page's date is.
    var headerLines: [String] = []
    /// A date the page states in its markup (`article:published_time`, `<time datetime>`).
    var machineDate: String?
    var author: String?
    var siteName: String?
    var url: String?
    var blocks: [ImportBlock] = []
    /// Links and photos that could not be kept as they were, for the report.
    var notes: [String] = []
}

extension PortalPage {
    /// A saved HTML page. `resolve` makes a page-relative address absolute (see `HTMLToBlocks`).
    static func html(_ root: HTMLNode) -> PortalPage {
        var page = PortalPage()
        var metas: [String: String] = [:]
        var canonical: String?
        var documentTitle: String?
        root.elements { node in
            switch node.name {
            case "meta":
                if let key = (node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop"))?.lowercased(),
                   let content = node.attribute("content"), metas[key] == nil {
                    metas[key] = ImportText.collapse(content)
                }
            case "link":
                if node.attribute("rel")?.lowercased() == "canonical", canonical == nil { canonical = node.attribute("href") }
            case "title":
                if documentTitle == nil { documentTitle = node.text }
            default: break
            }
        }
        page.url = [canonical, metas["og:url"]].compactMap { $0 }.first { $0.hasPrefix("http://") || $0.hasPrefix("https://") }
        page.siteName = metas["og:site_name"]
        page.machineDate = metas["article:published_time"] ?? metas["datepublished"] ?? metas["pubdate"] ?? metas["date"]
        page.author = metas["author"] ?? metas["article:author"]

        let body = root.first { $0.name == "body" } ?? root
        page.title = metas["og:title"] ?? title(body, documentTitle: documentTitle)
        let content = mainContent(body)
        if page.machineDate == nil { page.machineDate = body.first { $0.name == "time" && $0.attribute("datetime") != nil }?.attribute("datetime") }
        page.headerLines = dateLines(body, before: content)
        if page.author == nil { page.author = byline(body) }

        var notes: [String] = []
        let base = page.url
        var converter = HTMLToBlocks(resolve: { href in resolveLink(href, base: base, notes: &notes) })
        var blocks = converter.convert(strip(content))
        blocks = cleaned(blocks, title: page.title)
        // A signature at the end (`<p align="right"><b>Minh Đức</b></p>`) is the author.
        if page.author == nil, case .paragraph? = blocks.last, let last = blocks.last, isName(last.text) {
            page.author = last.text
            blocks.removeLast()
        }
        page.blocks = blocks
        page.notes = notes
        return page
    }

    /// The page's <h1>, else what the CMS marks as the headline or title (old portals print it
    /// in a styled <span>), else <title> without the site's name.
    static func title(_ body: HTMLNode, documentTitle: String?) -> String? {
        let heading = body.first { $0.name == "h1" && !$0.text.isEmpty }
        let marked = body.first { node in
            let t = node.text
            guard t.count >= 15, t.count <= 300, node.name != "title", !Clutter.isPortalPart(node) else { return false }
            if node.attribute("itemprop")?.lowercased() == "headline" { return true }
            return node.marks.split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).contains { ["title", "tieude", "headline", "contentheading"].contains(String($0)) }
                && !node.marks.contains("site-title") && !node.marks.contains("sitetitle")
        }
        return heading?.text ?? marked?.text ?? documentTitle.map(titlePart)
    }

    /// The element marked as the author (the innermost), else the byline, without "bởi" or "Tác giả:".
    static func byline(_ body: HTMLNode) -> String? {
        guard let node = body.first(where: { node in
            node.attribute("rel") == "author" || node.attribute("itemprop") == "author"
                || node.marks.split(separator: " ").contains { $0 == "author" || $0.contains("tacgia") || $0.contains("tac-gia") }
        }) ?? body.first(where: { $0.marks.contains("byline") }) else { return nil }
        var text = node.text
        for lead in ["bởi ", "by ", "tác giả:", "người viết:", "tác giả ", "bài:"] where text.lowercased().hasPrefix(lead) {
            text = String(text.dropFirst(lead.count)).trimmingCharacters(in: .whitespaces)
        }
        return !text.isEmpty && text.count < 80 ? text : nil
    }

    /// `Tên bài - Cổng thông tin điện tử tỉnh X`: the longest part is the article's.
    static func titlePart(_ title: String) -> String {
        var parts = [title]
        for separator in [" | ", " - ", " – ", " :: "] where title.contains(separator) {
            parts = title.components(separatedBy: separator)
            break
        }
        return parts.max { $0.count < $1.count }?.trimmingCharacters(in: .whitespaces) ?? title
    }

    /// The article's own element: one the CMS names as such, else `<article>` or `<main>`, else
    /// the element whose own paragraphs hold the most text that is not links.
    static func mainContent(_ body: HTMLNode) -> HTMLNode {
        let named = ["articlebody", "entry-content", "post-content", "article-content", "news-content", "content-detail",
                     "detail-content", "noidung", "noi-dung", "chitiet", "chi-tiet", "itemfulltext", "article-body",
                     "td-post-content", "news-detail", "newsdetail", "item-page", "journal-content-article", "single-content"]
        if let node = body.first(where: { $0.attribute("itemprop")?.lowercased() == "articlebody" }) { return node }
        for name in named {
            if let node = body.first(where: { node in
                node.marks.split(whereSeparator: { $0 == " " }).contains { $0 == name[...] || $0.hasPrefix(name + "-") || $0.hasSuffix("-" + name) }
            }), node.text.count > 100 { return node }
        }
        if let node = body.first(where: { ($0.name == "article" || $0.name == "main") && $0.text.count > 200 }) { return node }
        var best = body
        var bestScore = 0
        body.elements { node in
            guard let name = node.name, ["div", "td", "section", "article", "main"].contains(name), !Clutter.isPortalPart(node) else { return }
            var score = 0
            for child in node.children {
                switch child {
                case .text(let s): score += ImportText.collapse(s).count
                case .element(let n, _, _):
                    if n == "p" || n == "h2" || n == "h3" || n == "blockquote" || n == "ul" || n == "ol" || n == "span" || n == "font" || n == "strong" || n == "b" {
                        score += child.text.count - 2 * linkText(child)
                    }
                }
            }
            if score > bestScore { bestScore = score; best = node }
        }
        return best
    }

    static func linkText(_ node: HTMLNode) -> Int {
        var n = 0
        node.elements { if $0.name == "a" { n += $0.text.count } }
        return n
    }

    /// The content without the parts no article has: scripts, forms, share bars, related lists,
    /// elements whose class says they are a counter or a rating.
    static func strip(_ node: HTMLNode) -> HTMLNode {
        guard case .element(let name, let attributes, let children) = node else { return node }
        let kept = children.compactMap { child -> HTMLNode? in
            guard let childName = child.name else { return child }
            if HTMLToBlocks.skipped.contains(childName) || Clutter.isPortalPart(child) { return nil }
            if childName == "h1" { return nil }  // the title, which the front-matter has
            return strip(child)
        }
        return .element(name: name, attributes: attributes, children: kept)
    }

    /// Short texts outside the content and before it (the date line under the title is there
    /// on most portals), then the content's own first short lines.
    static func dateLines(_ body: HTMLNode, before content: HTMLNode) -> [String] {
        var lines: [String] = []
        func visit(_ node: HTMLNode) {
            switch node {
            case .text(let s):
                let t = ImportText.collapse(s)
                if !t.isEmpty && t.count < 120 { lines.append(t) }
            case .element(let name, _, let children):
                if HTMLToBlocks.skipped.contains(name) { return }
                if name == "time" || node.marks.contains("date") || node.marks.contains("time") || node.marks.contains("ngay") {
                    let t = node.text
                    if !t.isEmpty && t.count < 120 { lines.append(t) }
                }
                for child in children { visit(child) }
            }
        }
        visit(body)
        return lines
    }

    static func resolveLink(_ href: String, base: String?, notes: inout [String]) -> String? {
        let href = href.trimmingCharacters(in: .whitespaces)
        let lower = href.lowercased()
        if lower.isEmpty || lower.hasPrefix("#") || lower.hasPrefix("javascript:") { return nil }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") { return href }
        if let base, let url = URL(string: href, relativeTo: URL(string: base)), let absolute = url.absoluteURL.absoluteString.removingPercentEncoding ?? Optional(url.absoluteURL.absoluteString) {
            return absolute
        }
        notes.append("link kept as text (the page does not say its address, so `\(href)` cannot be made absolute)")
        return nil
    }

    /// The body without the portal's leftovers: noise lines, everything from a "related news"
    /// heading on, the title repeated at the top, a lone bullet.
    static func cleaned(_ blocks: [ImportBlock], title: String?) -> [ImportBlock] {
        var out: [ImportBlock] = []
        let foldedTitle = title.map { ImportText.fold($0) }
        for block in blocks {
            let text = block.text
            if case .image = block { out.append(block); continue }
            if Clutter.endsArticle(text) && out.contains(where: { if case .paragraph = $0 { return true }; return false }) { break }
            if Clutter.isNoise(text) { continue }
            if out.isEmpty, let foldedTitle, ImportText.fold(text) == foldedTitle { continue }
            out.append(block)
        }
        return out
    }
}
