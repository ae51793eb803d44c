import Synchronization
import Foundation

/// The search index the search page's script reads: one entry per article, organization and
/// page, with what a result shows and a folded text to match against (the heading fields as
/// they are, then the body's distinct words). Folding (lower case, no diacritics, `đ` → `d`,
/// words joined by single spaces) is done here, once, so the script folds only the query and
/// `khuyen hoc` finds `khuyến học`.
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

    /// The organizations' entries, then the pages'.
    func others() -> [Entry] {
        var out: [Entry] = []
        for id in index.organizationIDs {
            let org = index.organizations[id]!
            out.append(Entry(
                url: routes.link(routes.organization(id)), title: org.name, kind: strings["organization"], date: nil,
                organizations: nil, summary: org.summary.map(Self.shorten),
                text: Self.fold([org.name, org.displayName, id, org.level ?? ""].joined(separator: " "))
                    + " " + SearchWords.of(html: org.descriptionHTML)))
        }
        for page in index.pages {
            out.append(Entry(
                url: routes.link(routes.page(page)), title: page.title, kind: strings["page_kind"], date: nil, organizations: nil,
                summary: page.summary.map(Self.shorten),
                text: Self.fold(page.title) + " " + SearchWords.of(html: page.bodyHTML)))
        }
        return out
    }

    func article(_ i: Int) -> Entry {
        let a = index.articles[i]
        let orgs = a.organizationIDs.compactMap { index.organizations[$0] }
        let summary = a.summary.isEmpty ? nil : a.summary
        return Entry(
            url: routes.link(index.address(i)), title: a.title, kind: a.meeting?.kind ?? strings["article"],
            date: index.config.language.format(a.date.local), organizations: orgs.map(\.displayName).joined(separator: ", "),
            summary: summary.map(Self.shorten),
            text: Self.fold([a.title, orgs.map { "\($0.name) \($0.displayName)" }.joined(separator: " "), a.summary,
                             a.tags.joined(separator: " "), a.meeting?.location ?? ""].joined(separator: " "))
                + " " + (a.bodyWords ?? SearchWords.of(html: a.bodyHTML)))
    }

    /// The index as compact JSON, one entry per line (`{"u":…,"t":…,"k":…,"d":…,"o":…,"s":…,"x":…}`):
    /// articles first (newest first), then organizations, then pages. Articles are made in
    /// chunks on `jobs` threads, and no list of every entry or line is ever held beside the
    /// index (at 100,000 articles it is 170 MB).
    /// `known` gives an article's line when an earlier build made it (`nil`: make it).
    func data(jobs: Int = 1, known: (@Sendable (Int) -> ArraySlice<UInt8>?)? = nil) -> Data {
        let count = index.articles.count, chunk = 256
        let parts = Parallel.map(Array(stride(from: 0, to: count, by: chunk)), jobs: jobs) { start -> [UInt8] in
            var out: [UInt8] = []
            for i in start..<min(count, start + chunk) {
                if i > start { out.append(contentsOf: ",\n".utf8) }
                if let line = known?(i) { out.append(contentsOf: line) } else { out.append(contentsOf: Self.line(article(i)).utf8) }
            }
            return out
        }
        // Each part is a run of lines: `assemble` joins them as it joins single lines.
        return Self.assemble(articles: parts.map { $0[...] }, others: others())
    }

    /// The article lines of an index `data` made, in order: `count` lines after the `[`, each
    /// without its comma. Bytes, not text: the index of 10,000 articles is 20 MB.
    static func articleLines(of bytes: [UInt8], count: Int) -> [ArraySlice<UInt8>]? {
        var lines: [ArraySlice<UInt8>] = []
        lines.reserveCapacity(count)
        guard bytes.starts(with: "[\n".utf8) else { return nil }
        var start = 2
        // memchr: looking for each line's end byte by byte was most of patching the index.
        let ends: [Int]? = bytes.withUnsafeBufferPointer { buffer in
            var ends: [Int] = []
            ends.reserveCapacity(count)
            var from = start
            while ends.count < count {
                guard from < buffer.count, let found = memchr(buffer.baseAddress! + from, 0x0A, buffer.count - from) else { return nil }
                let end = buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                ends.append(end)
                from = end + 1
            }
            return ends
        }
        guard let ends else { return nil }
        for end in ends {
            var line = bytes[start..<end]
            if line.last == UInt8(ascii: ",") { line = line.dropLast() }
            lines.append(line)
            start = end + 1
        }
        return lines
    }

    /// The index `data` makes, from its article lines (each without its comma) and the
    /// organisations' and pages' entries, handed to `sink` a megabyte at a time.
    static func write(articles: [ArraySlice<UInt8>], others: [Entry], to sink: (Data) throws -> Void) throws {
        var out = LineWriter()
        for line in articles { try out.add(line, sink) }
        for entry in others { try out.add(line(entry).utf8, sink) }
        try out.finish(sink)
    }

    /// The same, whole.
    static func assemble(articles: [ArraySlice<UInt8>], others: [Entry]) -> Data {
        var all = Data()
        all.reserveCapacity(articles.reduce(4096) { $0 + $1.count + 2 })
        // Appending to memory cannot fail.
        try? write(articles: articles, others: others) { all.append($0) }
        return all
    }

    /// One entry's line, without the comma that separates it from the next.
    static func line(_ e: Entry) -> String {
        var fields = ["\"u\":\(JSONText.string(e.url))", "\"t\":\(JSONText.string(e.title))", "\"k\":\(JSONText.string(e.kind))"]
        if let d = e.date { fields.append("\"d\":\(JSONText.string(d))") }
        if let o = e.organizations, !o.isEmpty { fields.append("\"o\":\(JSONText.string(o))") }
        if let s = e.summary { fields.append("\"s\":\(JSONText.string(s))") }
        fields.append("\"x\":\(JSONText.string(e.text))")
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// Plain text folded for matching (see `SearchWords`).
    static func fold(_ text: String) -> String { SearchWords.folded(text) }

    static func shorten(_ text: String) -> String {
        // Walks at most `summaryLength` characters: counting every character of every summary
        // was a seventh of the search index.
        guard text.utf8.count > summaryLength,
              let limit = text.index(text.startIndex, offsetBy: summaryLength, limitedBy: text.endIndex), limit < text.endIndex else { return text }
        let cut = text[..<limit]
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}

/// A search index made before rendering, given to the search page's unit once and then let go
/// of (at 100,000 articles it is 170 MB that need not stay while every other page renders).
/// The engine may hand it over empty and fill it once it knows the search unit is rendered.
public final class PreparedSearchIndex: Sendable {
    /// The index made, or how to write it when the engine leaves that to the search unit
    /// (patched from the last build's index, on whichever thread renders the unit, a chunk at
    /// a time: at 100,000 articles it is 170 MB).
    private let content: Mutex<OutputFile.Content?>

    public init(_ data: Data? = nil) { content = Mutex(data.map { .bytes($0) }) }

    func put(_ made: Data) { content.withLock { $0 = .bytes(made) } }
    func put(streaming produce: @escaping @Sendable (_ sink: (Data) throws -> Void) throws -> Void) { content.withLock { $0 = .stream(produce) } }

    /// The index, the first time; nil after (the unit then makes it again).
    func take() -> OutputFile.Content? { content.withLock { c in defer { c = nil }; return c } }
}
