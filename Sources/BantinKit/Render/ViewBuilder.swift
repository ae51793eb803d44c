/// Turns indexed models into view models: formatted numbers and dates, resolved links.
struct ViewBuilder {
    let index: SiteIndex
    let routes: Routes
    let strings: UIStrings
    /// Each organisation's figures and awards.
    let records: OrganizationRecords
    /// What cards read, with the pre-rendered cards once the renderer has them.
    let cardContext: CardContext
    /// Each organisation's position in `index.organizationIDs` (by name), for sorting.
    let organizationOrder: [String: Int]
    /// Articles' bodies, kept or read again.
    let bodies: ArticleBodies
    var language: SiteLanguage { index.config.language }

    init(index: SiteIndex, routes: Routes, strings: UIStrings, cards: [String], records: OrganizationRecords, bodies: ArticleBodies) {
        self.bodies = bodies
        self.index = index
        self.routes = routes
        self.strings = strings
        self.records = records
        cardContext = CardContext(index: index, routes: routes, cards: cards)
        organizationOrder = Dictionary(index.organizationIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func organizationLink(_ id: String) -> OrganizationLink { cardContext.organizationLink(id) }

    func tagLink(_ name: String) -> TagLink { cardContext.tagLink(name) }

    func card(_ i: Int) -> ArticleCard { ArticleCard(article: i, context: cardContext) }

    func article(_ i: Int) -> ArticleView {
        let a = index.articles[i]
        let meeting = a.meeting.map { m in
            MeetingView(kind: m.kind, date: language.format(m.date), dateISO: m.date.description, location: m.location,
                        period: m.period, chair: m.chair.isEmpty ? nil : m.chair.joined(separator: "; "),
                        attendees: m.attendees.map { AttendeeView(name: $0.name, role: $0.role) })
        }
        var imageURL: String?
        if let image = a.image {
            if image.hasPrefix("/") { imageURL = routes.link(image) }
            else if image.hasPrefix("http://") || image.hasPrefix("https://") { imageURL = image }
            else { imageURL = routes.link(index.address(i) + image) }
        }
        var view = ArticleView(
            card: card(i), bodyHTML: bodies.html(a), author: a.author, imageURL: imageURL, imageAlt: a.imageAlt,
            source: a.source.map { SourceView(name: $0.name, url: $0.url) }, meeting: meeting,
            awards: a.awards.map { awardRow(AwardRecord(award: $0, article: i)) },
            statistics: a.statistics.map { s in
                StatisticRow(label: s.label, value: language.format(s.value), valuePlain: s.value.plain, unit: s.unit,
                             year: s.year, organization: organizationLink(s.organization.value))
            })
        // A photo given as `image:` and placed in the body too is shown once, where the body has it.
        func bare(_ path: String) -> String { path.hasPrefix("./") ? String(path.dropFirst(2)) : path }
        view.imageInBody = a.image.map { image in a.links.contains { bare($0.value) == bare(image) } } ?? false
        addPhotos(a, to: &view)
        return view
    }

    /// The lead photo and the gallery, from the bundle's processed photos.
    private func addPhotos(_ a: Article, to view: inout ArticleView) {
        let photos = bodies.photos
        guard !photos.isEmpty, a.bundleDirectory != nil else { return }
        let shown = PhotoCatalog.placed(a)
        if let image = a.image, let photo = photos.photo(a, image) {
            if let preview = photo.previewName(image) { view.imageURL = routes.link(routes.article(a) + preview) }
            if !view.imageInBody { view.leadPhoto = PhotoMarkup.view(photo, name: image, alt: a.imageAlt ?? "", lazy: false) }
        }
        var n = 0
        // The photos `photos:` describes in its order, then the others by name.
        let described = a.photoCaptions.map(\.name)
        let order = described.filter(a.bundleAssets.contains) + a.bundleAssets.filter { !described.contains($0) }
        for asset in order {
            guard let path = PhotoCatalog.sitePath(a, asset), !shown.contains(path), let photo = photos.photo(a, asset) else { continue }
            n += 1
            var v = PhotoMarkup.view(photo, name: asset, alt: a.caption(of: asset) ?? "\(strings["photo"]) \(n)", lazy: true)
            v.sizes = PhotoMarkup.gallerySizes
            view.gallery.append(v)
        }
    }

    func awardRow(_ record: AwardRecord) -> AwardRow {
        let a = record.award
        let article = index.articles[record.article]
        return AwardRow(title: a.title, kind: strings.kind(a.recipientKind), count: language.format(a.count),
                        recipient: a.recipient, issuer: a.issuer, year: a.year,
                        organization: organizationLink(a.organization.value), articleTitle: article.title,
                        articleURL: routes.link(index.address(record.article)))
    }

    func figure(_ fact: StatisticFact) -> StatisticRow {
        StatisticRow(label: fact.label, value: language.format(fact.value), valuePlain: fact.value.plain, unit: fact.unit,
                     year: fact.year, organization: organizationLink(fact.organization))
    }

    /// Groups consecutive articles (newest first) under year headings.
    func yearGroups(_ articles: ArraySlice<Int>, organization: String?) -> [YearGroup] {
        var groups: [YearGroup] = []
        for i in articles {
            let year = index.articles[i].year
            if groups.last?.year != year {
                let url = organization.map { routes.link(routes.organization($0, year: year)) } ?? routes.link(routes.year(year))
                groups.append(YearGroup(year: year, url: url, articles: []))
            }
            groups[groups.count - 1].articles.append(card(i))
        }
        return groups
    }

    /// An organization's results: one row per statistic, one column per year (oldest first).
    func results(of organization: String) -> ResultsTable? {
        let series = records.series(of: organization)
        guard !series.isEmpty else { return nil }
        let years = Set(series.flatMap { $0.1.map(\.year) }).sorted()
        var notes: [CorrectionNote] = []
        var table = ResultsTable(
            caption: strings["results"], corner: strings["figure"],
            columns: years.map { ResultsTable.Column(label: String($0), url: routes.link(routes.organization(organization, year: $0))) },
            rows: series.map { s, facts in
                ResultsTable.Row(label: s.label, url: nil, unit: s.unit, cells: years.map { y in
                    cell(facts.first { $0.year == y }, label: s.label, naming: false, notes: &notes)
                })
            })
        table.corrections = notes
        return table
    }

    /// A figure's cell; when it corrected an earlier article's different figure, the cell links
    /// to a note that says so (đính chính), appended to `notes`.
    func cell(_ fact: StatisticFact?, label: String, naming organization: Bool, notes: inout [CorrectionNote]) -> ResultsTable.Cell {
        guard let fact else { return ResultsTable.Cell(value: nil) }
        var cell = ResultsTable.Cell(value: language.format(fact.value))
        guard let earlier = fact.replaced.first(where: { $0.value != fact.value }) else { return cell }
        let id = "dinh-chinh-\(fact.key)-\(fact.organization)-\(fact.year)"
        let standing = index.articles[fact.article]
        notes.append(CorrectionNote(
            id: id, date: language.format(standing.date.local),
            from: language.format(earlier.value), fromURL: routes.link(index.address(earlier.article)),
            to: language.format(fact.value), toURL: routes.link(index.address(fact.article)),
            label: label, year: fact.year, organization: organization ? index.organizations[fact.organization]?.displayName : nil))
        cell.correction = id
        return cell
    }

    /// One year's figures compared: one row per organization, one column per statistic.
    func comparison(year: Int) -> ResultsTable? {
        let series = index.statistics.filter { s in s.facts.contains { $0.year == year } }
        guard !series.isEmpty else { return nil }
        let orgs = index.organizationIDs.filter { id in series.contains { s in s.facts.contains { $0.year == year && $0.organization == id } } }
        return ResultsTable(
            caption: "\(strings["figures_in_year"]) \(year)", corner: strings["organization"],
            columns: series.map { s in ResultsTable.Column(label: s.unit.map { "\(s.label) (\($0))" } ?? s.label, url: nil) },
            rows: orgs.map { id in
                ResultsTable.Row(label: index.organizations[id]!.displayName, url: routes.link(routes.organization(id)), unit: nil,
                                 cells: series.map { s in
                                     ResultsTable.Cell(value: s.facts.first { $0.year == year && $0.organization == id }.map { language.format($0.value) })
                                 })
            })
    }

    /// One statistic across organizations and years.
    func table(of series: StatisticSeries) -> ResultsTable {
        let years = Set(series.facts.map(\.year)).sorted()
        let facts = series.factsByUnitYear
        let reporting = Set(series.facts.map(\.organization))
        let orgs = index.organizationIDs.filter(reporting.contains)
        var notes: [CorrectionNote] = []
        var table = ResultsTable(
            caption: series.unit.map { "\(series.label) (\($0))" } ?? series.label, corner: strings["organization"],
            columns: years.map { ResultsTable.Column(label: String($0), url: routes.link(routes.year($0))) },
            rows: orgs.map { id in
                ResultsTable.Row(label: index.organizations[id]!.displayName, url: routes.link(routes.organization(id)), unit: nil,
                                 cells: years.map { y in
                                     cell(facts[OrganizationYear(organization: id, year: y)], label: series.label, naming: true, notes: &notes)
                                 })
            })
        table.corrections = notes
        return table
    }

    /// Collective and individual award counts per year and organization, newest year first.
    func tallies(_ records: [AwardRecord]) -> [AwardTally] {
        let sums = awardSums(records) { OrganizationYear(organization: $0.organization.value, year: $0.year) }
        let orgOrder = organizationOrder
        return sums.keys.sorted { a, b in a.year != b.year ? a.year > b.year : orgOrder[a.organization]! < orgOrder[b.organization]! }
            .map { key in
                let s = sums[key]!
                return AwardTally(year: key.year, organization: organizationLink(key.organization),
                                  collective: language.format(s.collective), individual: language.format(s.individual))
            }
    }

    typealias AwardSum = (collective: Int, individual: Int)

    /// Collective and individual award counts summed under each `key`.
    func awardSums<Key: Hashable>(_ records: [AwardRecord], by key: (Award) -> Key) -> [Key: AwardSum] {
        var sums: [Key: AwardSum] = [:]
        for r in records {
            if r.award.recipientKind == .collective {
                sums[key(r.award), default: (0, 0)].collective += r.award.count
            } else {
                sums[key(r.award), default: (0, 0)].individual += r.award.count
            }
        }
        return sums
    }

    /// Links to the first and last pages and two either side of the current one, with gaps
    /// between: a long archive does not list hundreds of page numbers on every page.
    func pagination(base: String, page: Int, total: Int) -> PaginationView? {
        guard total > 1 else { return nil }
        var numbers: [Int] = []
        for n in [1, total] + Array(max(1, page - 2)...min(total, page + 2)) where !numbers.contains(n) { numbers.append(n) }
        numbers.sort()
        var links: [PaginationView.PageLink] = []
        for n in numbers {
            if let last = links.last, n > last.number + 1 {
                links.append(PaginationView.PageLink(number: last.number + 1, url: "", current: false, gap: true))
            }
            links.append(PaginationView.PageLink(number: n, url: routes.link(routes.paged(base, n)), current: n == page, gap: false))
        }
        return PaginationView(
            current: page, total: total,
            previousURL: page > 1 ? routes.link(routes.paged(base, page - 1)) : nil,
            nextURL: page < total ? routes.link(routes.paged(base, page + 1)) : nil,
            pages: links)
    }
}
