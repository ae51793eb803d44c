/// Atom feeds and the sitemap. Written in code rather than templates: XML escaping must be exact.
struct FeedWriter {
    let index: SiteIndex
    let routes: Routes
    /// An article's body, kept or read again (`ArticleBodies`).
    var body: (Article) -> String = { $0.bodyHTML }

    func atom(title: String, path: String, alternate: String, articles: [Int]) -> String {
        let updated = articles.first.map { index.articles[$0].date.rfc3339 } ?? "1970-01-01T00:00:00Z"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(index.config.language.rawValue)">
          <title>\(escape(title))</title>
          <id>\(escape(routes.absolute(path)))</id>
          <link rel="self" type="application/atom+xml" href="\(escape(routes.absolute(path)))"/>
          <link rel="alternate" type="text/html" href="\(escape(routes.absolute(alternate)))"/>
          <updated>\(updated)</updated>

        """
        for i in articles { xml += entry(i) }
        return xml + "</feed>\n"
    }

    /// Article `i`'s `<entry>`, from its opening line to its closing one. Its second line is the
    /// `<id>`, which is how an incremental build finds it again.
    func entry(_ i: Int) -> String {
        let a = index.articles[i]
        let url = routes.absolute(index.address(i))
        var xml = "  <entry>\n"
        xml += "    <id>\(escape(url))</id>\n"
        xml += "    <title>\(escape(a.title))</title>\n"
        xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(escape(url))\"/>\n"
        xml += "    <published>\(a.date.rfc3339)</published>\n"
        xml += "    <updated>\(a.date.rfc3339)</updated>\n"
        xml += "    <author><name>\(escape(a.author ?? index.organizations[a.primaryOrganization]?.name ?? index.config.title))</name></author>\n"
        for ref in a.organizations {
            xml += "    <category term=\"\(escape(ref.value))\" label=\"\(escape(index.organizations[ref.value]?.name ?? ref.value))\"/>\n"
        }
        if !a.summary.isEmpty { xml += "    <summary>\(escape(a.summary))</summary>\n" }
        xml += "    <content type=\"html\">\(escape(body(a)))</content>\n"
        xml += "  </entry>\n"
        return xml
    }

    func sitemap(pages: [String]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages.sorted() {
            let path = "/" + (page.hasSuffix("index.html") ? String(page.dropLast("index.html".count)) : page)
            xml += "  <url><loc>\(escape(routes.absolute(path)))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
