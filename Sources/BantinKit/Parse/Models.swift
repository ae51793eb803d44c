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
    /// `Digest.fnv1a` of the front-matter's text: what every page naming the organisation shows
    /// (its name, level, parent); the description shows on its own pages only.
    public var frontMatterDigest: UInt64 = 0

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

/// One line of `photos:`: a photo of the article's folder and what it shows (its `alt`).
public struct PhotoCaption: Sendable, Equatable {
    public var name: String
    public var text: String
    public var location: SourceLocation
}

public struct SourceLink: Sendable {
    public var name: String
    public var url: String?
}

/// An article as parsed. Its fields live in one shared box, copied only when a copy is
/// changed: an article was copied whole (two dozen references retained and released) each time
/// a card, a list or a route read one field of it, a fifth of a build's reference counting.
public struct Article: Sendable {
    private final class Storage: @unchecked Sendable {
        var path: String
        var title: String
        var date: Timestamp
        var organizations: [Located<String>]
        var summary: String
        var slug: String
        var tags: [String]
        var draft: Bool
        var author: String?
        var image: String?
        var imageAlt: String?
        var source: SourceLink?
        var meeting: Meeting?
        var awards: [Award]
        var statistics: [Statistic]
        var bodyHTML: String
        var links: [Located<String>]
        var aliases: [String]
        var location: SourceLocation
        var bundleDirectory: String?
        var bundleAssets: [String]
        var frontMatterDigest: UInt64
        var bodyWords: String?
        var bodyDeferred: Bool
        var sourceDigest: UInt64
        /// Where `image:` is written, for problems with its photo.
        var imageLocation: SourceLocation?
        /// `photos:`, in the order written.
        var photoCaptions: [PhotoCaption] = []

        init(path: String, title: String, date: Timestamp, organizations: [Located<String>], summary: String, slug: String, tags: [String], draft: Bool, author: String?, image: String?, imageAlt: String?, source: SourceLink?, meeting: Meeting?, awards: [Award], statistics: [Statistic], bodyHTML: String, links: [Located<String>], aliases: [String], location: SourceLocation, bundleDirectory: String?, bundleAssets: [String], frontMatterDigest: UInt64,
             bodyWords: String? = nil, bodyDeferred: Bool = false, sourceDigest: UInt64 = 0) {
            self.bodyWords = bodyWords
            self.bodyDeferred = bodyDeferred
            self.sourceDigest = sourceDigest
            self.path = path
            self.title = title
            self.date = date
            self.organizations = organizations
            self.summary = summary
            self.slug = slug
            self.tags = tags
            self.draft = draft
            self.author = author
            self.image = image
            self.imageAlt = imageAlt
            self.source = source
            self.meeting = meeting
            self.awards = awards
            self.statistics = statistics
            self.bodyHTML = bodyHTML
            self.links = links
            self.aliases = aliases
            self.location = location
            self.bundleDirectory = bundleDirectory
            self.bundleAssets = bundleAssets
            self.frontMatterDigest = frontMatterDigest
        }

        func copy() -> Storage {
            let copy = Storage(path: path, title: title, date: date, organizations: organizations, summary: summary, slug: slug, tags: tags, draft: draft, author: author, image: image, imageAlt: imageAlt, source: source, meeting: meeting, awards: awards, statistics: statistics, bodyHTML: bodyHTML, links: links, aliases: aliases, location: location, bundleDirectory: bundleDirectory, bundleAssets: bundleAssets, frontMatterDigest: frontMatterDigest,
                    bodyWords: bodyWords, bodyDeferred: bodyDeferred, sourceDigest: sourceDigest)
            copy.imageLocation = imageLocation
            copy.photoCaptions = photoCaptions
            return copy
        }
    }

    private var storage: Storage

    /// The storage, copied first when another article shares it.
    private var unique: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    public init(path: String, title: String, date: Timestamp, organizations: [Located<String>], summary: String, slug: String, tags: [String], draft: Bool, author: String?, image: String?, imageAlt: String?, source: SourceLink?, meeting: Meeting?, awards: [Award], statistics: [Statistic], bodyHTML: String, location: SourceLocation, bundleDirectory: String?, bundleAssets: [String]) {
        storage = Storage(path: path, title: title, date: date, organizations: organizations, summary: summary, slug: slug, tags: tags, draft: draft, author: author, image: image, imageAlt: imageAlt, source: source, meeting: meeting, awards: awards, statistics: statistics, bodyHTML: bodyHTML, links: [], aliases: [], location: location, bundleDirectory: bundleDirectory, bundleAssets: bundleAssets, frontMatterDigest: 0)
    }

    public var path: String {
        get { storage.path }
        set { unique.path = newValue }
    }
    public var title: String {
        get { storage.title }
        set { unique.title = newValue }
    }
    public var date: Timestamp {
        get { storage.date }
        set { unique.date = newValue }
    }
    public var organizations: [Located<String>] {
        get { storage.organizations }
        set { unique.organizations = newValue }
    }
    public var summary: String {
        get { storage.summary }
        set { unique.summary = newValue }
    }
    public var slug: String {
        get { storage.slug }
        set { unique.slug = newValue }
    }
    public var tags: [String] {
        get { storage.tags }
        set { unique.tags = newValue }
    }
    public var draft: Bool {
        get { storage.draft }
        set { unique.draft = newValue }
    }
    public var author: String? {
        get { storage.author }
        set { unique.author = newValue }
    }
    public var image: String? {
        get { storage.image }
        set { unique.image = newValue }
    }
    public var imageAlt: String? {
        get { storage.imageAlt }
        set { unique.imageAlt = newValue }
    }
    /// Where `image:` is written, for problems with its photo.
    public var imageLocation: SourceLocation? {
        get { storage.imageLocation }
        set { unique.imageLocation = newValue }
    }
    /// `photos:`: descriptions of the folder's photos, for those the gallery shows.
    public var photoCaptions: [PhotoCaption] {
        get { storage.photoCaptions }
        set { unique.photoCaptions = newValue }
    }
    /// What `photos:` says a photo of the folder shows.
    public func caption(of name: String) -> String? {
        storage.photoCaptions.first { $0.name == name }?.text
    }
    public var source: SourceLink? {
        get { storage.source }
        set { unique.source = newValue }
    }
    public var meeting: Meeting? {
        get { storage.meeting }
        set { unique.meeting = newValue }
    }
    public var awards: [Award] {
        get { storage.awards }
        set { unique.awards = newValue }
    }
    public var statistics: [Statistic] {
        get { storage.statistics }
        set { unique.statistics = newValue }
    }
    public var bodyHTML: String {
        get { storage.bodyHTML }
        set { unique.bodyHTML = newValue }
    }
    /// Link destinations in the body, located in the file, for the link check after rendering.
    public var links: [Located<String>] {
        get { storage.links }
        set { unique.links = newValue }
    }
    /// Old addresses of the article on this site (`/tin-cu/123/`), each written as a redirect.
    public var aliases: [String] {
        get { storage.aliases }
        set { unique.aliases = newValue }
    }
    /// Where the front-matter starts, for problems that concern the article as a whole.
    public var location: SourceLocation {
        get { storage.location }
        set { unique.location = newValue }
    }
    public var bundleDirectory: String? {
        get { storage.bundleDirectory }
        set { unique.bundleDirectory = newValue }
    }
    public var bundleAssets: [String] {
        get { storage.bundleAssets }
        set { unique.bundleAssets = newValue }
    }
    /// `Digest.fnv1a` of the front-matter's text: an edit that leaves it as it was changed only
    /// the body (see `BuildRun.rebuildForBodyEdits`).
    public var frontMatterDigest: UInt64 {
        get { storage.frontMatterDigest }
        set { unique.frontMatterDigest = newValue }
    }

    /// The body's distinct words folded for search (`SearchWords.of(html:)`), made while parsing
    /// when the body itself is not kept; nil when they are to be made from `bodyHTML`.
    public var bodyWords: String? {
        get { storage.bodyWords }
        set { unique.bodyWords = newValue }
    }
    /// True when `bodyHTML` was let go of after parsing (a full build keeps only what indexes
    /// and lists need): the renderer reads and renders the body again for the article's page.
    public var bodyDeferred: Bool {
        get { storage.bodyDeferred }
        set { unique.bodyDeferred = newValue }
    }
    /// `Digest.bytes` of the file as parsed: the body read again must come from the same text.
    public var sourceDigest: UInt64 {
        get { storage.sourceDigest }
        set { unique.sourceDigest = newValue }
    }

    /// The first organization: the one `:organization` in permalinks names.
    public var primaryOrganization: String { organizations[0].value }
    /// The organizations' ids, each once, in the order written.
    public var organizationIDs: [String] {
        var ids: [String] = []
        ids.reserveCapacity(organizations.count)
        for organization in organizations where !ids.contains(organization.value) { ids.append(organization.value) }
        return ids
    }
    /// The year the article counts for in archives: its local publication year.
    public var year: Int { date.local.year }
    /// The years the article reports on: those its figures and awards count for, and the last
    /// year of its meeting's period. Ascending.
    public var reportedYears: [Int] {
        // A few years at most: an array, not a set (this is asked of every article for every
        // organisation's and year's archive).
        var years: [Int] = []
        func add(_ year: Int) { if !years.contains(year) { years.append(year) } }
        for s in statistics { add(s.year) }
        for a in awards { add(a.year) }
        if let period = meeting?.period, let y = ContentParser.periodYear(period) { add(y) }
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
