/// Atom feeds and the sitemap. Written in code rather than templates: XML escaping must be exact.
struct FeedWriter {
    let index: SiteIndex
    let routes: Routes

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
        for i in articles {
            let a = index.articles[i]
            let url = routes.absolute(routes.article(a))
            xml += "  <entry>\n"
            xml += "    <title>\(escape(a.title))</title>\n"
            xml += "    <id>\(escape(url))</id>\n"
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(escape(url))\"/>\n"
            xml += "    <published>\(a.date.rfc3339)</published>\n"
            xml += "    <updated>\(a.date.rfc3339)</updated>\n"
            xml += "    <author><name>\(escape(a.author ?? index.organizations[a.primaryOrganization]?.name ?? index.config.title))</name></author>\n"
            for ref in a.organizations {
                xml += "    <category term=\"\(escape(ref.value))\" label=\"\(escape(index.organizations[ref.value]?.name ?? ref.value))\"/>\n"
            }
            if !a.summary.isEmpty { xml += "    <summary>\(escape(a.summary))</summary>\n" }
            xml += "    <content type=\"html\">\(escape(a.bodyHTML))</content>\n"
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
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

/// Escapes text for XML and HTML content and attributes.
func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for ch in text.unicodeScalars {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default:
            // Control characters are not allowed in XML 1.0.
            if ch.value < 0x20 && ch != "\n" && ch != "\t" && ch != "\r" { continue }
            out.unicodeScalars.append(ch)
        }
    }
    return out
}
