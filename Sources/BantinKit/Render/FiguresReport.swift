/// `bantin figures`: every figure the site will publish, as readers will see it, with the source
/// line that stands and the ones it corrected, so staff can review a year's results before they
/// push. Rows in the statistics page's order (catalog, key; organization; year).
public struct FiguresReport: Sendable {
    public enum Format: String, Sendable, CaseIterable { case table, csv, json }

    public struct Row: Sendable {
        public var organization: String
        public var organizationName: String
        public var year: Int
        public var key: String
        public var label: String
        /// As the site's pages show it (`7.575`, `29,5`).
        public var value: String
        /// As data files write it (`7575`, `29.5`).
        public var plain: String
        public var unit: String?
        /// `path:line:column` of the value that stands.
        public var source: String
        /// What it corrected, newest first: `7.575 at path:line:column`.
        public var replaced: [(value: String, plain: String, source: String)]
    }

    public let rows: [Row]

    /// The figures of `index`, narrowed by the filters given.
    public init(index: SiteIndex, organization: String? = nil, year: Int? = nil, key: String? = nil) {
        let language = index.config.language
        func place(_ location: SourceLocation?, _ article: Int) -> String {
            (location ?? index.articles[article].location).description
        }
        rows = index.statistics.filter { key == nil || $0.key == key }.flatMap { series in
            series.facts.filter { (organization == nil || $0.organization == organization) && (year == nil || $0.year == year) }.map { fact in
                Row(organization: fact.organization, organizationName: index.organizations[fact.organization]?.name ?? fact.organization,
                    year: fact.year, key: fact.key, label: series.label, value: language.format(fact.value), plain: fact.value.plain,
                    unit: series.unit, source: place(fact.location, fact.article),
                    replaced: fact.replaced.map { (language.format($0.value), $0.value.plain, place($0.location, $0.article)) })
            }
        }
    }

    public func text(_ format: Format, language: SiteLanguage) -> String {
        switch format {
        case .table: table(language)
        case .csv: csv()
        case .json: json()
        }
    }

    /// `value` as readers see it, `number` as a spreadsheet reads it.
    static let columns = ["organization", "organization_name", "year", "key", "label", "value", "number", "unit", "source", "replaced"]

    /// Aligned columns for a terminal; a correction's earlier figures on the lines below it.
    func table(_ language: SiteLanguage) -> String {
        let vi = language == .vi
        let header = vi ? ["Tổ chức", "Năm", "Chỉ tiêu", "Giá trị", "Đơn vị", "Nguồn"] : ["Organization", "Year", "Key", "Value", "Unit", "Source"]
        var lines = rows.map { [$0.organization, String($0.year), $0.key, $0.value, $0.unit ?? "", $0.source] }
        var notes: [Int: [String]] = [:]
        for (i, row) in rows.enumerated() where !row.replaced.isEmpty {
            notes[i] = row.replaced.map { (vi ? "  thay cho " : "  replaces ") + "\($0.value) (\($0.source))" }
        }
        lines.insert(header, at: 0)
        let widths = header.indices.map { c in lines.map { $0[c].count }.max() ?? 0 }
        let numeric: Set<Int> = [1, 3]
        var out = ""
        for (n, line) in lines.enumerated() {
            let cells = line.enumerated().map { c, text in
                let pad = String(repeating: " ", count: widths[c] - text.count)
                return numeric.contains(c) && n > 0 ? pad + text : text + pad
            }
            out += cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
            for note in notes[n - 1] ?? [] { out += String(repeating: " ", count: widths[0] + 2) + note + "\n" }
        }
        let count = rows.count
        out += vi ? "\(count) số liệu\n" : "\(count) figure\(count == 1 ? "" : "s")\n"
        return out
    }

    /// RFC 4180, one line per figure; `replaced` holds `value at source` pairs joined by `; `.
    func csv() -> String {
        var out = Self.columns.joined(separator: ",") + "\r\n"
        for r in rows {
            let fields = [r.organization, r.organizationName, String(r.year), r.key, r.label, r.value, r.plain, r.unit ?? "", r.source,
                          r.replaced.map { "\($0.value) at \($0.source)" }.joined(separator: "; ")]
            out += fields.map(DataExport.csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    func json() -> String {
        let items = rows.map { r in
            JSONText.object([
                ("organization", JSONText.string(r.organization)), ("organization_name", JSONText.string(r.organizationName)),
                ("year", String(r.year)), ("key", JSONText.string(r.key)), ("label", JSONText.string(r.label)),
                ("value", r.plain), ("shown", JSONText.string(r.value)), ("unit", JSONText.string(r.unit)),
                ("source", JSONText.string(r.source)),
                ("replaced", JSONText.array(r.replaced.map {
                    JSONText.object([("value", $0.plain), ("shown", JSONText.string($0.value)), ("source", JSONText.string($0.source))], indent: "      ")
                }, indent: "    ")),
            ], indent: "  ")
        }
        return JSONText.array(items) + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
