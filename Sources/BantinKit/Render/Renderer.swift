import Foundation
import Synchronization
/// Renders every page of the contract's table from the index. Pure: returns the files, writes none.
public struct Renderer: Sendable {
    public let index: SiteIndex
    public let templates: TemplateSet
    let routes: Routes
    let strings: UIStrings
    /// The same words as templates read them (`t.…`), by position.
    let stringsView: StringsView
    /// The search index, when the caller made it up front on all threads (it folds every
    /// article's text); nil when the search unit makes it itself (the preview, on request).
    let preparedSearchIndex: PreparedSearchIndex?
    /// The site as every page's chrome shows it, by the section the page is in ("" for none):
    /// made once, not for each page.
    private let siteViews: [String: SiteView]
    /// The bundles' photos as published.
    var photos: PhotoCatalog { views.bodies.photos }

    /// Everything the renderer needs, made now: `cards` are the articles' cards when the caller
    /// has them (the preview keeps them between edits), else they are rendered here on `jobs`
    /// threads; `preparedSearchIndex` is the search index when the caller made it; `bodies`
    /// reads and renders again the bodies of articles parsed without keeping them.
    /// `known` holds cards kept from an earlier build, by article (nil: render it).
    public init(index: SiteIndex, templates: TemplateSet, cards: [String]? = nil, jobs: Int = 1,
                preparedSearchIndex: PreparedSearchIndex? = nil, bodies: (@Sendable (Article) -> String?)? = nil,
                photos: PhotoCatalog = PhotoCatalog()) {
        self.init(index: index, templates: templates, cards: cards, known: nil, jobs: jobs, preparedSearchIndex: preparedSearchIndex, bodies: bodies,
                  photos: photos)
    }

    init(index: SiteIndex, templates: TemplateSet, cards: [String]?, known: [String?]?, jobs: Int,
         preparedSearchIndex: PreparedSearchIndex?, bodies: (@Sendable (Article) -> String?)?, photos: PhotoCatalog, skips: PageSkips? = nil) {
        let routes = Routes(config: index.config)
        // Links to another article's .md file lead to its address, in pages, feeds and search alike.
        // (Resolving changes bodies only, not addresses: one table serves both.)
        let links = SourceLinks(index: index, routes: routes)
        let index = SourceLinks.resolved(index, routes: routes, links: links)
        let strings = UIStrings(language: index.config.language, overrides: index.config.stringOverrides)
        let articleBodies = ArticleBodies(read: bodies, links: links, routes: routes, photos: photos)
        let bare = Renderer(index: index, templates: templates, routes: routes, strings: strings, cards: [], preparedSearchIndex: nil,
                            records: OrganizationRecords(), bodies: articleBodies)
        self.init(index: index, templates: templates, routes: routes, strings: strings,
                  cards: cards ?? Parallel.map(Array(index.articles.indices), jobs: jobs) { known?[$0] ?? bare.renderCard($0) },
                  preparedSearchIndex: preparedSearchIndex,
                  records: OrganizationRecords(index), bodies: articleBodies)
        self.skips = skips
        (yearsWithPages, yearsOfOrganization) = Self.archiveYears(index, records: records)
        units = Self.units(index, yearsWithPages: yearsWithPages)
    }

    private init(index: SiteIndex, templates: TemplateSet, routes: Routes, strings: UIStrings, cards: [String], preparedSearchIndex: PreparedSearchIndex?,
                 records: OrganizationRecords, bodies: ArticleBodies) {
        self.index = index
        self.templates = templates
        self.routes = routes
        self.strings = strings
        self.stringsView = StringsView(strings)
        self.preparedSearchIndex = preparedSearchIndex
        self.views = ViewBuilder(index: index, routes: routes, strings: strings, cards: cards, records: records, bodies: bodies)
        var siteViews: [String: SiteView] = [:]
        for section in [""] + Self.sections.map(\.0) {
            siteViews[section] = Self.site(section: section.isEmpty ? nil : section, index: index, routes: routes, strings: strings)
        }
        self.siteViews = siteViews
    }

    /// Made once: made on each use, it copied the whole index every time a card was read.
    let views: ViewBuilder
    /// Pages of paginated units not to render: the engine found them as the last build wrote them.
    private(set) var skips: PageSkips?
    /// Every year with a page, newest first; and each organisation's archive years.
    private(set) var yearsWithPages: [Int] = []
    private(set) var yearsOfOrganization: [String: [Int]] = [:]
    /// Each article's card (`article-card.mustache`), rendered once: a card stands on the home
    /// page, its organisations', its year's and its tags' archives, and rendering it again for
    /// each was a third of all rendering.
    var cards: [String] { views.cardContext.cards }
    /// Each organisation's figures and awards, for its pages.
    var records: OrganizationRecords { views.records }
    var config: SiteConfig { index.config }

    /// Independent pieces of the site, rendered in parallel and concatenated in this order.
    enum Unit {
        case home, article(Int), page(Int), organizations, organization(String), years, year(Int)
        case awards, statistics, tags, tag(Int), notFound, siteFeed, organizationFeed(String), robots
        case search, data
    }

    /// Every unit, in the order the site is written: made once (the engine asks for them at
    /// every stage).
    private(set) var units: [Unit] = []

    private static func units(_ index: SiteIndex, yearsWithPages: [Int]) -> [Unit] {
        var units: [Unit] = [.home]
        units += index.articles.indices.map(Unit.article)
        units += index.pages.indices.map(Unit.page)
        units.append(.organizations)
        units += index.organizationIDs.map(Unit.organization)
        units.append(.years)
        units += yearsWithPages.map(Unit.year)
        units += [.awards, .statistics, .tags]
        units += index.tags.indices.map(Unit.tag)
        units += [.notFound, .siteFeed]
        units += index.organizationIDs.map(Unit.organizationFeed)
        units += [.robots, .search, .data]
        return units
    }

    func render(_ unit: Unit) -> [OutputFile] {
        var files: [OutputFile] = []
        work(unit).render { files.append($0) }
        return files
    }

    /// Article `i`'s card, as lists show it.
    func renderCard(_ i: Int) -> String {
        templates.renderCard(views.card(i), chrome: CardChrome(site: site(section: nil), strings: stringsView))
    }

    /// Renders every page, feed and copied file and hands each to `put` as soon as it exists
    /// (from any thread), so a large site is never whole in memory. The files are the same, byte
    /// for byte, whatever `jobs` is. Returns the first problem `put` reported.
    public func render(staticFiles: [AssetFile], jobs: Int, progress: BuildProgress?, into put: @Sendable (OutputFile) -> String?) -> String? {
        let renderer = self
        let failure = Mutex<String?>(nil)
        let paths = renderer.renderUnits(jobs: jobs, progress: progress) { _, file in
            if let problem = put(file) { failure.withLock { $0 = $0 ?? problem } }
        }
        let pages = paths.filter { $0.hasSuffix(".html") && $0 != "404.html" }
        for file in extraFiles(staticFiles: staticFiles, pages: pages) {
            if let problem = put(file) { failure.withLock { $0 = $0 ?? problem } }
        }
        return failure.withLock { $0 }
    }

    /// Renders only `subset` (positions in `units`) and `extras`, for a build that patches the
    /// output: the other units' files are as they were.
    func render(units subset: [Int], extras: [OutputFile], jobs: Int, progress: BuildProgress?, into put: @Sendable (OutputFile) -> String?) -> String? {
        let failure = Mutex<String?>(nil)
        _ = renderUnits(subset, jobs: jobs, progress: progress) { _, file in
            if let problem = put(file) { failure.withLock { $0 = $0 ?? problem } }
        }
        for file in extras {
            if let problem = put(file) { failure.withLock { $0 = $0 ?? problem } }
        }
        return failure.withLock { $0 }
    }

    /// Renders the units on `jobs` threads, handing each file to `handle` (with its unit's
    /// position) as soon as it is made; returns the paths rendered, in unit order.
    func renderUnits(_ subset: [Int]? = nil, jobs: Int, progress: BuildProgress?, handle: (Int, OutputFile) -> Void) -> [String] {
        let units = self.units
        let chosen = subset ?? Array(units.indices)
        progress?.start("rendering", total: chosen.count)
        // The site-wide units are the slowest (each reads every figure, award or article), and
        // a year's page holds the year's awards (17 MB at 100,000 articles): started first,
        // they do not leave one thread working alone at the end, nor add their size to what
        // the build holds by then.
        let slowest = chosen.indices.filter { k in
            switch units[chosen[k]] {
            case .statistics, .data, .search, .awards, .siteFeed, .home, .years, .organizations, .year: true
            default: false
            }
        }
        let paths = Parallel.map(chosen, jobs: jobs, startingWith: slowest) { i -> [String] in
            defer { progress?.advance() }
            var paths: [String] = []
            work(units[i]).render { file in
                paths.append(file.path)
                handle(i, file)
            }
            return paths
        }
        return paths.flatMap { $0 }
    }

    // MARK: Page assembly

    func meta(_ title: String, _ description: String?, _ path: String, kind: String, feed: String? = nil) -> PageMeta {
        PageMeta(title: title, fullTitle: kind == "home" ? title : "\(title) – \(config.title)",
                 description: description ?? config.description, canonical: routes.absolute(path),
                 feedURL: feed.map(routes.link), kind: kind)
    }

    /// The sections of the site's navigation: their words (`UIStrings`) and addresses.
    private static let sections: [(String, @Sendable (Routes) -> String)] = [
        ("home", \.home), ("organizations", \.organizations), ("years", \.years),
        ("awards", \.awards), ("statistics", \.statistics), ("tags", \.tags), ("search", \.search),
    ]

    func site(section: String?) -> SiteView {
        siteViews[section ?? ""] ?? Self.site(section: section, index: index, routes: routes, strings: strings)
    }

    private static func site(section: String?, index: SiteIndex, routes: Routes, strings: UIStrings) -> SiteView {
        let config = index.config
        return SiteView(
            title: config.title, description: config.description, language: config.language.rawValue,
            homeURL: routes.link(routes.home), stylesheetURL: routes.link(routes.stylesheet), feedURL: routes.link(routes.feed),
            feedAbsoluteURL: routes.absolute(routes.feed),
            nav: sections.map { NavItem(label: strings[$0.0], url: routes.link($0.1(routes)), current: $0.0 == section) },
            pages: index.pages.map { NavItem(label: $0.title, url: routes.link(routes.page($0)), current: false) },
            locale: config.language == .vi ? "vi_VN" : "en_US")
    }

    func html(_ path: String, _ template: String, section: String?, origin: SourceLocation, meta: PageMeta, body: some ViewModel) -> OutputFile {
        let chrome = PageChrome(site: site(section: section), strings: stringsView, meta: meta)
        let file = Routes.outputFile(path)
        var bytes = templates.render(body, chrome: chrome, template: template)
        if config.relativeURLs, file != "404.html" { bytes = RelativeLinks.rewrite(bytes, file: file, basePath: routes.basePath) }
        return OutputFile(path: file, bytes: bytes, origin: origin)
    }

    /// Splits `items` into pages of `paginate` and renders each at `base`, `base/page/2/`, …,
    /// handing each to `emit` as soon as it is made: a long archive (the home page's 5,000
    /// pages at 100,000 articles) is never whole in memory.
    func paginated(_ base: String, _ items: [Int], _ emit: (OutputFile) -> Void, pageSize: Int? = nil,
                   render: (ArraySlice<Int>, Int, Int, String) -> OutputFile) {
        let size = pageSize ?? config.paginate
        let total = max(1, (items.count + size - 1) / size)
        for page in 1...total {
            let path = routes.paged(base, page)
            if let skips, skips.contains(Routes.outputFile(path)) { continue }
            let slice = items[min(items.count, (page - 1) * size)..<min(items.count, page * size)]
            emit(render(slice, page, total, path))
        }
    }

    func pageTitle(_ title: String, _ page: Int) -> String { page > 1 ? "\(title) – \(strings["page"]) \(page)" : title }
}


/// The pages of paginated units a build leaves as they are (see `Renderer.paginated`): filled
/// by the engine once it has compared each page's key with the last build's.
public final class PageSkips: Sendable {
    private let paths = Mutex<Set<String>>([])

    public init() {}

    func contains(_ path: String) -> Bool { paths.withLock { $0.contains(path) } }
    func insert(_ more: some Sequence<String>) { paths.withLock { $0.formUnion(more) } }
}
