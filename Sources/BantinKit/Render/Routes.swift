/// The URLs of the published site, as the contract lays them out. Every function returns a site
/// path that starts and ends with `/` (or names a file); `link` prefixes the `base_url` path.
public struct Routes: Sendable {
    public let config: SiteConfig
    /// `config.basePath`, found once (it searches `base_url`).
    let basePath: String
    /// `config.permalink`, split once.
    private let permalink: Permalink

    public init(config: SiteConfig) {
        self.config = config
        self.basePath = config.basePath
        self.permalink = Permalink(config.permalink)
    }

    public var home: String { "/" }
    public var organizations: String { "/\(config.paths.organizations)/" }
    public func organization(_ id: String) -> String { "\(organizations)\(id)/" }
    public func organization(_ id: String, year: Int) -> String { "\(organization(id))\(year)/" }
    public func organizationFeed(_ id: String) -> String { "\(organization(id))feed.xml" }
    public var years: String { "/\(config.paths.years)/" }
    public func year(_ year: Int) -> String { "\(years)\(year)/" }
    public var awards: String { "/\(config.paths.awards)/" }
    public var statistics: String { "/\(config.paths.statistics)/" }
    public var dataCSV: String { "\(statistics)data.csv" }
    public var dataJSON: String { "\(statistics)data.json" }
    public var search: String { "/\(config.paths.search)/" }
    public var searchIndex: String { "\(search)index.json" }
    public var searchScript: String { "/search.js" }
    public var tags: String { "/\(config.paths.tags)/" }
    public func tag(_ slug: String) -> String { "\(tags)\(slug)/" }
    public func page(_ page: Page) -> String { "/\(page.slug)/" }
    public var feed: String { "/feed.xml" }
    public var stylesheet: String { "/style.css" }

    /// An article's address; `SiteIndex.address(_:)` has it made, where the article's position is known.
    public func article(_ article: Article) -> String { permalink.address(of: article) }

    /// `…/page/N/` for the N-th page of an archive (the first page is the archive itself).
    public func paged(_ path: String, _ page: Int) -> String { page <= 1 ? path : "\(path)page/\(page)/" }

    /// A link as it appears in a page: the site path under `base_url`'s path.
    public func link(_ path: String) -> String { basePath + path.dropFirst() }

    /// An absolute URL, for feeds, sitemaps and canonical links.
    public func absolute(_ path: String) -> String { config.absoluteURL(path) }

    /// The file a site path is written to: `/nam/2023/` → `nam/2023/index.html`.
    public static func outputFile(_ path: String) -> String {
        let trimmed = String(path.dropFirst())
        return path.hasSuffix("/") ? trimmed + "index.html" : trimmed
    }
}

