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

    func pagedFiles(_ base: String, _ count: Int) -> [String] {
        let total = max(1, (count + config.paginate - 1) / config.paginate)
        return (1...total).map { Routes.outputFile(routes.paged(base, $0)) }
    }

    func files(of unit: Unit) -> [String] {
        switch unit {
        case .home: return pagedFiles(routes.home, index.articles.count)
        case .article(let i): return [Routes.outputFile(routes.article(index.articles[i]))]
        case .page(let i): return [Routes.outputFile(routes.page(index.pages[i]))]
        case .organizations: return [Routes.outputFile(routes.organizations)]
        case .organization(let id):
            return pagedFiles(routes.organization(id), index.byOrganization[id]?.count ?? 0)
                + index.years(of: id).flatMap { year in
                    pagedFiles(routes.organization(id, year: year), index.byOrganizationYear[OrganizationYear(organization: id, year: year)]?.count ?? 0)
                }
        case .years: return [Routes.outputFile(routes.years)]
        case .year(let year): return pagedFiles(routes.year(year), index.byYear[year]?.count ?? 0)
        case .awards: return [Routes.outputFile(routes.awards)]
        case .statistics: return [Routes.outputFile(routes.statistics)]
        case .tags: return [Routes.outputFile(routes.tags)]
        case .tag(let i): return pagedFiles(routes.tag(index.tags[i].slug), index.tags[i].articles.count)
        case .notFound: return ["404.html"]
        case .siteFeed: return ["feed.xml"]
        case .organizationFeed(let id): return [String(routes.organizationFeed(id).dropFirst())]
        case .robots: return ["robots.txt"]
        case .search: return [Routes.outputFile(routes.search), String(routes.searchIndex.dropFirst())]
        case .data: return [String(routes.dataCSV.dropFirst()), String(routes.dataJSON.dropFirst())]
        }
    }

    func origin(of unit: Unit) -> SourceLocation {
        switch unit {
        case .article(let i): index.articles[i].location
        case .page(let i): index.pages[i].location
        case .organizations: SourceLocation(path: "content/organizations")
        case .organization(let id), .organizationFeed(let id): SourceLocation(path: index.organizations[id]!.path)
        case .tag(let i): index.articles[index.tags[i].articles[0]].location
        case .home, .years, .year, .awards, .statistics, .tags, .notFound, .siteFeed, .robots, .search, .data:
            SourceLocation(path: SiteConfigLoader.fileName)
        }
    }

    /// Every file of the site, in the order `render` writes them.
    public func plan(staticFiles: [AssetFile]) -> [PlannedFile] {
        var out: [PlannedFile] = []
        for (i, unit) in units.enumerated() {
            let origin = origin(of: unit)
            out += files(of: unit).map { PlannedFile(path: $0, origin: origin, source: .unit(i)) }
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
        for article in index.articles {
            guard let dir = article.bundleDirectory else { continue }
            let base = String(routes.article(article).dropFirst())
            for asset in article.bundleAssets {
                out.append(OutputFile(path: base + asset, copying: dir + "/" + asset, origin: article.location))
            }
        }
        out.append(OutputFile(path: "sitemap.xml", text: FeedWriter(index: index, routes: routes).sitemap(pages: pages),
                              origin: SourceLocation(path: SiteConfigLoader.fileName)))
        return out
    }
}
