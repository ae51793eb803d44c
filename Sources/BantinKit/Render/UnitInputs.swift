/// What each unit of the site is made of, as one 64-bit key: the engine renders a unit again
/// only when its key changed since the build that wrote its files (`Engine/OutputRecord`).
///
/// A key is the unit's name and files, the site's key (everything that is not an article:
/// `site.yml`, the words, the organisations' front-matter, the pages, the options, Bantin
/// itself; an organisation's description counts only for its pages and the search index), the
/// digest of the templates it renders with, and the articles it can show:
/// - `listed(i)`: everything of article `i` that shows beyond its own page (its path,
///   front-matter and summary), for lists, archives, figures and awards;
/// - `whole(i)`: that, and its body, its bundle's files and photos (as made: `PhotoCatalog.key`) and the addresses its links lead to,
///   for its page, the feeds and the search index.
/// Units that show figures or awards take the `listed` key of every article that reports them:
/// an organisation's page those naming it, a year's page those of that year (its comparison
/// and charts compare that year's figures), the site-wide tables every one. Erring wide costs a render;
/// erring narrow would publish a stale page, so the model-based test compares every rebuild
/// with a clean build.
struct ArticleKeys: Sendable {
    var listed: [UInt64]
    var whole: [UInt64]
    /// `listed` over every article, in the index's order (lists show them all).
    var allListed: UInt64
    /// `whole` over every article (search reads every body).
    var allWhole: UInt64
    /// `listed` over the articles with figures or awards.
    var figures: UInt64
    /// `listed` over the articles with figures or awards naming each organisation, and for each year.
    var figuresOf: [String: UInt64] = [:]
    var figuresIn: [Int: UInt64] = [:]
}

extension Renderer {
    /// The name a unit keeps between builds, whatever its position.
    func id(of unit: Unit) -> String {
        switch unit {
        case .home: "home"
        case .article(let i): "article " + index.articles[i].path
        case .page(let i): "page " + index.pages[i].path
        case .organizations: "organizations"
        case .organization(let id): "organization " + id
        case .years: "years"
        case .year(let y): "year \(y)"
        case .awards: "awards"
        case .statistics: "statistics"
        case .tags: "tags"
        case .tag(let i): "tag " + index.tags[i].slug
        case .notFound: "404"
        case .siteFeed: "feed"
        case .organizationFeed(let id): "feed " + id
        case .robots: "robots"
        case .search: "search"
        case .data: "data"
        }
    }

    /// Article `i`'s keys (see the type's comment). `listed` is also what the preview compares to
    /// tell a body edit from one that moves the article in the archives.
    static func listedKey(_ a: Article) -> UInt64 {
        var key = KeyHasher()
        key.add(a.path)
        key.add(a.frontMatterDigest)
        key.add(a.summary)
        key.add(a.bundleAssets.count)
        for asset in a.bundleAssets { key.add(asset) }
        return key.value
    }

    func articleKeys(jobs: Int = Parallel.defaultJobs) -> ArticleKeys {
        let links = views.bodies.links
        let photos = views.bodies.photos
        let articles = index.articles
        // Each article's two keys on every core; then the site-wide ones, in the index's order.
        let each = Parallel.map(Array(stride(from: 0, to: articles.count, by: 1024)), jobs: jobs) { start -> [(UInt64, UInt64)] in
            articles[start..<min(articles.count, start + 1024)].map { a in
                let listed = Self.listedKey(a)
                var key = KeyHasher()
                key.add(listed)
                key.add(a.sourceDigest)
                // Its photos' sizes show in its page (and its feed entries).
                key.add(photos.key(a))
                // A link to another article's file shows that article's address.
                for link in a.links where SourceLinks.isSource(link.value) { key.add(links.address(of: link.value, from: a.path) ?? "") }
                return (listed, key.value)
            }
        }.flatMap { $0 }
        var keys = ArticleKeys(listed: each.map(\.0), whole: each.map(\.1), allListed: 0, allWhole: 0, figures: 0)
        var all = KeyHasher(), whole = KeyHasher(), figures = KeyHasher()
        var byOrganization: [String: KeyHasher] = [:], byYear: [Int: KeyHasher] = [:]
        for (a, (listed, wholeKey)) in zip(articles, each) {
            all.add(listed)
            whole.add(wholeKey)
            guard !a.statistics.isEmpty || !a.awards.isEmpty else { continue }
            figures.add(listed)
            var named = Set<String>(), years = Set<Int>()
            for s in a.statistics { named.insert(s.organization.value); years.insert(s.year) }
            for x in a.awards { named.insert(x.organization.value); years.insert(x.year) }
            for id in named.sorted() { byOrganization[id, default: KeyHasher()].add(listed) }
            for year in years.sorted() { byYear[year, default: KeyHasher()].add(listed) }
        }
        (keys.allListed, keys.allWhole, keys.figures) = (all.value, whole.value, figures.value)
        keys.figuresOf = byOrganization.mapValues(\.value)
        keys.figuresIn = byYear.mapValues(\.value)
        return keys
    }

    /// The templates each unit renders with (the card's with every list's).
    private func templateNames(_ unit: Unit) -> [String] {
        let card = TemplateSet.card
        switch unit {
        case .home: return ["home", card]
        case .article: return ["article", card]
        case .page: return ["page"]
        case .organizations: return ["organizations"]
        case .organization: return ["organization", "organization-year", card]
        case .years: return ["years"]
        case .year: return ["year", card]
        case .awards: return ["awards"]
        case .statistics: return ["statistics"]
        case .tags: return ["tags"]
        case .tag: return ["tag", card]
        case .notFound: return ["404"]
        case .search: return ["search"]
        case .siteFeed, .organizationFeed, .robots, .data: return []
        }
    }

    /// The unit's key: see the type `ArticleKeys`.
    func inputKey(_ unit: Unit, files: [String], keys: ArticleKeys, site: UInt64) -> UInt64 {
        var key = KeyHasher()
        key.add(site)
        key.add(id(of: unit))
        for file in files { key.add(file) }
        for name in templateNames(unit) { key.add(templates.closures[name] ?? 0) }
        func listed(_ items: [Int]) { for i in items { key.add(keys.listed[i]) } }
        switch unit {
        case .organizations:
            key.add(keys.allListed)
            for id in index.organizationIDs { key.add(index.organizations[id]?.summary ?? "") }
        case .home, .years, .tags, .page:
            key.add(keys.allListed)
        case .article(let i):
            key.add(keys.whole[i])
        case .organization(let id):
            key.add(index.organizations[id]?.descriptionHTML ?? "")
            key.add(index.organizations[id]?.summary ?? "")
            listed(index.byOrganization[id] ?? [])
            for year in organizationYears(id) { listed(yearArticles(year, organization: id).items) }
            key.add(keys.figuresOf[id] ?? 0)
        case .year(let year):
            listed(yearArticles(year, organization: nil).items)
            for y in yearsWithPages { key.add(y) }
            key.add(keys.figuresIn[year] ?? 0)
        case .awards, .statistics, .data:
            key.add(keys.figures)
        case .tag(let i):
            listed(index.tags[i].articles)
        case .siteFeed:
            for i in index.articles.indices.prefix(20) { key.add(keys.whole[i]) }
        case .organizationFeed(let id):
            for i in (index.byOrganization[id] ?? []).prefix(20) { key.add(keys.whole[i]) }
        case .search:
            key.add(keys.allWhole)
            for id in index.organizationIDs {
                key.add(index.organizations[id]?.descriptionHTML ?? "")
                key.add(index.organizations[id]?.summary ?? "")
            }
        case .notFound, .robots:
            break
        }
        return key.value
    }

    /// The key of each page of a paginated unit, by file: the first page's is the unit's (it
    /// shows the unit's figures, awards and roll-ups); each other page's is what it shows: the
    /// unit's frame (its name, templates, and an organisation's years), its place among the
    /// pages, and the articles (or awards) on it. A title edit then renders the page the article
    /// is on, not the organisation's every page. Empty for other units.
    func pageKeys(_ unit: Unit, unitKey: UInt64, keys: ArticleKeys, site: UInt64) -> [String: UInt64] {
        var frame = KeyHasher()
        frame.add(site)
        frame.add(id(of: unit))
        for name in templateNames(unit) { frame.add(templates.closures[name] ?? 0) }
        var out: [String: UInt64] = [:]
        func pages(_ base: String, _ items: [Int], size: Int? = nil, key item: (Int) -> UInt64) {
            let size = size ?? config.paginate
            let total = max(1, (items.count + size - 1) / size)
            for page in 1...total {
                let file = Routes.outputFile(routes.paged(base, page))
                var key = KeyHasher()
                key.add(page == 1 ? unitKey : frame.value)
                key.add(file)
                key.add(page)
                key.add(total)
                for i in items[min(items.count, (page - 1) * size)..<min(items.count, page * size)] { key.add(item(i)) }
                out[file] = key.value
            }
        }
        let listed = { (i: Int) in keys.listed[i] }
        switch unit {
        case .home:
            pages(routes.home, Array(index.articles.indices), key: listed)
        case .organization(let id):
            let years = organizationYears(id)
            for y in years { frame.add(y) }
            pages(routes.organization(id), index.byOrganization[id] ?? [], key: listed)
            for year in years { pages(routes.organization(id, year: year), yearArticles(year, organization: id).items, key: listed) }
        case .year(let year):
            pages(routes.year(year), yearArticles(year, organization: nil).items, key: listed)
        case .tag(let i):
            pages(routes.tag(index.tags[i].slug), index.tags[i].articles, key: listed)
        case .awards:
            pages(routes.awards, Array(index.awards.indices), size: awardsPerPage) { i in
                let record = index.awards[i], a = record.award
                var key = KeyHasher()
                key.add(keys.listed[record.article])
                for text in [a.title, a.recipientKind.rawValue, a.recipient ?? "", a.issuer ?? "", a.organization.value] { key.add(text) }
                key.add(a.count)
                key.add(a.year)
                return key.value
            }
        default:
            break
        }
        return out
    }
}
