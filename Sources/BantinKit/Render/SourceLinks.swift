import Foundation

/// Markdown links to another article's or page's file (`[bài tổng kết](../tong-ket-2023.md)`, or
/// the path from `content/`: `tin/vu-quang/tong-ket-2023.md`), as Hugo's `relref` and Zola's `@/`:
/// they lead to that article's address, whatever its slug or date. A link to a `.md` file the site
/// does not have is an error, found by the link check before anything is written.
struct SourceLinks {
    /// Site path of every article and page, by its file (`content/tin/x.md` → `/2024/x/`).
    let addresses: [String: String]

    init(index: SiteIndex, routes: Routes) {
        var addresses: [String: String] = [:]
        for (i, a) in index.articles.enumerated() { addresses[a.path] = index.address(i) }
        for p in index.pages { addresses[p.path] = routes.page(p) }
        self.addresses = addresses
    }

    /// Whether `url` names a Markdown file (see `SourcePaths`).
    static func isSource(_ url: String) -> Bool { SourcePaths.isSource(url) }

    /// The file `url` names, written in the file at `from` (`content/…`): relative to that
    /// file's folder, else from `content/`; nil when neither is an article or page of the site.
    func target(of url: String, from source: String) -> String? {
        Self.candidates(of: url, from: source).first { addresses[$0] != nil }
    }

    static func candidates(of url: String, from source: String) -> [String] { SourcePaths.candidates(of: url, from: source) }

    /// `a/b/../c/./d.md` → `a/c/d.md` (see `SourcePaths`).
    static func normalized(_ path: String) -> String { SourcePaths.normalized(path) }

    /// The site path `url` leads to (with its `#fragment`), or nil when it names no file of the site.
    func address(of url: String, from source: String) -> String? {
        guard let file = target(of: url, from: source), let address = addresses[file] else { return nil }
        let fragment = url.firstIndex(of: "#").map { String(url[$0...]) } ?? ""
        return address + fragment
    }

    /// `html` with each `href` that names a Markdown file of the site replaced by its address
    /// (`link` makes it the form pages use). Bodies without such a link are returned as they are.
    func rewrite(_ html: String, from source: String, link: (String) -> String) -> String {
        guard html.contains(".md") else { return html }
        var out = ""
        var rest = Substring(html)
        while let start = rest.range(of: "href=\"") {
            out += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let value = String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&")
            if Self.isSource(value), let address = address(of: value, from: source) {
                out += escapeHTML(link(address))
            } else {
                out += rest[..<end]
            }
            rest = rest[end...]
        }
        return out + rest
    }

    /// `index` with every article's and page's body linking to addresses instead of files.
    static func resolved(_ index: SiteIndex, routes: Routes, links: SourceLinks? = nil) -> SiteIndex {
        let links = links ?? SourceLinks(index: index, routes: routes)
        var index = index
        for i in index.articles.indices where index.articles[i].links.contains(where: { isSource($0.value) }) {
            index.articles[i].bodyHTML = links.rewrite(index.articles[i].bodyHTML, from: index.articles[i].path, link: routes.link)
        }
        for i in index.pages.indices where index.pages[i].links.contains(where: { isSource($0.value) }) {
            index.pages[i].bodyHTML = links.rewrite(index.pages[i].bodyHTML, from: index.pages[i].path, link: routes.link)
        }
        return index
    }
}
