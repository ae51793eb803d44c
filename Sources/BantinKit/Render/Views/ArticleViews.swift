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

/// An article in a list.
struct ArticleCard {
    var title: String
    var url: String
    var date: String
    var dateISO: String
    var summary: String?
    var organizations: [OrganizationLink]
    var meetingKind: String?
    var tags: [TagLink]
    /// The card rendered by `article-card.mustache`, for list templates to insert as `{{{card}}}`.
    var html: String?
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
        .view("source", "where it first appeared") { $0.source },
        .view("meeting") { $0.meeting },
        .views("awards") { $0.awards },
        .views("statistics") { $0.statistics },
    ] + ViewField.including(ArticleCard.self, "of its card") { $0.card })
}
