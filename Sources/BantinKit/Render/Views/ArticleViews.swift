struct OrganizationLink {
    var id: String
    var name: String
    var shortName: String
    var url: String
}

struct TagLink {
    var name: String
    var url: String
    var count: Int?
}

/// An article in a list. Its fields are made when a template reads them: list templates
/// mostly insert the pre-rendered `card`, and making every field of every card in every list
/// was the largest part of rendering the archives.
struct ArticleCard {
    /// The fields as given, for a card made by hand (tests, examples).
    struct Fields {
        var title: String
        var url: String
        var date: String
        var dateISO: String
        var summary: String?
        var organizations: [OrganizationLink]
        var meetingKind: String?
        var tags: [TagLink]
        var html: String?
    }

    private enum Source {
        case article(Int, CardContext)
        case given(Fields)
    }

    private let source: Source

    init(article: Int, context: CardContext) { source = .article(article, context) }

    init(title: String, url: String, date: String, dateISO: String, summary: String?, organizations: [OrganizationLink],
         meetingKind: String?, tags: [TagLink], html: String?) {
        source = .given(Fields(title: title, url: url, date: date, dateISO: dateISO, summary: summary, organizations: organizations,
                               meetingKind: meetingKind, tags: tags, html: html))
    }

    /// Reads the article's field, or the given one.
    private func read<T>(_ article: (Article, CardContext, Int) -> T, _ given: (Fields) -> T) -> T {
        switch source {
        case .article(let i, let context): article(context.index.articles[i], context, i)
        case .given(let fields): given(fields)
        }
    }

    var title: String { read({ a, _, _ in a.title }, \.title) }
    var url: String { read({ _, c, i in c.routes.link(c.index.address(i)) }, \.url) }
    var date: String { read({ a, c, _ in c.index.config.language.format(a.date.local) }, \.date) }
    var dateISO: String { read({ a, _, _ in a.date.local.description }, \.dateISO) }
    var summary: String? { read({ a, _, _ in a.summary.isEmpty ? nil : a.summary }, \.summary) }
    var organizations: [OrganizationLink] { read({ a, c, _ in a.organizationIDs.map(c.organizationLink) }, \.organizations) }
    var meetingKind: String? { read({ a, _, _ in a.meeting?.kind }, \.meetingKind) }
    var tags: [TagLink] { read({ a, c, _ in a.tags.map(c.tagLink) }, \.tags) }
    /// The card rendered by `article-card.mustache`, for list templates to insert as `{{{card}}}`.
    var html: String? { read({ _, c, i in i < c.cards.count ? c.cards[i] : nil }, \.html) }
}

/// What cards and links are made from, shared by every card of a renderer.
final class CardContext: Sendable {
    let index: SiteIndex
    let routes: Routes
    /// Pre-rendered cards by article index, once the renderer has them.
    let cards: [String]

    init(index: SiteIndex, routes: Routes, cards: [String]) {
        self.index = index
        self.routes = routes
        self.cards = cards
    }

    func organizationLink(_ id: String) -> OrganizationLink {
        // Unknown ids never reach here in a successful build; in a failing one, rendering goes on for its checks.
        guard let org = index.organizations[id] else { return OrganizationLink(id: id, name: id, shortName: id, url: routes.link(routes.organization(id))) }
        return OrganizationLink(id: id, name: org.name, shortName: org.displayName, url: routes.link(routes.organization(id)))
    }

    func tagLink(_ name: String) -> TagLink {
        TagLink(name: name, url: routes.link(routes.tag(Slug.make(name))), count: nil)
    }
}

struct AttendeeView {
    var name: String
    var role: String?
}

struct MeetingView {
    var kind: String?
    var date: String
    var dateISO: String
    var location: String?
    var period: String?
    var chair: String?
    var attendees: [AttendeeView]
}

struct AwardRow {
    var title: String
    var kind: String
    var count: String
    var recipient: String?
    var issuer: String?
    var year: Int
    var organization: OrganizationLink
    var articleTitle: String
    var articleURL: String
}

struct StatisticRow {
    var label: String
    var value: String
    var valuePlain: String
    var unit: String?
    var year: Int
    var organization: OrganizationLink
}

struct SourceView {
    var name: String
    var url: String?
}

/// An article's own page.
struct ArticleView {
    var card: ArticleCard
    var bodyHTML: String
    var author: String?
    var imageURL: String?
    /// The body shows `image` itself, so the page does not show it again above the body.
    var imageInBody = false
    var imageAlt: String?
    /// `image:` as a processed photo (`<picture>`), when it is one of the bundle's photos.
    var leadPhoto: PhotoView?
    /// The bundle's photos that neither the body nor `image:` shows, after the body.
    var gallery: [PhotoView] = []
    var source: SourceView?
    var meeting: MeetingView?
    var awards: [AwardRow]
    var statistics: [StatisticRow]
}



// MARK: - Fields templates read

extension OrganizationLink: ViewModel {
    static let schema = ViewSchema<Self>("an organization", [
        .text("id") { $0.id },
        .text("name", "its full name") { $0.name },
        .text("short_name") { $0.shortName },
        .text("url", "link to its page") { $0.url },
    ])
}

extension TagLink: ViewModel {
    static let schema = ViewSchema<Self>("a tag", [
        .text("name") { $0.name },
        .text("url") { $0.url },
        .number("count", "its articles, where a list shows it") { $0.count },
    ])
}

extension ArticleCard: ViewModel {
    static let schema = ViewSchema<Self>("an article card", [
        .html("card", "the card as article-card.mustache renders it") { $0.html },
        .text("title") { $0.title },
        .text("url") { $0.url },
        .text("date", "as the site's language writes it") { $0.date },
        .text("date_iso", "YYYY-MM-DD") { $0.dateISO },
        .text("summary") { $0.summary },
        .views("organizations") { $0.organizations },
        .text("meeting_kind") { $0.meetingKind },
        .views("tags") { $0.tags },
    ])
}

extension AttendeeView: ViewModel {
    static let schema = ViewSchema<Self>("a guest", [
        .text("name") { $0.name },
        .text("role") { $0.role },
    ])
}

extension MeetingView: ViewModel {
    static let schema = ViewSchema<Self>("a meeting", [
        .text("kind", "tổng kết, triển khai, …") { $0.kind },
        .text("date") { $0.date },
        .text("date_iso") { $0.dateISO },
        .text("location") { $0.location },
        .text("period", "what it reviews: 2023, 2022-Q3, …") { $0.period },
        .text("chair", "who presided, joined") { $0.chair },
        .views("attendees", "notable guests") { $0.attendees },
    ])
}

extension AwardRow: ViewModel {
    static let schema = ViewSchema<Self>("an award", [
        .text("title") { $0.title },
        .text("kind", "tập thể or cá nhân, in the site's words") { $0.kind },
        .text("count", "written in the site's language") { $0.count },
        .text("recipient") { $0.recipient },
        .text("issuer") { $0.issuer },
        .number("year") { $0.year },
        .view("organization") { $0.organization },
        .text("article_title", "the article that reports it") { $0.articleTitle },
        .text("article_url") { $0.articleURL },
    ])
}

extension StatisticRow: ViewModel {
    static let schema = ViewSchema<Self>("a figure", [
        .text("label") { $0.label },
        .text("value", "written in the site's language") { $0.value },
        .text("value_plain", "the number as data: 7575, 29.5") { $0.valuePlain },
        .text("unit") { $0.unit },
        .number("year") { $0.year },
        .view("organization") { $0.organization },
    ])
}

extension SourceView: ViewModel {
    // Distinct names: a nil `url` would otherwise fall back to the article's own `url`.
    static let schema = ViewSchema<Self>("a source", [
        .text("source_name") { $0.name },
        .text("source_url") { $0.url },
    ])
}

extension ArticleView: ViewModel {
    static let schema = ViewSchema<Self>("an article", [
        .html("body", "the article's text as HTML") { $0.bodyHTML },
        .text("author") { $0.author },
        .text("image_url") { $0.imageURL },
        .flag("image_in_body", "the body shows the photo of `image` itself") { $0.imageInBody },
        .text("image_alt") { $0.imageAlt },
        .view("lead_photo", "`image` as a photo of the article's folder, shown above the body (unless the body shows it)") { $0.leadPhoto },
        .views("gallery", "the folder's photos that the body does not place") { $0.gallery },
        .view("source", "where it first appeared") { $0.source },
        .view("meeting") { $0.meeting },
        .views("awards") { $0.awards },
        .views("statistics") { $0.statistics },
    ] + ViewField.including(ArticleCard.self, "of its card") { $0.card })
}
