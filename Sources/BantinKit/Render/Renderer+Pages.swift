extension Renderer {
    func renderHome(_ emit: (OutputFile) -> Void) {
        // Headline figures: the most recent figure of each statistic, newest year first.
        var figures: [StatisticFact] = []
        for series in index.statistics {
            if let latest = series.facts.max(by: { a, b in
                a.year != b.year ? a.year < b.year : index.articles[a.article].date > index.articles[b.article].date
            }) {
                figures.append(latest)
            }
        }
        figures.sort { $0.year != $1.year ? $0.year > $1.year : $0.key < $1.key }
        let origin = SourceLocation(path: SiteConfigLoader.fileName)
        paginated(routes.home, Array(index.articles.indices), emit) { slice, page, total, path in
            var meta = meta(pageTitle(config.title, page), config.description, path, kind: "home")
            if page == 1, !config.alternates.isEmpty {
                meta.alternates = [PageMeta.Alternate(language: config.language.rawValue, url: config.baseURL)]
                    + config.alternates.map { PageMeta.Alternate(language: $0.language, url: $0.baseURL) }
            }
            return html(
                path, "home", section: "home", origin: origin,
                meta: meta,
                body: HomeView(
                    articles: slice.map(views.card), figures: page == 1 ? figures.prefix(8).map(views.figure) : [],
                    pagination: views.pagination(base: routes.home, page: page, total: total), isFirstPage: page == 1))
        }
    }

    func renderArticle(_ i: Int) -> [OutputFile] {
        let a = index.articles[i]
        let path = index.address(i)
        let view = views.article(i)
        var meta = meta(a.title, a.summary.isEmpty ? nil : a.summary, path, kind: "article")
        // Shared links need an absolute image address; `link` gave one under the base path.
        meta.image = view.imageURL.map { $0.hasPrefix("http://") || $0.hasPrefix("https://") ? $0 : routes.absolute(String($0.dropFirst(routes.basePath.count - 1))) }
        meta.imageAlt = a.imageAlt
        meta.published = a.date.rfc3339
        meta.jsonLD = StructuredData(index: index, routes: routes, strings: strings).article(i, imageURL: meta.image)
        return [html(path, "article", section: nil, origin: a.location, meta: meta, body: view)]
    }

    func renderPage(_ i: Int) -> [OutputFile] {
        let page = index.pages[i]
        return [html(routes.page(page), "page", section: nil, origin: page.location,
                     meta: meta(page.title, page.summary, routes.page(page), kind: "page"),
                     body: StandalonePageView(title: page.title, bodyHTML: page.bodyHTML))]
    }

    func renderOrganizationsIndex() -> OutputFile {
        let origin = SourceLocation(path: "content/organizations")
        // Grouped by level (in the order levels first appear among sorted organizations), then by parent.
        var levels: [String] = []
        var byLevel: [String: [String]] = [:]
        for id in index.organizationIDs {
            let level = index.organizations[id]!.level ?? ""
            if byLevel[level] == nil { levels.append(level) }
            byLevel[level, default: []].append(id)
        }
        levels.sort { a, b in
            let ra = Self.levelRank(a)
            let rb = Self.levelRank(b)
            return ra != rb ? ra < rb : VietnameseOrder.less(a, b)
        }
        let groups = levels.map { level -> OrganizationGroup in
            var parents: [String?] = []
            var members: [String?: [String]] = [:]
            for id in byLevel[level]! {
                // A parent that does not exist is an error reported by the indexer; list the unit as a root.
                let parent = index.organizations[id]!.parent.flatMap { index.organizations[$0.value] == nil ? nil : $0.value }
                if members[parent] == nil { parents.append(parent) }
                members[parent, default: []].append(id)
            }
            return OrganizationGroup(
                level: level.isEmpty ? strings["other_level"] : level.prefix(1).uppercased() + level.dropFirst(),
                groups: parents.map { p in
                    OrganizationGroup.ParentGroup(
                        parent: p.map(views.organizationLink),
                        organizations: members[p]!.map { id in
                            OrganizationEntry(
                                link: views.organizationLink(id), summary: index.organizations[id]!.summary,
                                articleCount: index.byOrganization[id]?.count ?? 0)
                        })
                })
        }
        return html(
            routes.organizations, "organizations", section: "organizations", origin: origin,
            meta: meta(strings["organizations"], nil, routes.organizations, kind: "organizations"),
            body: OrganizationsView(heading: strings["organizations"], levels: groups))
    }

    /// The years an organisation has a page for: its articles' (published or reported on) and
    /// its figures', newest first.
    /// The years of an organisation's archive, newest first: its articles' years, the years they
    /// report on, and its figures' years.
    func organizationYears(_ id: String) -> [Int] { yearsOfOrganization[id] ?? [] }

    func renderOrganization(_ id: String, _ emit: (OutputFile) -> Void) {
        let org = index.organizations[id]!
        let articles = index.byOrganization[id] ?? []
        let records = self.records.awards(of: id)
        let figures = self.records.series(of: id)
        let base = routes.organization(id)
        let years = organizationYears(id)
        paginated(base, articles, emit) { slice, page, total, path in
            var view = ArchiveView(heading: org.name, intro: nil)
            view.organization = views.organizationLink(id)
            view.isFirstPage = page == 1
            if page == 1 {
                view.descriptionHTML = org.descriptionHTML.isEmpty ? nil : org.descriptionHTML
                view.parent = org.parent.flatMap { index.organizations[$0.value] != nil ? views.organizationLink($0.value) : nil }
                view.children = (index.children[id] ?? []).map(views.organizationLink)
                view.website = org.website
                view.level = org.level
                view.results = views.results(of: id).map { [$0] } ?? []
                view.charts = views.charts(of: id)
                view.awards = records.map(views.awardRow)
                view.awardTallies = views.tallies(records)
            }
            view.feedURL = routes.link(routes.organizationFeed(id))
            view.yearLinks = years.map { NavItem(label: String($0), url: routes.link(routes.organization(id, year: $0)), current: false) }
            view.yearGroups = views.yearGroups(slice, organization: id)
            view.pagination = views.pagination(base: base, page: page, total: total)
            return html(
                path, "organization", section: "organizations", origin: SourceLocation(path: org.path),
                meta: meta(pageTitle(org.name, page), org.summary, path, kind: "organization", feed: routes.organizationFeed(id)),
                body: view)
        }
        for year in years {
            let base = routes.organization(id, year: year)
            let listed = yearArticles(year, organization: id)
            let yearRecords = records.filter { $0.award.year == year }
            paginated(base, listed.items, emit) { slice, page, total, path in
                var view = ArchiveView(heading: "\(org.name) – \(year)", intro: nil)
                view.organization = views.organizationLink(id)
                view.isFirstPage = page == 1
                view.reporting = slice.filter(listed.reporting.contains).map(views.card)
                view.articles = slice.filter { !listed.reporting.contains($0) }.map(views.card)
                if page == 1 {
                    view.figures = figures.flatMap { $0.facts.filter { $0.year == year } }.map(views.figure)
                    view.awards = yearRecords.map(views.awardRow)
                    view.awardTallies = views.tallies(yearRecords)
                }
                view.yearLinks = years.map { NavItem(label: String($0), url: routes.link(routes.organization(id, year: $0)), current: $0 == year) }
                view.pagination = views.pagination(base: base, page: page, total: total)
                return html(
                    path, "organization-year", section: "organizations", origin: SourceLocation(path: org.path),
                    meta: meta(
                        pageTitle("\(org.name) – \(year)", page), nil, path, kind: "organization-year",
                        feed: routes.organizationFeed(id)),
                    body: view)
            }
        }
    }

    /// Levels from the top of the administrative tree down; unknown levels after, by name.
    static func levelRank(_ level: String) -> Int {
        let order = ["trung ương", "tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "trường", "khoa", "chi hội"]
        if level.isEmpty { return Int.max }
        return order.firstIndex(of: level.lowercased()) ?? order.count
    }

    /// Years with articles, figures or awards, newest first.
    /// A year's articles, for its pages: those that report on it (newest first), then those
    /// published in it that do not (each article once), and which of them report.
    func yearArticles(_ year: Int, organization: String?) -> (items: [Int], reporting: Set<Int>) {
        let reporting = organization.map { index.byOrganizationReportedYear[OrganizationYear(organization: $0, year: year)] ?? [] }
            ?? index.byReportedYear[year] ?? []
        let published = organization.map { index.byOrganizationYear[OrganizationYear(organization: $0, year: year)] ?? [] }
            ?? index.byYear[year] ?? []
        let reports = Set(reporting)
        return (reporting + published.filter { !reports.contains($0) }, reports)
    }

    /// Every year with a page, and each organisation's archive years (`organizationYears`),
    /// newest first: made once, when the renderer is.
    static func archiveYears(_ index: SiteIndex, records: OrganizationRecords) -> (site: [Int], byOrganization: [String: [Int]]) {
        let statisticYears = Set(index.statistics.flatMap { $0.facts.map(\.year) })
        let awardYears = Set(index.awards.map(\.award.year))
        let site = Set(index.years).union(statisticYears).union(awardYears).union(index.byReportedYear.keys).sorted(by: >)
        let reported = index.articles.map { [$0.year] + $0.reportedYears }
        var byOrganization: [String: [Int]] = [:]
        for id in index.organizationIDs {
            byOrganization[id] = Set((index.byOrganization[id] ?? []).flatMap { reported[$0] }).union(records.figureYears(of: id)).sorted(by: >)
        }
        return (site, byOrganization)
    }

    func renderYearsIndex() -> OutputFile {
        let origin = SourceLocation(path: SiteConfigLoader.fileName)
        return html(
            routes.years, "years", section: "years", origin: origin,
            meta: meta(strings["years"], nil, routes.years, kind: "years"),
            body: ListView(
                heading: strings["years"],
                // Every year with a page: published in, or reported on (with the articles of both).
                years: yearsWithPages.map { year in
                    YearEntry(year: year, url: routes.link(routes.year(year)),
                              articleCount: Set((index.byYear[year] ?? []) + (index.byReportedYear[year] ?? [])).count)
                }))
    }

    func renderYear(_ year: Int, _ emit: (OutputFile) -> Void) {
        let origin = SourceLocation(path: SiteConfigLoader.fileName)
        let base = routes.year(year)
        let records = index.awards.filter { $0.award.year == year }
        let listed = yearArticles(year, organization: nil)
        paginated(base, listed.items, emit) { slice, page, total, path in
            var view = ArchiveView(heading: "\(strings["year"]) \(year)", intro: nil)
            view.isFirstPage = page == 1
            view.reporting = slice.filter(listed.reporting.contains).map(views.card)
            view.articles = slice.filter { !listed.reporting.contains($0) }.map(views.card)
            if page == 1 {
                view.results = views.comparison(year: year).map { [$0] } ?? []
                view.charts = views.charts(year: year)
                view.awards = records.map(views.awardRow)
                view.awardTallies = views.tallies(records)
            }
            view.pagination = views.pagination(base: base, page: page, total: total)
            return html(
                path, "year", section: "years", origin: origin,
                meta: meta(pageTitle("\(strings["year"]) \(year)", page), nil, path, kind: "year"), body: view)
        }
    }

    /// Awards listed on each page of `/khen-thuong/`: a large site gives out tens of thousands,
    /// and one page listing them all was 87 MB at 100,000 articles.
    var awardsPerPage: Int { max(50, config.paginate * 5) }

    func renderAwards(_ emit: (OutputFile) -> Void) {
        let rollupByYear = AwardRollup(caption: "\(strings["awards"]) – \(strings["by_year"])", corner: strings["year"],
                                       rows: views.awardRollup(index.awards, byYear: true))
        let rollupByOrganization = AwardRollup(caption: "\(strings["awards"]) – \(strings["by_organization"])", corner: strings["organization"],
                                               rows: views.awardRollup(index.awards, byYear: false))
        paginated(routes.awards, Array(index.awards.indices), emit, pageSize: awardsPerPage) { slice, page, total, path in
            var view = ArchiveView(heading: strings["awards"], intro: nil)
            view.isFirstPage = page == 1
            if page == 1 {
                view.awardsByYear = rollupByYear
                view.awardsByOrganization = rollupByOrganization
            }
            view.csvURL = routes.link(routes.dataCSV)
            view.jsonURL = routes.link(routes.dataJSON)
            view.awards = slice.map { views.awardRow(index.awards[$0]) }
            view.pagination = views.pagination(base: routes.awards, page: page, total: total)
            return html(
                path, "awards", section: "awards", origin: SourceLocation(path: SiteConfigLoader.fileName),
                meta: meta(pageTitle(strings["awards"], page), nil, path, kind: "awards"), body: view)
        }
    }

    func renderStatistics() -> [OutputFile] {
        var view = ArchiveView(heading: strings["statistics"], intro: strings["data_note"])
        view.statisticSections = index.statistics.map(views.statisticSection)
        view.csvURL = routes.link(routes.dataCSV)
        view.jsonURL = routes.link(routes.dataJSON)
        return [
            html(
                routes.statistics, "statistics", section: "statistics", origin: SourceLocation(path: SiteConfigLoader.fileName),
                meta: meta(strings["statistics"], nil, routes.statistics, kind: "statistics"), body: view)
        ]
    }

    func renderTagsIndex() -> OutputFile {
        let origin = SourceLocation(path: SiteConfigLoader.fileName)
        return html(
            routes.tags, "tags", section: "tags", origin: origin,
            meta: meta(strings["tags"], nil, routes.tags, kind: "tags"),
            body: ListView(
                heading: strings["tags"],
                tags: index.tags.map {
                    TagLink(name: $0.name, url: routes.link(routes.tag($0.slug)), count: $0.articles.count)
                }))
    }

    func renderTag(_ i: Int, _ emit: (OutputFile) -> Void) {
        let tag = index.tags[i]
        let base = routes.tag(tag.slug)
        paginated(base, tag.articles, emit) { slice, page, total, path in
            var view = ArchiveView(heading: "\(strings["tag"]): \(tag.name)", intro: nil)
            view.isFirstPage = page == 1
            view.articles = slice.map(views.card)
            view.pagination = views.pagination(base: base, page: page, total: total)
            return html(
                path, "tag", section: "tags", origin: index.articles[tag.articles[0]].location,
                meta: meta(pageTitle(tag.name, page), nil, path, kind: "tag"), body: view)
        }
    }
}
