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
        // Each article's address made once: an article gives several figures and awards.
        var sources = [String?](repeating: nil, count: index.articles.count)
        func source(_ article: Int) -> String {
            if let known = sources[article] { return known }
            let url = self.source(article)
            sources[article] = url
            return url
        }
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
    /// The CSV handed to `sink` a chunk at a time (at 100,000 articles it is 45 MB).
    func writeCSV(_ records: [Record], to sink: (Data) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { try writeCSV(records, into: Chunks($0)) }
    }

    private func writeCSV(_ records: [Record], into chunks: Chunks) throws {
        var out = chunks
        try out.append("\u{FEFF}" + Self.columns.joined(separator: ",") + "\r\n")
        var bytes: [UInt8] = []
        for record in records {
            for (k, field) in record.fields.enumerated() {
                if k > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.appendCSV(field ?? "", to: &bytes)
            }
            bytes.append(contentsOf: "\r\n".utf8)
            if bytes.count >= Chunks.size {
                try out.append(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        try out.append(bytes)
        try out.flush()
    }

    /// `csvField(text)`'s bytes appended to `out`.
    static func appendCSV(_ text: String, to out: inout [UInt8]) {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return out.append(contentsOf: text.utf8) }
        out.append(0x22)
        for b in text.utf8 {
            out.append(b)
            if b == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
    }

    /// Text gathered into chunks of about a megabyte, each handed on when full.
    struct Chunks {
        let sink: (Data) throws -> Void
        var buffer = Data()
        static let size = 1 << 20

        init(_ sink: @escaping (Data) throws -> Void) {
            self.sink = sink
            buffer.reserveCapacity(Self.size + 4096)
        }

        mutating func append(_ text: String) throws {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= Self.size { try flush() }
        }

        mutating func append(_ bytes: [UInt8]) throws {
            buffer.append(contentsOf: bytes)
            if buffer.count >= Self.size { try flush() }
        }

        mutating func flush() throws {
            guard !buffer.isEmpty else { return }
            try sink(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }


    static func csvField(_ text: String) -> String {
        var out: [UInt8] = []
        appendCSV(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same records, typed: numbers as numbers, missing values as null.
    /// The JSON handed to `sink` a chunk at a time, each record as it is made: the layout
    /// `JSONText.object` and `JSONText.array` give, without the whole text held at once.
    func writeJSON(_ records: [Record], to sink: (Data) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { try writeJSON(records, into: Chunks($0)) }
    }

    private func writeJSON(_ records: [Record], into chunks: Chunks) throws {
        var out = chunks
        func list(_ key: String, _ items: [Record], _ object: (Record, inout [UInt8]) -> Void, last: Bool) throws {
            try out.append("  \(JSONText.string(key)): ")
            if items.isEmpty {
                try out.append("[]")
            } else {
                try out.append("[\n")
                var bytes: [UInt8] = []
                for (k, r) in items.enumerated() {
                    if k > 0 { bytes.append(contentsOf: ",\n".utf8) }
                    bytes.append(contentsOf: "    ".utf8)
                    object(r, &bytes)
                    if bytes.count >= Chunks.size {
                        try out.append(bytes)
                        bytes.removeAll(keepingCapacity: true)
                    }
                }
                try out.append(bytes)
                try out.append("\n  ]")
            }
            try out.append(last ? "\n" : ",\n")
        }
        try out.append("{\n")
        try out.append("  \(JSONText.string("site")): \(JSONText.string(index.config.title)),\n")
        try out.append("  \(JSONText.string("base_url")): \(JSONText.string(index.config.baseURL)),\n")
        try list("statistics", records.filter { $0.type == "statistic" }, Self.appendStatistic, last: false)
        try list("awards", records.filter { $0.type == "award" }, Self.appendAward, last: true)
        try out.append("}\n")
        try out.flush()
    }

    /// `JSONText.object`'s layout, written as bytes field by field (at 100,000 articles the file
    /// holds 400,000 objects): `key` opens a field, `close` ends the object.
    private struct ObjectWriter {
        let indent: String
        var first = true

        mutating func key(_ name: String, _ out: inout [UInt8]) {
            out.append(contentsOf: (first ? "{\n" : ",\n").utf8)
            first = false
            out.append(contentsOf: indent.utf8)
            out.append(contentsOf: "  \"".utf8)
            out.append(contentsOf: name.utf8)  // keys are plain ASCII
            out.append(contentsOf: "\": ".utf8)
        }

        func close(_ out: inout [UInt8]) {
            out.append(0x0A)
            out.append(contentsOf: indent.utf8)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The fields statistics and awards share, in their order.
    private static func appendShared(_ r: Record, _ o: inout ObjectWriter, _ out: inout [UInt8]) {
        o.key("organization", &out); JSONText.append(r.organization, to: &out)
        o.key("organization_name", &out); JSONText.append(r.organizationName, to: &out)
        o.key("year", &out); out.append(contentsOf: String(r.year).utf8)
        o.key("key", &out); JSONText.append(r.key, to: &out)
        o.key("label", &out); JSONText.append(r.label, to: &out)
        o.key("value", &out); out.append(contentsOf: r.value.utf8)
    }

    private static func appendStatistic(_ r: Record, _ out: inout [UInt8]) {
        var o = ObjectWriter(indent: "    ")
        appendShared(r, &o, &out)
        o.key("unit", &out); JSONText.append(r.unit, to: &out)
        o.key("source_url", &out); JSONText.append(r.sourceURL, to: &out)
        o.key("replaced", &out)
        if r.replaced.isEmpty {
            out.append(contentsOf: "[]".utf8)
        } else {
            out.append(contentsOf: "[\n".utf8)
            for (k, x) in r.replaced.enumerated() {
                if k > 0 { out.append(contentsOf: ",\n".utf8) }
                out.append(contentsOf: "        ".utf8)
                var inner = ObjectWriter(indent: "        ")
                inner.key("value", &out); out.append(contentsOf: x.value.utf8)
                inner.key("source_url", &out); JSONText.append(x.sourceURL, to: &out)
                inner.close(&out)
            }
            out.append(contentsOf: "\n      ]".utf8)
        }
        o.close(&out)
    }

    private static func appendAward(_ r: Record, _ out: inout [UInt8]) {
        var o = ObjectWriter(indent: "    ")
        appendShared(r, &o, &out)
        o.key("recipient_kind", &out); JSONText.append(r.recipientKind, to: &out)
        o.key("recipient", &out); JSONText.append(r.recipient, to: &out)
        o.key("issuer", &out); JSONText.append(r.issuer, to: &out)
        o.key("source_url", &out); JSONText.append(r.sourceURL, to: &out)
        o.close(&out)
    }
}
