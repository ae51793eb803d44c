import Foundation

/// One old page made into a Bantin article: its front-matter and body as text, the photos to
/// copy beside it, and what the report should say about it.
struct ImportedArticle: Sendable {
    var slug: String
    var text: String
    /// Bundle file name → the file it is copied from.
    var photos: [(name: String, from: String)]
    var notes: [String]
}

/// What the page says of itself, made into front-matter: title, date, author, meeting, summary,
/// source, and the figures found in the text, commented out.
struct PageFacts {
    var config: SiteConfig
    var organization: String

    enum Failure: Error, Equatable {
        case noTitle
        case noDate
    }

    func article(_ page: PortalPage, body: [ImportBlock], photos: [(name: String, from: String)], notes: [String],
                 marker: String, fallbackSourceName: String) -> Result<ImportedArticle, Failure> {
        guard let title = page.title?.trimmingCharacters(in: .whitespaces), !title.isEmpty, !Slug.make(title).isEmpty else { return .failure(.noTitle) }
        var notes = notes
        let bodyText = body.map(\.text)
        let headerDate = page.machineDate.flatMap(machineDate) ?? page.headerLines.lazy.compactMap { DateFinder.dates(in: $0).first { $0.year != nil } }.first
        // The meeting's day: the body's first date ("Ngày 12/02/2023", "Sáng ngày 9/2").
        var meetingDate = bodyText.prefix(4).lazy.compactMap { DateFinder.dates(in: $0).first }.first
        let yearHint = Self.yearHint(title: title, first: bodyText.first ?? "")
        if var m = meetingDate, m.year == nil {
            if let h = headerDate, let y = h.year {
                m.year = (m.month, m.day) > (h.month, h.day) ? y - 1 : y
            } else {
                m.year = yearHint
            }
            meetingDate = m.year == nil ? nil : m
        }
        var dateLine: String
        if let d = headerDate, let y = d.year {
            dateLine = "date: " + CivilDate(year: y, month: d.month, day: d.day).description + time(d)
        } else if let m = meetingDate, let y = m.year {
            dateLine = "date: " + CivilDate(year: y, month: m.month, day: m.day).description
                + "   # the page prints no date; this is the meeting's day, its year read from the text: check it"
            notes.append("date guessed from the meeting's day and the year in the text (\(CivilDate(year: y, month: m.month, day: m.day))): check it")
        } else {
            return .failure(.noDate)
        }
        if dateLine.isEmpty { dateLine = "" }

        var lines = ["---", "# \(marker)", "title: \(Scaffold.quoted(title))", dateLine, "organization: \(organization)", "draft: true"]
        if let author = page.author?.trimmingCharacters(in: .whitespaces), !author.isEmpty { lines.append("author: \(Scaffold.quoted(author))") }
        if let summary = Self.summary(body) { lines.append("summary: \(Scaffold.quoted(summary))") }
        let kind = Self.meetingKind(title)
        if kind != nil || meetingDate != nil {
            lines.append("meeting:")
            if let kind { lines.append("  kind: \(kind)") }
            if let m = meetingDate, let y = m.year { lines.append("  date: \(CivilDate(year: y, month: m.month, day: m.day))") }
        }
        let sourceName = page.siteName ?? page.url.flatMap { URL(string: $0)?.host } ?? fallbackSourceName
        lines.append("source: { name: \(Scaffold.quoted(sourceName))" + (page.url.map { ", url: \(Scaffold.quoted($0))" } ?? "") + " }")
        lines += Self.figureLines(FigureHints.find(in: body, catalog: config.statistics))
        lines.append("---")
        let text = lines.joined(separator: "\n") + "\n" + MarkdownOut.document(body)
        var slug = Slug.make(title)
        if slug.count > 80, let cut = slug.prefix(80).lastIndex(of: "-") { slug = String(slug[..<cut]) }
        return .success(ImportedArticle(slug: slug, text: text, photos: photos, notes: notes))
    }

    private func time(_ d: FoundDate) -> String {
        guard let h = d.hour, let m = d.minute else { return "" }
        return " \(CivilDate.pad(h, 2)):\(CivilDate.pad(m, 2))"
    }

    /// `2023-02-14T15:20:00+07:00` (or without time or offset), in the site's time zone.
    func machineDate(_ text: String) -> FoundDate? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: t) {
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = config.timeZone
                let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
                return FoundDate(year: c.year, month: c.month!, day: c.day!, hour: c.hour, minute: c.minute, offset: 0)
            }
        }
        // Without an offset: the site's own time.
        let digits = t.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard t.count >= 10, digits.count >= 3, digits[0] > 1900 else { return nil }
        var d = FoundDate(year: digits[0], month: digits[1], day: digits[2], offset: 0)
        guard (1...12).contains(d.month), (1...31).contains(d.day) else { return nil }
        if digits.count >= 5, digits[3] < 24, digits[4] < 60 { d.hour = digits[3]; d.minute = digits[4] }
        return d
    }

    /// The year a date without one most likely has: the first the title names, else the first
    /// paragraph's (the end of a school year, `2019-2020` → 2020).
    static func yearHint(title: String, first: String) -> Int? {
        for text in [title, first] {
            let years = DateFinder.years(in: text)
            guard let y = years.first else { continue }
            return years.count > 1 && years[1] == y + 1 ? years[1] : y
        }
        return nil
    }

    static func meetingKind(_ title: String) -> String? {
        let folded = ImportText.fold(title)
        let kinds = [("dai hoi", "đại hội"), ("tong ket", "tổng kết"), ("so ket", "sơ kết"), ("giao ban", "giao ban"),
                     ("trien khai", "triển khai"), ("ke hoach", "kế hoạch"), ("hoi nghi", "hội nghị")]
        return kinds.first { folded.contains($0.0) }?.1
    }

    /// The first paragraph, cut after a sentence when it is long.
    static func summary(_ blocks: [ImportBlock]) -> String? {
        guard let first = blocks.first(where: { if case .paragraph = $0 { return $0.text.count > 40 }; return false }) else { return nil }
        let text = first.text.replacingOccurrences(of: "\n", with: " ")
        guard text.count > 300 else { return text }
        var out = ""
        for sentence in FigureHints.sentences(text) {
            if !out.isEmpty && out.count + sentence.count > 300 { break }
            out += (out.isEmpty ? "" : " ") + sentence
        }
        return out
    }

    static func figureLines(_ hints: [FigureHint]) -> [String] {
        guard !hints.isEmpty else { return [] }
        var lines = [
            "# Số liệu Bantin tìm thấy trong bài, CHƯA đăng: đối chiếu từng số với câu của nó, rồi xoá dấu #",
            "# ở đầu dòng `statistics:` / `awards:` và ở đầu các dòng số liệu muốn đăng.",
        ]
        let statistics = hints.filter { if case .statistic = $0.kind { return true }; return false }
        let awards = hints.filter { if case .award = $0.kind { return true }; return false }
        if !statistics.isEmpty {
            lines.append("# statistics:")
            for hint in statistics {
                guard case .statistic(let key, let label, let unit) = hint.kind else { continue }
                lines.append("#   # \(hint.sentence.replacingOccurrences(of: "\n", with: " "))")
                var entry = "{ key: \(key), value: \(hint.value)"
                if let label { entry += ", label: \(Scaffold.quoted(label))" }
                if let unit { entry += ", unit: \(Scaffold.quoted(unit))" }
                lines.append("#   - \(entry) }")
            }
        }
        if !awards.isEmpty {
            lines.append("# awards:")
            for hint in awards {
                guard case .award(let title, let collective) = hint.kind else { continue }
                lines.append("#   # \(hint.sentence.replacingOccurrences(of: "\n", with: " "))")
                lines.append("#   - { title: \(Scaffold.quoted(title)), recipient_kind: \(collective ? "collective" : "individual"), count: \(hint.value) }")
            }
        }
        return lines
    }
}
