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
        for i in articles { xml += entry(i) }
        return xml + "</feed>\n"
    }

    /// Article `i`'s `<entry>`, from its opening line to its closing one. Its second line is the
    /// `<id>`, which is how an incremental build finds it again.
    func entry(_ i: Int) -> String {
        let a = index.articles[i]
        let url = routes.absolute(routes.article(a))
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
        xml += "    <content type=\"html\">\(escape(a.bodyHTML))</content>\n"
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

/// Escapes text for XML and HTML content and attributes, and drops the control characters XML
/// 1.0 does not allow. Works on UTF-8 bytes (the escaped characters are all ASCII), with a fast
/// path for text that needs nothing: feeds escape every article body, and the scalar-by-scalar
/// version was a twentieth of a 1,000-article build.
func escape(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes -> String in
        var out: [UInt8] = []
        var clean = 0  // bytes before this one that need nothing, not yet copied
        for i in 0..<bytes.count {
            let replacement: StaticString
            switch bytes[i] {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            case let b where b < 0x20 && b != 0x0A && b != 0x09 && b != 0x0D: replacement = ""
            default: continue
            }
            if out.isEmpty { out.reserveCapacity(bytes.count + bytes.count / 8) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean..<i]))
            replacement.withUTF8Buffer { out.append(contentsOf: $0) }
            clean = i + 1
        }
        if clean == 0 { return String(decoding: bytes, as: UTF8.self) }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean...]))
        return String(decoding: out, as: UTF8.self)
    }
}
