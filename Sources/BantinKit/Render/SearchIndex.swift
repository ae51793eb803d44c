/// The search index the search page's script reads: one entry per article, organization and
/// page, with what a result shows and a folded text to match against. Folding (lower case,
/// no diacritics, `đ` → `d`, words joined by single spaces) is done here, once, so the script
/// folds only the query and `khuyen hoc` finds `khuyến học`.
struct SearchIndex {
    let index: SiteIndex
    let routes: Routes
    let strings: UIStrings

    /// Longest summary shown under a result, in characters.
    static let summaryLength = 220

    struct Entry {
        var url: String
        var title: String
        var kind: String
        var date: String?
        var organizations: String?
        var summary: String?
        var text: String
    }

    var entries: [Entry] {
        let language = index.config.language
        var out: [Entry] = []
        for a in index.articles {
            var seen = Set<String>()
            let orgs = a.organizations.map(\.value).filter { seen.insert($0).inserted }.compactMap { index.organizations[$0] }
            let summary = a.summary.isEmpty ? nil : a.summary
            out.append(Entry(
                url: routes.link(routes.article(a)), title: a.title, kind: a.meeting?.kind ?? strings["article"],
                date: language.format(a.date.local), organizations: orgs.map(\.displayName).joined(separator: ", "),
                summary: summary.map(Self.shorten),
                text: Self.fold([a.title, orgs.map { "\($0.name) \($0.displayName)" }.joined(separator: " "), a.summary,
                                 a.tags.joined(separator: " "), a.meeting?.location ?? "", Self.plainText(a.bodyHTML)].joined(separator: " "))))
        }
        for id in index.organizationIDs {
            let org = index.organizations[id]!
            out.append(Entry(
                url: routes.link(routes.organization(id)), title: org.name, kind: strings["organization"], date: nil,
                organizations: nil, summary: org.summary.map(Self.shorten),
                text: Self.fold([org.name, org.displayName, id, org.level ?? "", Self.plainText(org.descriptionHTML)].joined(separator: " "))))
        }
        for page in index.pages {
            out.append(Entry(
                url: routes.link(routes.page(page)), title: page.title, kind: strings["page_kind"], date: nil, organizations: nil,
                summary: page.summary.map(Self.shorten), text: Self.fold(page.title + " " + Self.plainText(page.bodyHTML))))
        }
        return out
    }

    /// Compact JSON, one entry per line: `{"u":…,"t":…,"k":…,"d":…,"o":…,"s":…,"x":…}`.
    func json() -> String {
        let lines = entries.map { e in
            var fields = ["\"u\":\(JSONText.string(e.url))", "\"t\":\(JSONText.string(e.title))", "\"k\":\(JSONText.string(e.kind))"]
            if let d = e.date { fields.append("\"d\":\(JSONText.string(d))") }
            if let o = e.organizations, !o.isEmpty { fields.append("\"o\":\(JSONText.string(o))") }
            if let s = e.summary { fields.append("\"s\":\(JSONText.string(s))") }
            fields.append("\"x\":\(JSONText.string(e.text))")
            return "{" + fields.joined(separator: ",") + "}"
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    /// Lower-case ASCII words separated by single spaces; other scripts are kept as they are.
    static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for scalar in Slug.fold(text).unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if space && !out.isEmpty { out.append(" ") }
                space = false
                out.append(scalar)
            } else {
                space = true
            }
        }
        return String(out)
    }

    static func shorten(_ text: String) -> String {
        guard text.count > summaryLength else { return text }
        let cut = text.prefix(summaryLength)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }

    /// The text of rendered HTML: tags dropped, the entities cmark writes decoded.
    static func plainText(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var inTag = false
        var entity: String?
        for ch in html {
            if inTag {
                if ch == ">" { inTag = false; out.append(" ") }
                continue
            }
            if var e = entity {
                if ch == ";" {
                    out += decode(e)
                    entity = nil
                } else if e.count > 10 || ch == "&" || ch == "<" || ch.isWhitespace {
                    out += "&" + e
                    entity = nil
                    if ch == "<" { inTag = true } else { out.append(ch) }
                } else {
                    e.append(ch)
                    entity = e
                }
                continue
            }
            switch ch {
            case "<": inTag = true
            case "&": entity = ""
            default: out.append(ch)
            }
        }
        if let e = entity { out += "&" + e }
        return out
    }

    private static func decode(_ entity: String) -> String {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "nbsp": return " "
        default:
            if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let v = UInt32(entity.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) { return String(s) }
            if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let s = Unicode.Scalar(v) { return String(s) }
            return "&\(entity);"
        }
    }
}
