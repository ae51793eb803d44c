import Foundation

/// Where every unit's files go, known without rendering them: the preview server renders a page
/// only when it is asked for, and needs to know which unit makes it. A test checks that the plan
/// and the rendered site name the same files from the same origins.
extension Renderer {
    /// One file of the site before it is rendered.
    public struct PlannedFile: Sendable {
        public enum Source: Sendable {
            /// Made by rendering `units[index]`.
            case unit(Int)
            /// Known already (theme asset, static file, bundle file, sitemap).
            case file(OutputFile)
        }

        public var path: String
        public var origin: SourceLocation
        public var source: Source
    }

    func pagedFiles(_ base: String, _ count: Int, pageSize: Int? = nil) -> [String] {
        let size = pageSize ?? config.paginate
        let total = max(1, (count + size - 1) / size)
        return (1...total).map { Routes.outputFile(routes.paged(base, $0)) }
    }

    /// What one unit is: the files it makes (known without rendering), the source that asked
    /// for them, and how to render them. The one place that says all three, so the plan and the
    /// rendered site cannot disagree.
    struct UnitWork {
        var files: [String]
        var origin: SourceLocation
        /// Renders the unit, handing each file to `emit` as it is made.
        var render: (_ emit: (OutputFile) -> Void) -> Void

        init(files: [String], origin: SourceLocation, render: @escaping (_ emit: (OutputFile) -> Void) -> Void) {
            self.files = files
            self.origin = origin
            self.render = render
        }

        /// A unit whose files are made all at once.
        init(files: [String], origin: SourceLocation, all: @escaping () -> [OutputFile]) {
            self.init(files: files, origin: origin) { emit in all().forEach(emit) }
        }
    }

    func work(_ unit: Unit) -> UnitWork {
        let site = SourceLocation(path: SiteConfigLoader.fileName)
        func one(_ path: String, _ origin: SourceLocation = site, _ render: @escaping () -> [OutputFile]) -> UnitWork {
            UnitWork(files: [path], origin: origin, all: render)
        }
        switch unit {
        case .home:
            return UnitWork(files: pagedFiles(routes.home, index.articles.count), origin: site, render: renderHome)
        case .article(let i):
            return one(Routes.outputFile(index.address(i)), index.articles[i].location) { renderArticle(i) }
        case .page(let i):
            let page = index.pages[i]
            return one(Routes.outputFile(routes.page(page)), page.location) { renderPage(i) }
        case .organizations:
            return one(Routes.outputFile(routes.organizations), SourceLocation(path: "content/organizations")) { [renderOrganizationsIndex()] }
        case .organization(let id):
            let files = pagedFiles(routes.organization(id), index.byOrganization[id]?.count ?? 0)
                + organizationYears(id).flatMap { year in
                    pagedFiles(routes.organization(id, year: year), yearArticles(year, organization: id).items.count)
                }
            return UnitWork(files: files, origin: SourceLocation(path: index.organizations[id]!.path)) { renderOrganization(id, $0) }
        case .years:
            return one(Routes.outputFile(routes.years)) { [renderYearsIndex()] }
        case .year(let year):
            return UnitWork(files: pagedFiles(routes.year(year), yearArticles(year, organization: nil).items.count), origin: site) { renderYear(year, $0) }
        case .awards:
            return UnitWork(files: pagedFiles(routes.awards, index.awards.count, pageSize: awardsPerPage), origin: site, render: renderAwards)
        case .statistics:
            return one(Routes.outputFile(routes.statistics), site, renderStatistics)
        case .tags:
            return one(Routes.outputFile(routes.tags)) { [renderTagsIndex()] }
        case .tag(let i):
            return UnitWork(files: pagedFiles(routes.tag(index.tags[i].slug), index.tags[i].articles.count),
                            origin: index.articles[index.tags[i].articles[0]].location) { renderTag(i, $0) }
        case .notFound:
            return one("404.html") {
                [html("/404.html", "404", section: nil, origin: site, meta: meta(strings["not_found"], nil, "/404.html", kind: "404"),
                      body: StandalonePageView(title: strings["not_found"], bodyHTML: ""))]
            }
        case .siteFeed, .organizationFeed:
            return feedWork(unit)
        case .robots:
            return one("robots.txt") {
                [OutputFile(path: "robots.txt", text: "User-agent: *\nAllow: /\n\nSitemap: \(routes.absolute("/sitemap.xml"))\n", origin: site)]
            }
        case .search:
            return searchWork()
        case .data:
            return dataWork()
        }
    }

    /// The site's feed, or an organisation's.
    private func feedWork(_ unit: Unit) -> UnitWork {
        let site = SourceLocation(path: SiteConfigLoader.fileName)
        let feeds = FeedWriter(index: index, routes: routes, body: views.bodies.html)
        guard case .organizationFeed(let id) = unit else {
            return UnitWork(files: ["feed.xml"], origin: site) {
                [OutputFile(path: "feed.xml", text: feeds.atom(title: config.title, path: routes.feed, alternate: routes.home,
                                                               articles: Array(index.articles.indices.prefix(20))), origin: site)]
            }
        }
        let org = index.organizations[id]!
        let path = String(routes.organizationFeed(id).dropFirst())
        let origin = SourceLocation(path: org.path)
        return UnitWork(files: [path], origin: origin) {
            [OutputFile(path: path, text: feeds.atom(title: "\(org.name) – \(config.title)", path: routes.organizationFeed(id),
                                                     alternate: routes.organization(id), articles: Array((index.byOrganization[id] ?? []).prefix(20))),
                        origin: origin)]
        }
    }

    /// The search page and its index (built up front on all threads, or here).
    private func searchWork() -> UnitWork {
        let site = SourceLocation(path: SiteConfigLoader.fileName)
        let json = String(routes.searchIndex.dropFirst())
        return UnitWork(files: [Routes.outputFile(routes.search), json], origin: site) {
            [
                html(routes.search, "search", section: "search", origin: site,
                     meta: meta(strings["search"], nil, routes.search, kind: "search"),
                     body: SearchView(heading: strings["search"], actionURL: routes.link(routes.search),
                                      indexURL: routes.link(routes.searchIndex), scriptURL: routes.link(routes.searchScript))),
                OutputFile(path: json, content: preparedSearchIndex?.take() ?? .bytes(SearchIndex(index: index, routes: routes, strings: strings).data()), origin: site),
            ]
        }
    }

    /// `data.csv` and `data.json`, from one set of records.
    private func dataWork() -> UnitWork {
        let site = SourceLocation(path: SiteConfigLoader.fileName)
        let csv = String(routes.dataCSV.dropFirst()), json = String(routes.dataJSON.dropFirst())
        return UnitWork(files: [csv, json], origin: site) {
            // Written as they are made: at 100,000 articles the two files are 190 MB.
            let export = DataExport(index: index, routes: routes)
            return [OutputFile(path: csv, origin: site) { try export.writeCSV(to: $0) },
                    OutputFile(path: json, origin: site) { try export.writeJSON(to: $0) }]
        }
    }

    /// Every file of the site, in the order `render` writes them.
    public func plan(staticFiles: [AssetFile]) -> [PlannedFile] {
        var out: [PlannedFile] = []
        for (i, unit) in units.enumerated() {
            let work = work(unit)
            out += work.files.map { PlannedFile(path: $0, origin: work.origin, source: .unit(i)) }
        }
        let pages = out.map(\.path).filter { $0.hasSuffix(".html") && $0 != "404.html" }
        out += extraFiles(staticFiles: staticFiles, pages: pages).map { PlannedFile(path: $0.path, origin: $0.origin, source: .file($0)) }
        return out
    }

    /// The files that are not rendered from units: theme assets, static files, bundle files and
    /// the sitemap of `pages`.
    func extraFiles(staticFiles: [AssetFile], pages: [String]) -> [OutputFile] {
        var out: [OutputFile] = []
        // The theme's assets, unless the site's static/ has a file of the same name.
        for (name, text) in BuiltinTheme.assets.sorted(by: { $0.key < $1.key }) where !staticFiles.contains(where: { $0.outputPath == name }) {
            out.append(OutputFile(path: name, text: text, origin: SourceLocation(path: "(built-in) \(name)")))
        }
        for file in staticFiles {
            out.append(OutputFile(path: file.outputPath, copying: file.sourcePath, origin: SourceLocation(path: "static/" + file.outputPath)))
        }
        for (i, article) in index.articles.enumerated() {
            guard let dir = article.bundleDirectory else { continue }
            let base = String(index.address(i).dropFirst())
            for asset in article.bundleAssets {
                // A photo is published as what was made of it, never as it is (`Photos/`).
                if let photo = photos.photo(article, asset) {
                    for file in photo.files(publishedAs: asset) {
                        var made = OutputFile(path: base + file.published, copying: photos.cached(photo, file.cached), origin: article.location)
                        made.contentKey = photo.key ^ Digest.fnv1a(file.cached)
                        out.append(made)
                    }
                } else {
                    out.append(OutputFile(path: base + asset, copying: dir + "/" + asset, origin: article.location))
                }
            }
        }
        for (i, article) in index.articles.enumerated() {
            for alias in article.aliases {
                out.append(OutputFile(path: Routes.outputFile(alias), text: Self.redirect(to: routes.absolute(index.address(i)), title: article.title,
                                                                                          language: config.language.rawValue),
                                      origin: article.location))
            }
        }
        // Made when written, and known by the pages it lists: a rebuild that moves no page
        // does not make it at all.
        var sitemap = OutputFile(path: "sitemap.xml", origin: SourceLocation(path: SiteConfigLoader.fileName)) { [index, routes] sink in
            try sink(Data(FeedWriter(index: index, routes: routes).sitemap(pages: pages).utf8))
        }
        var key = KeyHasher()
        key.add(routes.absolute("/"))
        key.add(pages.reduce(UInt64(pages.count)) { $0 &+ Digest.fnv1a($1) })
        sitemap.contentKey = key.value
        out.append(sitemap)
        return out
    }

    /// A page at an article's old address that sends the reader to the new one at once (and
    /// search engines with it); not in the sitemap.
    static func redirect(to url: String, title: String, language: String) -> String {
        let u = escapeHTML(url), t = escapeHTML(title)
        return """
        <!DOCTYPE html>
        <html lang="\(language)">
        <head>
        <meta charset="utf-8">
        <title>\(t)</title>
        <link rel="canonical" href="\(u)">
        <meta name="robots" content="noindex">
        <meta http-equiv="refresh" content="0; url=\(u)">
        </head>
        <body><p><a href="\(u)">\(t)</a></p></body>
        </html>

        """
    }
}
