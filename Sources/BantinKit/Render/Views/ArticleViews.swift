import Mustache

struct OrganizationLink: MustacheParent {
    var id: String
    var name: String
    var shortName: String
    var url: String

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "name": self.name
        case "short_name": shortName
        case "url": url
        default: nil
        }
    }
}

struct TagLink: MustacheParent {
    var name: String
    var url: String
    var count: Int?

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        case "count": count
        default: nil
        }
    }
}

/// An article in a list.
struct ArticleCard: MustacheParent {
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

    func child(named name: String) -> Any? {
        switch name {
        case "card": html
        case "title": title
        case "url": url
        case "date": date
        case "date_iso": dateISO
        case "summary": summary
        case "organizations": organizations
        case "meeting_kind": meetingKind
        case "tags": tags
        default: nil
        }
    }
}

struct AttendeeView: MustacheParent {
    var name: String
    var role: String?
    func child(named n: String) -> Any? {
        switch n {
        case "name": name
        case "role": role
        default: nil
        }
    }
}

struct MeetingView: MustacheParent {
    var kind: String?
    var date: String
    var dateISO: String
    var location: String?
    var period: String?
    var chair: String?
    var attendees: [AttendeeView]

    func child(named name: String) -> Any? {
        switch name {
        case "kind": kind
        case "date": date
        case "date_iso": dateISO
        case "location": location
        case "period": period
        case "chair": chair
        case "attendees": attendees
        default: nil
        }
    }
}

struct AwardRow: MustacheParent {
    var title: String
    var kind: String
    var count: String
    var recipient: String?
    var issuer: String?
    var year: Int
    var organization: OrganizationLink
    var articleTitle: String
    var articleURL: String

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "kind": kind
        case "count": count
        case "recipient": recipient
        case "issuer": issuer
        case "year": year
        case "organization": organization
        case "article_title": articleTitle
        case "article_url": articleURL
        default: nil
        }
    }
}

struct StatisticRow: MustacheParent {
    var label: String
    var value: String
    var valuePlain: String
    var unit: String?
    var year: Int
    var organization: OrganizationLink

    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "value": value
        case "value_plain": valuePlain
        case "unit": unit
        case "year": year
        case "organization": organization
        default: nil
        }
    }
}

struct SourceView: MustacheParent {
    var name: String
    var url: String?
    func child(named n: String) -> Any? {
        // Distinct names: a nil `url` would otherwise fall back to the article's own `url`.
        switch n {
        case "source_name": name
        case "source_url": url
        default: nil
        }
    }
}

/// An article's own page.
struct ArticleView: MustacheParent {
    var card: ArticleCard
    var bodyHTML: String
    var author: String?
    var imageURL: String?
    var imageAlt: String?
    var source: SourceView?
    var meeting: MeetingView?
    var awards: [AwardRow]
    var statistics: [StatisticRow]

    func child(named name: String) -> Any? {
        switch name {
        case "body": bodyHTML
        case "author": author
        case "image_url": imageURL
        case "image_alt": imageAlt
        case "source": source
        case "meeting": meeting
        case "awards": awards
        case "statistics": statistics
        default: card.child(named: name)
        }
    }
}

/// The context a card is rendered in once: the site and the UI strings, then the card.
struct CardContext: MustacheParent {
    var site: SiteView
    var strings: UIStrings
    var card: ArticleCard

    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "t": strings
        default: card.child(named: name)
        }
    }
}
