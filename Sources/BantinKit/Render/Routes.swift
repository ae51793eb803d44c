/// The URLs of the published site, as the contract lays them out. Every function returns a site
/// path that starts and ends with `/` (or names a file); `link` prefixes the `base_url` path.
public struct Routes: Sendable {
    public let config: SiteConfig
    /// `config.basePath`, found once (it searches `base_url`).
    let basePath: String
    /// `config.permalink` split once: every link to an article is made from it.
    private let permalink: [String]

    public init(config: SiteConfig) {
        self.config = config
        self.basePath = config.basePath
        self.permalink = config.permalink.split(separator: "/").map(String.init)
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

    public func article(_ article: Article) -> String {
        let d = article.date.local
        var path = "/"
        for part in permalink {
            switch part {
            case ":year": path += CivilDate.pad(d.year, 4)
            case ":month": path += CivilDate.pad(d.month, 2)
            case ":day": path += CivilDate.pad(d.day, 2)
            case ":slug": path += article.slug
            case ":organization": path += article.primaryOrganization
            default: path += part
            }
            path += "/"
        }
        return path
    }

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
