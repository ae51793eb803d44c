import Foundation

/// `/so-lieu/data.csv` and `/so-lieu/data.json`: every figure (as it stands after the
/// latest-article rule) and every award, each with its organization, year and source article,
/// for journalists and analysts. Columns and keys keep this order from release to release.
struct DataExport {
    let index: SiteIndex
    let routes: Routes

    static let columns = [
        "type", "organization", "organization_name", "year", "key", "label", "value", "unit",
        "recipient_kind", "recipient", "issuer", "source_url",
        // Added later, so at the end: the figure a later article corrected, and where it was.
        "replaced_value", "replaced_source_url",
    ]

    /// One row of the CSV; nil is an empty field.
    struct Record {
        var type: String
        var organization: String
        var organizationName: String
        var year: Int
        var key: String
        var label: String
        var value: String
        var unit: String?
        var recipientKind: String?
        var recipient: String?
        var issuer: String?
        var sourceURL: String
        /// Earlier articles' different figures for the same organization, key and year, newest first.
        var replaced: [(value: String, sourceURL: String)] = []

        var fields: [String?] {
            [type, organization, organizationName, String(year), key, label, value, unit, recipientKind, recipient, issuer, sourceURL,
             replaced.first?.value, replaced.first?.sourceURL]
        }
    }

    func name(_ id: String) -> String { index.organizations[id]?.name ?? id }
    func source(_ article: Int) -> String { routes.absolute(routes.article(index.articles[article])) }

    /// Statistics in the statistics page's order (catalog, then key; organization; year), then
    /// awards newest article first.
    var records: [Record] {
        var out: [Record] = []
        for series in index.statistics {
            for f in series.facts {
                var record = Record(type: "statistic", organization: f.organization, organizationName: name(f.organization), year: f.year,
                                    key: f.key, label: series.label, value: f.value.plain, unit: series.unit,
                                    recipientKind: nil, recipient: nil, issuer: nil, sourceURL: source(f.article))
                record.replaced = f.replaced.filter { $0.value != f.value }.map { ($0.value.plain, source($0.article)) }
                out.append(record)
            }
        }
        for r in index.awards {
            let a = r.award
            out.append(Record(type: "award", organization: a.organization.value, organizationName: name(a.organization.value), year: a.year,
                              key: Slug.make(a.title), label: a.title, value: String(a.count), unit: nil,
                              recipientKind: a.recipientKind.rawValue, recipient: a.recipient, issuer: a.issuer, sourceURL: source(r.article)))
        }
        return out
    }

    /// RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
    /// It starts with UTF-8's byte-order mark: without it Excel on Windows, where staff open
    /// it, reads the file in the system's code page and shows Vietnamese as garbage.
    func csv(_ records: [Record]) -> String { String(decoding: csvData(records), as: UTF8.self) }

    /// The CSV as bytes, written into one buffer (at 100,000 articles it is 45 MB).
    func csvData(_ records: [Record]) -> Data {
        var out = Data()
        out.append(contentsOf: ("\u{FEFF}" + Self.columns.joined(separator: ",") + "\r\n").utf8)
        for record in records {
            for (k, field) in record.fields.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: Self.csvField(field ?? "").utf8)
            }
            out.append(contentsOf: "\r\n".utf8)
        }
        return out
    }

    static func csvField(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The same records, typed: numbers as numbers, missing values as null.
    func json(_ records: [Record]) -> String { String(decoding: jsonData(records), as: UTF8.self) }

    /// The JSON as bytes, each record appended as it is made: the layout `JSONText.object` and
    /// `JSONText.array` give, without every record's text held in a list first.
    func jsonData(_ records: [Record]) -> Data {
        var out = Data()
        func list(_ key: String, _ items: [Record], _ object: (Record) -> String, last: Bool) {
            out.append(contentsOf: "  \(JSONText.string(key)): ".utf8)
            if items.isEmpty {
                out.append(contentsOf: "[]".utf8)
            } else {
                out.append(contentsOf: "[\n".utf8)
                for (k, r) in items.enumerated() {
                    if k > 0 { out.append(contentsOf: ",\n".utf8) }
                    out.append(contentsOf: "    ".utf8)
                    out.append(contentsOf: object(r).utf8)
                }
                out.append(contentsOf: "\n  ]".utf8)
            }
            out.append(contentsOf: (last ? "\n" : ",\n").utf8)
        }
        out.append(contentsOf: "{\n".utf8)
        out.append(contentsOf: "  \(JSONText.string("site")): \(JSONText.string(index.config.title)),\n".utf8)
        out.append(contentsOf: "  \(JSONText.string("base_url")): \(JSONText.string(index.config.baseURL)),\n".utf8)
        list("statistics", records.filter { $0.type == "statistic" }, Self.statisticObject, last: false)
        list("awards", records.filter { $0.type == "award" }, Self.awardObject, last: true)
        out.append(contentsOf: "}\n".utf8)
        return out
    }

    static func statisticObject(_ r: Record) -> String {
        JSONText.object([
            ("organization", JSONText.string(r.organization)), ("organization_name", JSONText.string(r.organizationName)),
            ("year", String(r.year)), ("key", JSONText.string(r.key)), ("label", JSONText.string(r.label)),
            ("value", r.value), ("unit", JSONText.string(r.unit)), ("source_url", JSONText.string(r.sourceURL)),
            ("replaced", JSONText.array(r.replaced.map { JSONText.object([("value", $0.value), ("source_url", JSONText.string($0.sourceURL))], indent: "        ") }, indent: "      ")),
        ], indent: "    ")
    }

    static func awardObject(_ r: Record) -> String {
        JSONText.object([
            ("organization", JSONText.string(r.organization)), ("organization_name", JSONText.string(r.organizationName)),
            ("year", String(r.year)), ("key", JSONText.string(r.key)), ("label", JSONText.string(r.label)),
            ("value", r.value), ("recipient_kind", JSONText.string(r.recipientKind)), ("recipient", JSONText.string(r.recipient)),
            ("issuer", JSONText.string(r.issuer)), ("source_url", JSONText.string(r.sourceURL)),
        ], indent: "    ")
    }
}
