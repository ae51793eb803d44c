import Foundation

/// An article's parse as the engine keeps it between builds: what the index and the lists
/// need, and what the parse reported. The body's HTML is not kept: a page that shows it reads
/// and renders the file again (`ArticleBodies`), checked against `sourceDigest`; its words for
/// search are kept apart (`WordsFile`).
struct ArticleRecord {
    var path: String
    /// `Digest.bytes` of the file parsed: the record stands while the file's digest is this.
    var digest: UInt64
    /// Nil when the file has errors and makes no article.
    var article: Article?
    var diagnostics: [Diagnostic]
    /// Where the body's words for search are in `words.state` (`WordsFile`): read only when a
    /// search line is made again, so a rebuild does not load every article's words.
    var words = WordsFile.Place(offset: 0, length: 0)

    func encoded() -> [UInt8] {
        var w = RecordWriter()
        w.string(path)
        w.home = path
        w.unsigned(digest)
        w.array(diagnostics) { w, d in
            w.bool(d.severity == .error)
            w.location(d.location)
            w.string(d.message)
        }
        w.unsigned(words.offset)
        w.unsigned(words.length)
        w.optional(article) { w, a in Self.write(a, &w) }
        return w.bytes
    }

    static func decode(_ r: inout RecordReader) -> ArticleRecord? {
        guard let path = r.string() else { return nil }
        r.home = path
        guard let digest = r.unsigned(),
              let diagnostics: [Diagnostic] = r.array({ r in
                  guard let error = r.bool(), let l = r.location(), let m = r.string() else { return nil }
                  return Diagnostic(error ? .error : .warning, l, m)
              }),
              let offset = r.unsigned(), let length = r.unsigned(),
              let article = r.optional({ read(&$0, digest: digest) }) else { return nil }
        return ArticleRecord(path: path, digest: digest, article: article, diagnostics: diagnostics, words: WordsFile.Place(offset: offset, length: length))
    }

    private static func write(_ a: Article, _ w: inout RecordWriter) {
        w.string(a.path)
        w.string(a.title)
        w.unsigned(a.date.instant.timeIntervalSinceReferenceDate.bitPattern)
        w.date(a.date.local)
        w.array(a.organizations) { w, o in w.string(o.value); w.location(o.location) }
        w.string(a.summary)
        w.string(a.slug)
        w.array(a.tags) { w, t in w.string(t) }
        w.bool(a.draft)
        w.optional(a.author) { w, s in w.string(s) }
        w.optional(a.image) { w, s in w.string(s) }
        w.optional(a.imageAlt) { w, s in w.string(s) }
        w.optional(a.imageLocation) { w, l in w.location(l) }
        w.optional(a.source) { w, s in w.string(s.name); w.optional(s.url) { w, u in w.string(u) } }
        w.optional(a.meeting) { w, m in writeMeeting(m, &w) }
        w.array(a.awards) { w, x in
            w.string(x.title)
            w.bool(x.recipientKind == .collective)
            w.int(x.count)
            w.optional(x.recipient) { w, s in w.string(s) }
            w.optional(x.issuer) { w, s in w.string(s) }
            w.int(x.year)
            w.string(x.organization.value)
            w.location(x.organization.location)
        }
        w.array(a.statistics) { w, s in writeStatistic(s, &w) }
        w.array(a.links) { w, l in w.string(l.value); w.location(l.location) }
        w.array(a.aliases) { w, s in w.string(s) }
        w.array(a.photoCaptions) { w, c in w.string(c.name); w.string(c.text); w.location(c.location) }
        w.location(a.location)
        w.optional(a.bundleDirectory) { w, s in w.string(s) }
        w.unsigned(a.frontMatterDigest)
    }

    private static func writeMeeting(_ m: Meeting, _ w: inout RecordWriter) {
        w.optional(m.kind) { w, s in w.string(s) }
        w.date(m.date)
        w.optional(m.location) { w, s in w.string(s) }
        w.optional(m.period) { w, s in w.string(s) }
        w.array(m.chair) { w, s in w.string(s) }
        w.array(m.attendees) { w, x in w.string(x.name); w.optional(x.role) { w, s in w.string(s) } }
    }

    private static func writeStatistic(_ s: Statistic, _ w: inout RecordWriter) {
        w.string(s.key)
        switch s.value {
        case .integer(let n): w.bool(false); w.int(n)
        case .decimal(let d): w.bool(true); w.unsigned(d.bitPattern)
        }
        w.string(s.label)
        w.optional(s.unit) { w, u in w.string(u) }
        w.int(s.year)
        w.string(s.organization.value)
        w.location(s.organization.location)
        w.location(s.location)
        w.string(s.kind.rawValue)
        w.bool(s.verified)
        w.optional(s.valueLocation) { w, l in w.location(l) }
    }

    private static func read(_ r: inout RecordReader, digest: UInt64) -> Article? {
        guard let path = r.string(), let title = r.string(), let instant = r.unsigned(), let local = r.date(),
              let organizations: [Located<String>] = r.array({ r in r.string().flatMap { v in r.location().map { Located(v, $0) } } }),
              let summary = r.string(), let slug = r.string(), let tags: [String] = r.array({ $0.string() }), let draft = r.bool(),
              let author = r.optional({ $0.string() }), let image = r.optional({ $0.string() }), let imageAlt = r.optional({ $0.string() }),
              let imageLocation = r.optional({ $0.location() }),
              let source = r.optional({ r -> SourceLink? in
                  guard let name = r.string(), let url = r.optional({ $0.string() }) else { return nil }
                  return SourceLink(name: name, url: url)
              }),
              let meeting = r.optional(readMeeting), let awards: [Award] = r.array(readAward),
              let statistics: [Statistic] = r.array(readStatistic),
              let links: [Located<String>] = r.array({ r in r.string().flatMap { v in r.location().map { Located(v, $0) } } }),
              let aliases: [String] = r.array({ $0.string() }),
              let captions: [PhotoCaption] = r.array({ r in
                  guard let name = r.string(), let text = r.string(), let location = r.location() else { return nil }
                  return PhotoCaption(name: name, text: text, location: location)
              }),
              let location = r.location(),
              let bundleDirectory = r.optional({ $0.string() }), let frontMatterDigest = r.unsigned()
        else { return nil }
        var a = Article(path: path, title: title, date: Timestamp(instant: Date(timeIntervalSinceReferenceDate: Double(bitPattern: instant)), local: local),
                        organizations: organizations, summary: summary, slug: slug, tags: tags, draft: draft, author: author, image: image,
                        imageAlt: imageAlt, source: source, meeting: meeting, awards: awards, statistics: statistics, bodyHTML: "",
                        location: location, bundleDirectory: bundleDirectory, bundleAssets: [])
        a.links = links
        a.imageLocation = imageLocation
        a.aliases = aliases
        a.photoCaptions = captions
        a.frontMatterDigest = frontMatterDigest
        a.bodyDeferred = true
        a.sourceDigest = digest
        return a
    }

    private static func readMeeting(_ r: inout RecordReader) -> Meeting? {
        guard let kind = r.optional({ $0.string() }), let date = r.date(), let location = r.optional({ $0.string() }),
              let period = r.optional({ $0.string() }), let chair: [String] = r.array({ $0.string() }),
              let attendees: [Attendee] = r.array({ r in
                  guard let name = r.string(), let role = r.optional({ $0.string() }) else { return nil }
                  return Attendee(name: name, role: role)
              }) else { return nil }
        return Meeting(kind: kind, date: date, location: location, period: period, chair: chair, attendees: attendees)
    }

    private static func readAward(_ r: inout RecordReader) -> Award? {
        guard let title = r.string(), let collective = r.bool(), let count = r.int(), let recipient = r.optional({ $0.string() }),
              let issuer = r.optional({ $0.string() }), let year = r.int(), let org = r.string(), let orgLocation = r.location() else { return nil }
        return Award(title: title, recipientKind: collective ? .collective : .individual, count: count, recipient: recipient,
                     issuer: issuer, year: year, organization: Located(org, orgLocation))
    }

    private static func readStatistic(_ r: inout RecordReader) -> Statistic? {
        guard let key = r.string(), let decimal = r.bool() else { return nil }
        let value: Number
        if decimal {
            guard let bits = r.unsigned() else { return nil }
            value = .decimal(Double(bitPattern: bits))
        } else {
            guard let n = r.int() else { return nil }
            value = .integer(n)
        }
        guard let label = r.string(), let unit = r.optional({ $0.string() }), let year = r.int(), let org = r.string(),
              let orgLocation = r.location(), let location = r.location(), let kind = r.string().flatMap(FigureKind.init(rawValue:)),
              let verified = r.bool(), let valueLocation = r.optional({ $0.location() }) else { return nil }
        return Statistic(key: key, value: value, label: label, unit: unit, year: year, organization: Located(org, orgLocation),
                         location: location, kind: kind, verified: verified, valueLocation: valueLocation)
    }
}
