/// Checks links in Markdown to this site: a photo or file it does not have is an error, a page
/// it does not produce a warning.
/// Only site-internal links are checked: absolute paths (`/nam/2023/`) and relative ones
/// (`anh.jpg`, `../khac/`); links with a scheme, `//host`, `#fragment` or `mailto:` are left alone.
struct LinkChecker {
    let routes: Routes
    /// Whether the site has a file at this output path (`nam/2023/index.html`).
    let outputs: (String) -> Bool
    /// The site's articles and pages by file, for links to `.md` files.
    let sources: SourceLinks

    init(routes: Routes, paths: Set<String>, sources: SourceLinks) {
        self.init(routes: routes, has: paths.contains, sources: sources)
    }

    init(routes: Routes, has: @escaping (String) -> Bool, sources: SourceLinks) {
        self.routes = routes
        self.outputs = has
        self.sources = sources
    }

    /// Problems of `links`, written in the file `source` whose page is at `pagePath`.
    func check(_ links: [Located<String>], from pagePath: String, source: String) -> Diagnostics {
        var diagnostics = Diagnostics()
        for link in links {
            if SourceLinks.isSource(link.value) {
                if sources.target(of: link.value, from: source) == nil {
                    diagnostics.error(link.location, SourcePaths.missingSource(link.value))
                }
                continue
            }
            guard let target = resolve(link.value, from: pagePath) else { continue }
            if !exists(target) {
                let to = target == link.value ? "" : " (\(target))"
                let kind = SourcePaths.target(of: target)
                switch kind {
                case .photo, .file:
                    diagnostics.error(link.location, SourcePaths.missingFile(link.value, to: to, photo: kind == .photo))
                case .page:
                    diagnostics.warning(link.location, "the link `\(link.value)`\(to) leads to a page this site does not have")
                }
            }
        }
        return diagnostics
    }

    /// The site path a link leads to, or nil when it leaves the site or cannot be checked.
    func resolve(_ url: String, from pagePath: String) -> String? {
        var u = Substring(url)
        if let cut = u.firstIndex(where: { $0 == "#" || $0 == "?" }) { u = u[..<cut] }
        guard !u.isEmpty, !u.hasPrefix("//") else { return nil }
        if let colon = u.firstIndex(of: ":"), !u[..<colon].contains("/") { return nil }  // has a scheme
        let base = routes.basePath
        var path: String
        if u.hasPrefix("/") {
            guard u.hasPrefix(base) || base == "/" else { return String(u) }
            path = "/" + u.dropFirst(base.count)
        } else {
            let dir = pagePath.hasSuffix("/") ? pagePath : String(pagePath[...pagePath.lastIndex(of: "/")!])
            path = dir + u
        }
        let joined = "/" + SourceLinks.normalized(path)
        return path.hasSuffix("/") && joined != "/" ? joined + "/" : joined
    }

    private func exists(_ path: String) -> Bool {
        let file = String(path.dropFirst())
        if path.hasSuffix("/") { return outputs(file + "index.html") }
        return outputs(file) || outputs(file + "/index.html")
    }
}
