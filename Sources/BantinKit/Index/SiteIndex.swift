/// An organization and a year: the key of per-organization yearly archives and results.
public struct OrganizationYear: Hashable, Sendable {
    public var organization: String
    public var year: Int
}

/// One figure as it stands after the latest-article-wins rule.
public struct StatisticFact: Sendable {
    public var organization: String
    public var key: String
    public var year: Int
    public var value: Number
    public var label: String
    public var unit: String?
    /// Index into `SiteIndex.articles` of the article that reported it.
    public var article: Int
    public var kind: FigureKind = .count
    public var verified = false
    /// Where the value is written, for warnings about it.
    public var location: SourceLocation? = nil
    /// What earlier articles said for the same organization, key and year, newest first: the
    /// figure stands as a correction (đính chính) of these.
    public var replaced: [ReplacedFigure] = []
}

/// A figure an earlier article gave and a later one corrected.
public struct ReplacedFigure: Sendable, Equatable {
    public var value: Number
    /// Index into `SiteIndex.articles`.
    public var article: Int
    public var location: SourceLocation?
}

/// One award with the article that reported it.
public struct AwardRecord: Sendable {
    public var award: Award
    public var article: Int
}

public struct TagEntry: Sendable {
    public var name: String
    public var slug: String
    public var articles: [Int]
}

/// A statistic key as the site uses it: its label and unit, and the facts reported for it.
public struct StatisticSeries: Sendable {
    public var key: String
    public var label: String
    public var unit: String?
    /// Sorted by organization, then year.
    public var facts: [StatisticFact]
}

extension StatisticSeries {
    /// Each organization's figure by year (the first, should there be two), for lookups instead
    /// of searches: tables and checks have a cell per unit and year.
    var factsByUnitYear: [OrganizationYear: StatisticFact] {
        Dictionary(facts.map { (OrganizationYear(organization: $0.organization, year: $0.year), $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Everything the renderer needs, cross-referenced once. Article lists hold indices into
/// `articles`, which is sorted newest first.
public struct SiteIndex: Sendable {
    public var config: SiteConfig
    public var organizations: [String: Organization]
    /// Organization ids sorted by name.
    public var organizationIDs: [String]
    /// Child organization ids by parent id, sorted by name.
    public var children: [String: [String]]
    public var articles: [Article]
    public var pages: [Page]
    public var byOrganization: [String: [Int]]
    public var byYear: [Int: [Int]]
    public var byOrganizationYear: [OrganizationYear: [Int]]
    /// Articles that report on a year (its figures or awards count for it, or their
    /// `meeting.period` ends in it), newest first, whatever year they were published in.
    public var byReportedYear: [Int: [Int]] = [:]
    /// The same for each of an article's organizations.
    public var byOrganizationReportedYear: [OrganizationYear: [Int]] = [:]
    public var tags: [TagEntry]
    /// In catalog order first, then by key.
    public var statistics: [StatisticSeries]
    /// Newest article first, then in the order the article lists them.
    public var awards: [AwardRecord]
    /// Each article's address (`Permalink`), by its position in `articles`.
    public var addresses: [String] = []

    /// Article `i`'s address.
    public func address(_ i: Int) -> String {
        i < addresses.count ? addresses[i] : Permalink(config.permalink).address(of: articles[i])
    }

    /// Years with articles, newest first.
    public var years: [Int] { byYear.keys.sorted(by: >) }
}
