/// A value with the place in its file it came from, kept for checks made in later stages.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, _ location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}

public struct Organization: Sendable {
    public var id: String
    public var name: String
    public var shortName: String?
    public var level: String?
    public var parent: Located<String>?
    public var website: String?
    /// The body, as HTML.
    public var descriptionHTML: String
    public var summary: String?
    public var path: String

    public var displayName: String { shortName ?? name }
}

public struct Attendee: Sendable, Equatable {
    public var name: String
    public var role: String?
}

public struct Meeting: Sendable {
    public var kind: String?
    public var date: CivilDate
    public var location: String?
    public var period: String?
    public var chair: [String] = []
    public var attendees: [Attendee] = []
}

public enum RecipientKind: String, Sendable, CaseIterable {
    case collective, individual
}

public struct Award: Sendable {
    public var title: String
    public var recipientKind: RecipientKind
    public var count: Int
    public var recipient: String?
    public var issuer: String?
    public var year: Int
    public var organization: Located<String>
}

public struct Statistic: Sendable {
    public var key: String
    public var value: Number
    public var label: String
    public var unit: String?
    public var year: Int
    public var organization: Located<String>
    public var location: SourceLocation
    public var kind: FigureKind = .count
    /// `verified: true`: the writer checked it, so plausibility warnings stay quiet.
    public var verified = false
    /// Where the value is written: warnings about it point there.
    public var valueLocation: SourceLocation? = nil
}

public struct SourceLink: Sendable {
    public var name: String
    public var url: String?
}

public struct Article: Sendable {
    public var path: String
    public var title: String
    public var date: Timestamp
    public var organizations: [Located<String>]
    public var summary: String
    public var slug: String
    public var tags: [String]
    public var draft: Bool
    public var author: String?
    public var image: String?
    public var imageAlt: String?
    public var source: SourceLink?
    public var meeting: Meeting?
    public var awards: [Award]
    public var statistics: [Statistic]
    public var bodyHTML: String
    /// Link destinations in the body, located in the file, for the link check after rendering.
    public var links: [Located<String>] = []
    /// Old addresses of the article on this site (`/tin-cu/123/`), each written as a redirect.
    public var aliases: [String] = []
    /// Where the front-matter starts, for problems that concern the article as a whole.
    public var location: SourceLocation
    public var bundleDirectory: String?
    public var bundleAssets: [String]
    /// `Digest.fnv1a` of the front-matter's text: an edit that leaves it as it was changed only
    /// the body (see `IncrementalBuild`).
    public var frontMatterDigest: UInt64 = 0

    /// The first organization: the one `:organization` in permalinks names.
    public var primaryOrganization: String { organizations[0].value }
    /// The organizations' ids, each once, in the order written.
    public var organizationIDs: [String] {
        var seen = Set<String>()
        return organizations.map(\.value).filter { seen.insert($0).inserted }
    }
    /// The year the article counts for in archives: its local publication year.
    public var year: Int { date.local.year }
    /// The years the article reports on: those its figures and awards count for, and the last
    /// year of its meeting's period. Ascending.
    public var reportedYears: [Int] {
        var years = Set(statistics.map(\.year)).union(awards.map(\.year))
        if let period = meeting?.period, let y = ContentParser.periodYear(period) { years.insert(y) }
        return years.sorted()
    }
}

public struct Page: Sendable {
    public var links: [Located<String>] = []
    public var path: String
    public var title: String
    public var slug: String
    public var summary: String?
    public var weight: Int
    public var draft: Bool
    public var bodyHTML: String
    public var location: SourceLocation
}
