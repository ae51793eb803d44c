extension ContentParser {
    static let articleKeys = [
        "title", "date", "organization", "summary", "slug", "tags", "draft", "author", "image", "image_alt",
        "source", "meeting", "awards", "statistics", "aliases", "photos",
    ]

    public func parseArticle(_ source: ArticleSource) -> (Article?, Diagnostics) {
        var diagnostics = Diagnostics()
        let path = source.file.path
        guard let opened = open(source.file, &diagnostics) else { return (nil, diagnostics) }
        let (document, fields, order) = (opened.document, opened.fields, opened.order)
        var reader = opened.reader
        checkKeys(order, fields, known: Self.articleKeys, in: "an article's front-matter", &reader)
        let head = heading(fields, path, &reader)
        let results = reported(fields, date: head.date, organization: head.organizations.first, &reader)

        let rendered = markdown.render(document.body, in: path, fromLine: document.bodyLine, &reader.diagnostics)
        checkRemoteImages(rendered, path: path, bodyLine: document.bodyLine, &reader.diagnostics)
        for image in rendered.imagesWithoutAlt {
            reader.diagnostics.warning(SourceLocation(path: path, line: document.bodyLine - 1 + image.line, column: image.column),
                                       "the photo `\(image.url)` has no description; write what it shows between the brackets, as in ![Toàn cảnh hội trường](\(image.url)), for readers who cannot see it")
        }
        if let image = head.image, RenderedMarkdown.isRemote(image), !config.allowsRemoteImages, let node = fields["image"]?.value {
            reader.diagnostics.error(reader.location(node), Self.remoteImageProblem(image))
        }
        var summary = rendered.firstParagraph
        if let node = fields["summary"]?.value, !YAMLReader.isNull(node) { summary = reader.string(node, "summary") }

        guard !reader.diagnostics.hasErrors, let title = head.title, let date = head.date, let slug = head.slug, !head.organizations.isEmpty else {
            reportUnknownOrganizations(head.organizations, results, &reader)
            reportMissingLinks(rendered, source, bodyLine: document.bodyLine, &reader.diagnostics)
            return (nil, reader.diagnostics)
        }
        var article = Article(
            path: path, title: title, date: date, organizations: head.organizations, summary: summary ?? "",
            slug: slug, tags: head.tags, draft: head.draft, author: optionalString("author", fields, &reader),
            image: head.image, imageAlt: head.imageAlt, source: head.source, meeting: results.meeting, awards: results.awards,
            statistics: results.statistics, bodyHTML: rendered.html, location: SourceLocation(path: path),
            bundleDirectory: source.bundleDirectory, bundleAssets: source.bundleAssets)
        article.aliases = head.aliases
        article.photoCaptions = head.photoCaptions
        if head.image != nil, let node = fields["image"]?.value { article.imageLocation = reader.location(node) }
        article.frontMatterDigest = Digest.fnv1a(document.yaml)
        article.links = rendered.links.map { Located($0.url, SourceLocation(path: path, line: document.bodyLine - 1 + $0.line, column: $0.column)) }
        article.sourceDigest = source.file.data.withUnsafeBytes(Digest.bytes)
        if let bodyBudget, !bodyBudget.take(rendered.html.utf8.count) {
            article.bodyWords = SearchWords.of(html: rendered.html)
            article.bodyHTML = ""
            article.bodyDeferred = true
        }
        return (article, reader.diagnostics)
    }

    /// An article's body as HTML, rendered again from its file as read now: for an article
    /// parsed without keeping it (`bodyBudget`). Nil when the file is not the one parsed
    /// (`sourceDigest`): it changed during the build.
    public func bodyHTML(of file: SourceFile, digest: UInt64) -> String? {
        guard file.data.withUnsafeBytes(Digest.bytes) == digest,
              case .success(let text) = FrontMatter.text(of: file),
              case .success(let document) = FrontMatter.split(text, path: file.path) else { return nil }
        var unused = Diagnostics()  // told when the article was parsed
        return markdown.render(document.body, in: file.path, fromLine: document.bodyLine, &unused).html
    }

    /// `photos: { hoi-truong.jpg: Toàn cảnh hội trường }`: what each photo of the article's folder
    /// shows, for the gallery's photos, which have no place in the text to describe them. Whether
    /// each file is there is checked with the links, at every build.
    private func photoCaptions(_ fields: [String: (key: YAMLNode, value: YAMLNode)], _ path: String, _ reader: inout YAMLReader) -> [PhotoCaption] {
        guard let node = fields["photos"]?.value, !YAMLReader.isNull(node) else { return [] }
        guard path.hasSuffix("/index.md") || path == "index.md" else {
            reader.diagnostics.error(reader.location(node), "`photos` describes the photos of an article's folder, and this article has none: move it to a folder of its own as index.md, with its photos beside it")
            return []
        }
        guard let pairs = reader.mapping(node, "`photos`") else { return [] }
        var out: [PhotoCaption] = []
        for (name, keyNode, value) in pairs {
            let location = reader.location(keyNode)
            if case .scalar(let s) = value, s.string.trimmingCharacters(in: .whitespaces).isEmpty {
                reader.diagnostics.error(reader.location(value), "write what `\(name)` shows after the colon, such as `\(name): Toàn cảnh hội trường`")
                continue
            }
            guard let text = reader.string(value, "photos.\(name)") else { continue }
            if name.contains("/") || name.hasPrefix(".") {
                reader.diagnostics.error(location, "`\(name)` in `photos` is not a file of this article's folder; write the file's name alone, such as `hoi-truong.jpg`")
            } else if out.contains(where: { $0.name == name }) {
                reader.diagnostics.error(location, "`\(name)` is described twice in `photos`; keep one line")
            } else {
                out.append(PhotoCaption(name: name, text: text, location: location))
            }
        }
        return out
    }

    /// `aliases`: the article's old addresses on this site (`/tin-cu/123/`), each of which gets a
    /// page that sends readers on, as Hugo's aliases do.
    private func aliases(_ fields: [String: (key: YAMLNode, value: YAMLNode)], _ reader: inout YAMLReader) -> [String] {
        guard let node = fields["aliases"]?.value, !YAMLReader.isNull(node) else { return [] }
        var out: [String] = []
        for (alias, location) in reader.stringList(node, "aliases") ?? [] {
            let path = alias.trimmingSpaces
            guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("://"), !path.split(separator: "/").contains("..") else {
                reader.diagnostics.error(location, "an alias is an old address of this article on this site, starting with /, like /tin-cu/123/; found `\(alias)`")
                continue
            }
            let last = path.split(separator: "/").last ?? ""
            out.append(path.hasSuffix("/") || last.contains(".") ? path : path + "/")
        }
        return out
    }

    /// What an article says about itself: title, date, organizations, slug, tags, draft, source, photo.
    private struct Heading {
        var title: String?
        var date: Timestamp?
        var organizations: [Located<String>] = []
        var slug: String?
        var tags: [String] = []
        var draft = false
        var source: SourceLink?
        var image: String?
        var imageAlt: String?
        var aliases: [String] = []
        var photoCaptions: [PhotoCaption] = []
    }

    private func heading(_ fields: [String: (key: YAMLNode, value: YAMLNode)], _ path: String, _ reader: inout YAMLReader) -> Heading {
        var head = Heading()
        head.title = required("title", fields, &reader, path, "the article")
        if let node = fields["date"]?.value {
            head.date = timestamp(node, "date", &reader)
        } else {
            reader.diagnostics.error(SourceLocation(path: path), "the article has no `date`; add a line like `date: 2024-01-10`")
        }
        if let node = fields["organization"]?.value {
            head.organizations = (reader.stringList(node, "organization") ?? []).map { Located($0.0, $0.1) }
            if head.organizations.isEmpty && !reader.diagnostics.hasErrors {
                reader.diagnostics.error(reader.location(node), "`organization` is empty; name the id of an organization in content/organizations/")
            }
        } else {
            reader.diagnostics.error(SourceLocation(path: path), "the article has no `organization`; add the id of a file in content/organizations/, e.g. `organization: hkh-yen-bai`")
        }
        head.slug = slug(fields, title: head.title, &reader, path)
        if let node = fields["tags"]?.value, !YAMLReader.isNull(node) {
            for (tag, location) in reader.stringList(node, "tags") ?? [] {
                if Slug.make(tag).isEmpty {
                    reader.diagnostics.error(location, "the tag `\(tag)` has no letters or digits to make a URL from")
                } else if !head.tags.contains(tag) {
                    head.tags.append(tag)
                }
            }
        }
        if let node = fields["draft"]?.value { head.draft = reader.bool(node, "draft") ?? false }
        if let node = fields["source"]?.value, !YAMLReader.isNull(node) { head.source = sourceLink(node, &reader) }
        head.image = optionalString("image", fields, &reader)
        head.imageAlt = optionalString("image_alt", fields, &reader)
        if head.image != nil, head.imageAlt == nil, let node = fields["image"]?.value {
            reader.diagnostics.warning(reader.location(node), "`image` has no `image_alt`; describe the photo for readers who cannot see it")
        }
        head.aliases = aliases(fields, &reader)
        head.photoCaptions = photoCaptions(fields, path, &reader)
        return head
    }

    /// What an article reports: its meeting, awards and figures, each counting for the year of
    /// `meeting.period` (else of `date`) and the first organization unless it names others.
    private func reported(_ fields: [String: (key: YAMLNode, value: YAMLNode)], date: Timestamp?, organization: Located<String>?,
                          _ reader: inout YAMLReader) -> (meeting: Meeting?, awards: [Award], statistics: [Statistic]) {
        var meeting: Meeting?
        if let node = fields["meeting"]?.value, !YAMLReader.isNull(node) {
            meeting = self.meeting(node, defaultDate: date?.local, &reader)
        }
        var year = date?.local.year ?? 0
        if let period = meeting?.period, let y = Self.periodYear(period) { year = y }
        var awards: [Award] = []
        if let node = fields["awards"]?.value, !YAMLReader.isNull(node), let items = reader.sequence(node, "awards") {
            awards = items.compactMap { award($0, year: year, organization: organization, &reader) }
        }
        var statistics: [Statistic] = []
        if let node = fields["statistics"]?.value, !YAMLReader.isNull(node), let items = reader.sequence(node, "statistics") {
            statistics = items.compactMap { statistic($0, year: year, organization: organization, &reader) }
        }
        return (meeting, awards, statistics)
    }

    /// With other errors in the file, the organizations it names that do not exist too, so that
    /// one run tells everything (an article that parses is checked by the indexer).
    private func reportUnknownOrganizations(_ organizations: [Located<String>], _ results: (meeting: Meeting?, awards: [Award], statistics: [Statistic]),
                                            _ reader: inout YAMLReader) {
        guard let ids = organizationIDs else { return }
        let known = Set(ids)
        let named = organizations.map { ($0, "the organization") } + results.awards.map { ($0.organization, "the award's organization") }
            + results.statistics.map { ($0.organization, "the statistic's organization") }
        for (ref, what) in named where !known.contains(ref.value) {
            reader.diagnostics.error(ref.location, OrganizationReference.unknown(ref.value, what: what, known: ids))
        }
    }

    /// For an article its front-matter keeps from being made, the body's links that can be
    /// judged without its address: to `.md` files of the site, and, in a folder with index.md, to
    /// the folder's files. The same errors the link check gives an article that parses.
    private func reportMissingLinks(_ rendered: RenderedMarkdown, _ source: ArticleSource, bodyLine: Int, _ diagnostics: inout Diagnostics) {
        let path = source.file.path
        for link in rendered.links {
            let location = SourceLocation(path: path, line: bodyLine - 1 + link.line, column: link.column)
            let url = String(link.url.prefix { $0 != "#" && $0 != "?" })
            if SourcePaths.isSource(url) {
                guard let known = sourcePaths, !SourcePaths.candidates(of: url, from: path).contains(where: known.contains) else { continue }
                diagnostics.error(location, SourcePaths.missingSource(link.url))
            } else if source.bundleDirectory != nil, !url.isEmpty, !url.contains("/"), !url.contains(":"),
                      SourcePaths.target(of: url) != .page, !source.bundleAssets.contains(url.removingPercentEncoding ?? url) {
                diagnostics.error(location, SourcePaths.missingFile(link.url, photo: SourcePaths.target(of: url) == .photo))
            }
        }
    }

    /// The year a period describes: its last year. `2023` → 2023, `2022-Q3` → 2022, `2019-2020` → 2020.
    static func periodYear(_ period: String) -> Int? {
        var last: Int?
        var run = ""
        for ch in period + " " {
            if ch.isASCII && ch.isNumber { run.append(ch); continue }
            if run.count == 4, let y = Int(run) { last = y }
            run = ""
        }
        return last
    }

    func timestamp(_ node: YAMLNode, _ field: String, _ reader: inout YAMLReader) -> Timestamp? {
        guard let text = reader.string(node, field) else { return nil }
        switch dates.timestamp(text) {
        case .success(let t): return t
        case .failure(let error): reader.diagnostics.error(reader.location(node), dateProblem(field, text, error)); return nil
        }
    }

    func civilDate(_ node: YAMLNode, _ field: String, _ reader: inout YAMLReader) -> CivilDate? {
        guard let text = reader.string(node, field) else { return nil }
        // A meeting date may carry a time; only its day matters.
        switch dates.timestamp(text) {
        case .success(let t): return t.local
        case .failure(let error): reader.diagnostics.error(reader.location(node), dateProblem(field, text, error)); return nil
        }
    }

    private func dateProblem(_ field: String, _ text: String, _ error: DateParseError) -> String {
        switch error {
        case .malformed:
            let forms = config.language == .vi ? "10/01/2024, 10/01/2024 17:50 or 2024-01-10" : "2024-01-10 or 2024-01-10 17:50"
            return "`\(field)` must be a date like \(forms), found `\(text)`"
        case .nonexistent(let d):
            let month = (1...12).contains(d.month) ? "month \(d.month) has \(CivilDate.daysIn(month: d.month, year: d.year)) days" : "months run from 01 to 12"
            return "`\(field)` is not a real date: `\(text)` (\(month))"
        case .badTime: return "`\(field)` has a time that does not exist: `\(text)`"
        }
    }

    private func sourceLink(_ node: YAMLNode, _ reader: inout YAMLReader) -> SourceLink? {
        if case .scalar = node { return reader.string(node, "source").map { SourceLink(name: $0, url: nil) } }
        guard let pairs = reader.mapping(node, "`source`") else { return nil }
        var name: String?, url: String?
        for (key, keyNode, value) in pairs {
            switch key {
            case "name": name = reader.string(value, "source.name")
            case "url":
                url = reader.string(value, "source.url")
                if let u = url, !(u.hasPrefix("http://") || u.hasPrefix("https://")) {
                    reader.diagnostics.error(reader.location(value), "`source.url` must start with http:// or https://, found `\(u)`")
                    url = nil
                }
            default: reader.diagnostics.warning(reader.location(keyNode), "unknown key `\(key)` in `source`; known: name, url")
            }
        }
        guard let name else {
            reader.diagnostics.error(reader.location(node), "`source` has no `name`")
            return nil
        }
        return SourceLink(name: name, url: url)
    }

    private func meeting(_ node: YAMLNode, defaultDate: CivilDate?, _ reader: inout YAMLReader) -> Meeting? {
        guard let pairs = reader.mapping(node, "`meeting`") else { return nil }
        var meeting = Meeting(date: defaultDate ?? CivilDate(year: 1970, month: 1, day: 1))
        let known = ["kind", "date", "location", "period", "chair", "attendees"]
        for (key, keyNode, value) in pairs where !YAMLReader.isNull(value) {
            switch key {
            case "kind": meeting.kind = reader.string(value, "meeting.kind")
            case "date": if let d = civilDate(value, "meeting.date", &reader) { meeting.date = d }
            case "location": meeting.location = reader.string(value, "meeting.location")
            case "period":
                if let p = reader.string(value, "meeting.period") {
                    if Self.periodYear(p) == nil {
                        reader.diagnostics.error(reader.location(value), "`meeting.period` must name a year, like 2023, 2022-Q3 or 2019-2020; found `\(p)`")
                    } else {
                        meeting.period = p
                    }
                }
            case "chair": meeting.chair = (reader.stringList(value, "meeting.chair") ?? []).map(\.0)
            case "attendees":
                guard let items = reader.sequence(value, "meeting.attendees") else { break }
                for item in items {
                    if case .scalar = item {
                        if let name = reader.string(item, "meeting.attendees") { meeting.attendees.append(Attendee(name: name)) }
                    } else if let fields = reader.mapping(item, "an attendee") {
                        var name: String?, role: String?
                        for (k, kNode, v) in fields {
                            switch k {
                            case "name": name = reader.string(v, "attendees.name")
                            case "role": role = reader.string(v, "attendees.role")
                            default: reader.diagnostics.warning(reader.location(kNode), "unknown key `\(k)` in an attendee; known: name, role")
                            }
                        }
                        if let name { meeting.attendees.append(Attendee(name: name, role: role)) } else {
                            reader.diagnostics.error(reader.location(item), "an attendee has no `name`")
                        }
                    }
                }
            default:
                var message = "unknown key `\(key)` in `meeting` is ignored"
                if let near = Suggest.closest(to: key, in: known) { message += "; did you mean `\(near)`?" }
                reader.diagnostics.warning(reader.location(keyNode), message)
            }
        }
        return meeting
    }

    private func itemOrganization(_ fields: [String: (key: YAMLNode, value: YAMLNode)], _ default: Located<String>?, _ reader: inout YAMLReader) -> Located<String>? {
        if let node = fields["organization"]?.value, let id = reader.string(node, "organization") {
            return Located(id, reader.location(node))
        }
        return `default`
    }

    private func itemYear(_ fields: [String: (key: YAMLNode, value: YAMLNode)], _ default: Int, _ reader: inout YAMLReader) -> Int {
        guard let node = fields["year"]?.value, let year = reader.integer(node, "year") else { return `default` }
        if !(1000...9999).contains(year) {
            reader.diagnostics.error(reader.location(node), "`year` must be a four-digit year, found \(year)")
        }
        return year
    }

    private func itemFields(_ item: YAMLNode, _ what: String, known: [String], ignoring: Set<String> = [],
                            _ reader: inout YAMLReader) -> [String: (key: YAMLNode, value: YAMLNode)]? {
        guard let pairs = reader.mapping(item, what) else { return nil }
        var fields: [String: (key: YAMLNode, value: YAMLNode)] = [:]
        for (key, keyNode, value) in pairs where !ignoring.contains(key) {
            if known.contains(key) {
                if !YAMLReader.isNull(value) { fields[key] = (keyNode, value) }
            } else {
                var message = "unknown key `\(key)` in \(what) is ignored"
                if let near = Suggest.closest(to: key, in: known) { message += "; did you mean `\(near)`?" }
                reader.diagnostics.warning(reader.location(keyNode), message)
            }
        }
        return fields
    }

    private func award(_ item: YAMLNode, year: Int, organization: Located<String>?, _ reader: inout YAMLReader) -> Award? {
        let known = ["title", "recipient_kind", "count", "recipient", "issuer", "year", "organization"]
        guard let fields = itemFields(item, "an award", known: known, &reader) else { return nil }
        let before = reader.diagnostics.errorCount
        var title: String?
        if let node = fields["title"]?.value { title = reader.string(node, "title") } else {
            reader.diagnostics.error(reader.location(item), "an award has no `title` (e.g. Bằng khen, Giấy khen, Học bổng)")
        }
        var kind: RecipientKind?
        if let node = fields["recipient_kind"]?.value, let text = reader.string(node, "recipient_kind") {
            kind = RecipientKind(rawValue: text)
            if kind == nil {
                reader.diagnostics.error(reader.location(node), "`recipient_kind` must be `collective` (tập thể) or `individual` (cá nhân), found `\(text)`")
            }
        } else if fields["recipient_kind"] == nil {
            reader.diagnostics.error(reader.location(item), "an award has no `recipient_kind`; use `collective` (tập thể) or `individual` (cá nhân)")
        }
        let recipient = fields["recipient"].flatMap { reader.string($0.value, "recipient") }
        var count = 1
        if let node = fields["count"]?.value {
            if case .scalar(let s) = node, let n = Int(s.string), s.style == .plain {
                if n >= 1 { count = n } else {
                    reader.diagnostics.error(reader.location(node), "`count` must be a positive whole number, found \(n)")
                }
                if recipient != nil && n != 1 {
                    reader.diagnostics.error(reader.location(node), "an award with a named `recipient` has a count of 1; drop `count` or `recipient`")
                }
            } else {
                reader.diagnostics.error(reader.location(node), "`count` must be a positive whole number, found \(reader.describe(node))")
            }
        }
        let issuer = fields["issuer"].flatMap { reader.string($0.value, "issuer") }
        let y = itemYear(fields, year, &reader)
        guard reader.diagnostics.errorCount == before, let title, let kind,
              let org = itemOrganization(fields, organization, &reader) else { return nil }
        return Award(title: title, recipientKind: kind, count: count, recipient: recipient, issuer: issuer, year: y, organization: org)
    }

    private func statistic(_ item: YAMLNode, year: Int, organization: Located<String>?, _ reader: inout YAMLReader) -> Statistic? {
        let known = ["key", "value", "label", "unit", "year", "organization", "verified"]
        let split = Self.splitAtComma(item)
        guard let fields = itemFields(item, "a statistic", known: known, ignoring: split.map { [$0.fraction] } ?? [], &reader) else { return nil }
        let before = reader.diagnostics.errorCount
        var key: String?
        if let node = fields["key"]?.value, let k = reader.string(node, "key") {
            if StatisticKey.isValid(k) { key = k } else { reader.diagnostics.error(reader.location(node), StatisticKey.problem(k)) }
        } else if fields["key"] == nil {
            reader.diagnostics.error(reader.location(item), "a statistic has no `key` (a stable name such as `members`)")
        }
        var value: (number: Number, groupedLikeThousands: Bool)?
        let valueNode = fields["value"]?.value
        if let split {
            reader.diagnostics.error(reader.location(split.value), Self.commaSplitProblem(split.whole, split.fraction, config.language))
        } else if let valueNode {
            value = figureValue(valueNode, &reader)
        } else {
            reader.diagnostics.error(reader.location(item), "a statistic has no `value`")
        }
        let definition = key.flatMap { config.statistic($0) }
        var label = definition?.label
        if let node = fields["label"]?.value { label = reader.string(node, "label") ?? label }
        if label == nil, let key {
            reader.diagnostics.error(reader.location(item), "the statistic `\(key)` has no `label`, and site.yml's `statistics` does not define it")
        }
        var unit = definition?.unit
        if let node = fields["unit"]?.value { unit = reader.string(node, "unit") }
        var verified = false
        if let node = fields["verified"]?.value { verified = reader.bool(node, "verified") ?? false }
        var kind = FigureKind.count
        if let key, let value, let valueNode {
            kind = definition?.kind ?? FigureKind.inferred(unit: unit, value: value.number)
            checkFigure(value, valueNode, key: key, kind: kind, explicitKind: definition?.kind != nil, unit: unit, verified: verified, &reader)
        }
        let y = itemYear(fields, year, &reader)
        guard reader.diagnostics.errorCount == before, let key, let value, let label, let valueNode,
              let org = itemOrganization(fields, organization, &reader) else { return nil }
        return Statistic(key: key, value: value.number, label: label, unit: unit, year: y, organization: org, location: reader.location(item),
                         kind: kind, verified: verified, valueLocation: reader.location(valueNode))
    }

    /// A value as the site's language writes numbers; `groupedLikeThousands` when YAML read a
    /// plain `26.330` as a decimal in a `vi` site.
    private func figureValue(_ node: YAMLNode, _ reader: inout YAMLReader) -> (number: Number, groupedLikeThousands: Bool)? {
        let example = config.language == .vi ? "7575, 29,5 or \"26.330\"" : "7575, 29.5 or \"26,330\""
        guard case .scalar(let s) = node, !YAMLReader.isNull(node) else {
            reader.diagnostics.error(reader.location(node), "`value` must be a number (like \(example)), found \(reader.describe(node))")
            return nil
        }
        switch FigureInput.read(s, language: config.language) {
        case .success(let n):
            return (n, config.language == .vi && s.style == .plain && FigureInput.looksLikeGroupedThousands(s.string))
        case .failure(.notANumber):
            reader.diagnostics.error(reader.location(node), "`value` must be a number (like \(example)), found \(reader.describe(node))")
        case .failure(.badGrouping):
            let grouped = config.language == .vi ? "\"1.234.567\"" : "\"1,234,567\""
            reader.diagnostics.error(reader.location(node), "`\(s.string)` groups its digits wrongly; write the digits alone, like 1234567, or in threes, like \(grouped)")
        }
        return nil
    }

    /// The value against its kind: bounds, and a plain `26.330` that YAML read as 26,33.
    private func checkFigure(_ value: (number: Number, groupedLikeThousands: Bool), _ node: YAMLNode, key: String, kind: FigureKind,
                             explicitKind: Bool, unit: String?, verified: Bool, _ reader: inout YAMLReader) {
        let location = reader.location(node)
        if value.groupedLikeThousands, case .scalar(let s) = node {
            let thousands = s.string.replacingOccurrences(of: ".", with: "")
            let read = config.language.format(value.number)
            if !explicitKind || kind == .count {
                reader.diagnostics.error(location, "`\(s.string)` is read as the decimal \(read) (not as \(thousands)): write \(thousands), or \"\(s.string)\" in quotes")
                return
            }
            if !verified {
                reader.diagnostics.warning(location, "`\(s.string)` is read as the decimal \(read); if you mean \(thousands), write \(thousands) or \"\(s.string)\" in quotes (or add `verified: true` if \(read) is right)")
            }
        }
        if let problem = FigureInput.boundsProblem(value.number, kind: kind, key: key, unit: unit, language: config.language) {
            reader.diagnostics.error(location, problem)
        }
    }

    /// Inside `{ }` YAML splits `value: 29,5` at the comma, into `value: 29` and a key `5`
    /// with no value: the value's node, its text and the digits after the comma.
    static func splitAtComma(_ item: YAMLNode) -> (value: YAMLNode, whole: String, fraction: String)? {
        guard case .mapping(let pairs, _) = item,
              let i = pairs.firstIndex(where: { if case .scalar(let k) = $0.key { k.string == "value" } else { false } }),
              i + 1 < pairs.count, case .scalar(let whole) = pairs[i].value, whole.style == .plain,
              case .scalar(let after) = pairs[i + 1].key, after.style == .plain, !after.string.isEmpty,
              after.string.allSatisfy({ $0.isASCII && $0.isNumber }), YAMLReader.isNull(pairs[i + 1].value)
        else { return nil }
        return (pairs[i].value, whole.string, after.string)
    }

    static func commaSplitProblem(_ whole: String, _ fraction: String, _ language: SiteLanguage) -> String {
        let written = "\(whole),\(fraction)"
        if language == .vi {
            let dotted = whole.replacingOccurrences(of: ".", with: "") + "." + fraction
            return "`\(written)` has a decimal comma, and inside `{ }` YAML cuts the line at every comma: write \(dotted), or \"\(written)\" in quotes"
        }
        return "`\(written)` has a thousands comma, and inside `{ }` YAML cuts the line at every comma: write \(whole + fraction), or \"\(written)\" in quotes"
    }
}
