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

    func name(_ id: String) -> String { index.organizations[id]?.name ?? id }
    func source(_ article: Int) -> String { routes.absolute(index.address(article)) }

    /// RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
    /// It starts with UTF-8's byte-order mark: without it Excel on Windows, where staff open
    /// it, reads the file in the system's code page and shows Vietnamese as garbage.
    /// The CSV handed to `sink` a chunk at a time (at 100,000 articles it is 45 MB).
    func writeCSV(to sink: (Data) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { try writeCSV(into: Chunks($0)) }
    }

    private func writeCSV(into chunks: Chunks) throws {
        var out = chunks
        try out.append("\u{FEFF}" + Self.columns.joined(separator: ",") + "\r\n")
        var known = Fields(self, csv: true)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Chunks.size + 4096)
        // Fields written one after another, each followed by its comma (the last by the line's end).
        func field(_ value: Field) {
            bytes.append(contentsOf: value.bytes)
            bytes.append(UInt8(ascii: ","))
        }
        func number(_ value: Number) {
            Self.append(value, to: &bytes)
            bytes.append(UInt8(ascii: ","))
        }
        for (s, series) in index.statistics.enumerated() {
            let (key, label, unit) = known.series[s]
            for f in series.facts {
                let organization = known.organization(f.organization)
                field(known.statistic); field(organization.id); field(organization.name)
                number(.integer(f.year)); field(key); field(label); number(f.value); field(unit)
                bytes.append(contentsOf: ",,,".utf8)  // recipient_kind, recipient, issuer
                field(known.source(f.article))
                if let replaced = f.replaced.first(where: { $0.value != f.value }) {
                    Self.append(replaced.value, to: &bytes)
                    bytes.append(UInt8(ascii: ","))
                    bytes.append(contentsOf: known.source(replaced.article).bytes)
                } else {
                    bytes.append(UInt8(ascii: ","))
                }
                bytes.append(contentsOf: "\r\n".utf8)
                if bytes.count >= Chunks.size {
                    try out.append(bytes)
                    bytes.removeAll(keepingCapacity: true)
                }
            }
        }
        for r in index.awards {
            let a = r.award
            let organization = known.organization(a.organization.value)
            let title = known.award(a.title)
            field(known.award); field(organization.id); field(organization.name)
            number(.integer(a.year)); field(title.key); field(title.label); number(.integer(a.count))
            bytes.append(UInt8(ascii: ","))  // unit
            field(Field(a.recipientKind.rawValue, csv: true)); field(Field(a.recipient, csv: true)); field(Field(a.issuer, csv: true))
            field(known.source(r.article))
            bytes.append(contentsOf: ",\r\n".utf8)  // replaced_value, replaced_source_url
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

    static func csvField(_ text: String) -> String {
        var out: [UInt8] = []
        appendCSV(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same rows, typed: numbers as numbers, missing values as null.
    /// The JSON handed to `sink` a chunk at a time, each record as it is made: the layout
    /// `JSONText.object` and `JSONText.array` give, without the whole text held at once.
    func writeJSON(to sink: (Data) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { try writeJSON(into: Chunks($0)) }
    }

    private func writeJSON(into chunks: Chunks) throws {
        var out = chunks
        var known = Fields(self, csv: false)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Chunks.size + 4096)
        /// The list `key` of `count` objects, each written by `object(k)`.
        func list(_ key: String, count: Int, last: Bool, _ object: (Int, inout [UInt8]) -> Void) throws {
            try out.append("  \(JSONText.string(key)): ")
            if count == 0 {
                try out.append("[]")
            } else {
                try out.append("[\n")
                for k in 0..<count {
                    if k > 0 { bytes.append(contentsOf: ",\n".utf8) }
                    bytes.append(contentsOf: "    ".utf8)
                    object(k, &bytes)
                    if bytes.count >= Chunks.size {
                        try out.append(bytes)
                        bytes.removeAll(keepingCapacity: true)
                    }
                }
                try out.append(bytes)
                bytes.removeAll(keepingCapacity: true)
                try out.append("\n  ]")
            }
            try out.append(last ? "\n" : ",\n")
        }
        try out.append("{\n")
        try out.append("  \(JSONText.string("site")): \(JSONText.string(index.config.title)),\n")
        try out.append("  \(JSONText.string("base_url")): \(JSONText.string(index.config.baseURL)),\n")
        let facts = index.statistics.enumerated().flatMap { s, series in series.facts.indices.map { (s, $0) } }
        try list("statistics", count: facts.count, last: false) { k, out in
            appendStatistic(index.statistics[facts[k].0].facts[facts[k].1], series: facts[k].0, &known, &out)
        }
        try list("awards", count: index.awards.count, last: true) { k, out in appendAward(index.awards[k], &known, &out) }
        try out.append("}\n")
        try out.flush()
    }

    private func appendStatistic(_ f: StatisticFact, series s: Int, _ known: inout Fields, _ out: inout [UInt8]) {
        let series = known.series[s]
        let organization = known.organization(f.organization)
        let keys = Self.statisticKeys
        Self.appendShared(keys, organization, year: f.year, key: series.key, label: series.label, value: f.value, to: &out)
        out.append(contentsOf: keys[6]); out.append(contentsOf: series.unit.bytes)
        out.append(contentsOf: keys[7]); out.append(contentsOf: known.source(f.article).bytes)
        out.append(contentsOf: keys[8])
        let replaced = f.replaced.filter { $0.value != f.value }
        if replaced.isEmpty {
            out.append(contentsOf: "[]".utf8)
        } else {
            out.append(contentsOf: "[\n".utf8)
            for (k, x) in replaced.enumerated() {
                if k > 0 { out.append(contentsOf: ",\n".utf8) }
                out.append(contentsOf: "        ".utf8)
                var inner = ObjectWriter(indent: "        ")
                inner.key("value", &out); out.append(contentsOf: x.value.plain.utf8)
                inner.key("source_url", &out); out.append(contentsOf: known.source(x.article).bytes)
                inner.close(&out)
            }
            out.append(contentsOf: "\n      ]".utf8)
        }
        out.append(contentsOf: Self.objectEnd)
    }

    /// The six fields statistics and awards share, in their order, each opened by `keys`.
    private static func appendShared(_ keys: [[UInt8]], _ organization: (id: Field, name: Field), year: Int, key: Field, label: Field,
                                     value: Number, to out: inout [UInt8]) {
        out.append(contentsOf: keys[0]); out.append(contentsOf: organization.id.bytes)
        out.append(contentsOf: keys[1]); out.append(contentsOf: organization.name.bytes)
        out.append(contentsOf: keys[2]); append(.integer(year), to: &out)
        out.append(contentsOf: keys[3]); out.append(contentsOf: key.bytes)
        out.append(contentsOf: keys[4]); out.append(contentsOf: label.bytes)
        out.append(contentsOf: keys[5]); append(value, to: &out)
    }

    /// What opens each field of a statistic's object, in `ObjectWriter`'s layout (an object a
    /// row: made once, not field by field).
    private static let statisticKeys: [[UInt8]] = keyLines(["organization", "organization_name", "year", "key", "label", "value", "unit", "source_url", "replaced"])
    private static let awardKeys: [[UInt8]] = keyLines(["organization", "organization_name", "year", "key", "label", "value", "recipient_kind", "recipient", "issuer", "source_url"])
    private static let objectEnd = Array("\n    }".utf8)

    private static func keyLines(_ names: [String]) -> [[UInt8]] {
        names.enumerated().map { k, name in Array(((k == 0 ? "{\n" : ",\n") + "      \"" + name + "\": ").utf8) }
    }

    /// A number as `Number.plain` writes it, integers without making a string.
    private static func append(_ value: Number, to out: inout [UInt8]) {
        guard case .integer(let n) = value else { return out.append(contentsOf: value.plain.utf8) }
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = n.magnitude
        var digits = (UInt64(0), UInt64(0), UInt64(0))  // 24 bytes: room for any Int's digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: buffer[(24 - count)...])
        }
    }

    private func appendAward(_ r: AwardRecord, _ known: inout Fields, _ out: inout [UInt8]) {
        let a = r.award
        let title = known.award(a.title)
        let organization = known.organization(a.organization.value)
        let keys = Self.awardKeys
        Self.appendShared(keys, organization, year: a.year, key: title.key, label: title.label, value: .integer(a.count), to: &out)
        out.append(contentsOf: keys[6]); JSONText.append(a.recipientKind.rawValue, to: &out)
        out.append(contentsOf: keys[7]); JSONText.append(a.recipient, to: &out)
        out.append(contentsOf: keys[8]); JSONText.append(a.issuer, to: &out)
        out.append(contentsOf: keys[9]); out.append(contentsOf: known.source(r.article).bytes)
        out.append(contentsOf: Self.objectEnd)
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

    /// A field's bytes as one of the files writes it: JSON (quoted and escaped, or `null`), or
    /// CSV (quoted when it must be; empty for nil).
    struct Field {
        var bytes: [UInt8] = []

        init(_ text: String?, csv: Bool) {
            if csv { DataExport.appendCSV(text ?? "", to: &bytes) } else { JSONText.append(text, to: &bytes) }
        }

    }

    /// The text that recurs from row to row (an organization's name, an article's address, a
    /// series' key, label and unit, an award's title and its slug), encoded once for a file: at
    /// 100,000 articles a file holds 240,000 rows, and escaping every field of every row again
    /// was most of its time.
    struct Fields {
        let export: DataExport
        let csv: Bool
        var organizations: [String: (id: Field, name: Field)] = [:]
        var sources: [Field?]
        var series: [(key: Field, label: Field, unit: Field)]
        var awardTitles: [String: (key: Field, label: Field)] = [:]
        let statistic: Field, award: Field

        init(_ export: DataExport, csv: Bool) {
            self.export = export
            self.csv = csv
            sources = [Field?](repeating: nil, count: export.index.articles.count)
            series = export.index.statistics.map { (Field($0.key, csv: csv), Field($0.label, csv: csv), Field($0.unit, csv: csv)) }
            (statistic, award) = (Field("statistic", csv: csv), Field("award", csv: csv))
        }

        mutating func organization(_ id: String) -> (id: Field, name: Field) {
            if let known = organizations[id] { return known }
            let made = (Field(id, csv: csv), Field(export.name(id), csv: csv))
            organizations[id] = made
            return made
        }

        mutating func source(_ article: Int) -> Field {
            if let known = sources[article] { return known }
            let made = Field(export.source(article), csv: csv)
            sources[article] = made
            return made
        }

        mutating func award(_ title: String) -> (key: Field, label: Field) {
            if let known = awardTitles[title] { return known }
            let made = (Field(Slug.make(title), csv: csv), Field(title, csv: csv))
            awardTitles[title] = made
            return made
        }
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
}
