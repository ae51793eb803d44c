/// What every page shares: the site's name, navigation and links.
struct SiteView {
    var title: String
    var description: String?
    var language: String
    var homeURL: String
    var stylesheetURL: String
    var feedURL: String
    var feedAbsoluteURL: String
    var nav: [NavItem]
    var pages: [NavItem]
    /// For `og:locale`: `vi_VN` or `en_US`.
    var locale: String
}

struct NavItem {
    var label: String
    var url: String
    var current: Bool
}

/// What is particular to one page's head: its title, description and canonical address.
struct PageMeta {
    var title: String
    /// For `<title>`: the page's title and the site's.
    var fullTitle: String
    var description: String?
    var canonical: String
    /// An Atom feed particular to this page (an organization's).
    var feedURL: String?
    var kind: String
    /// `article` for articles, `website` for every other page.
    var ogType: String { kind == "article" ? "article" : "website" }
    /// Absolute URL of the lead image, for sharing.
    var image: String?
    var imageAlt: String?
    /// RFC 3339 publication time, for articles.
    var published: String?
    /// schema.org JSON-LD, already escaped for a `<script>` element.
    var jsonLD: String?
    /// The same page in the site's other languages (`site.yml` `alternates`), home page only.
    var alternates: [Alternate] = []

    struct Alternate {
        var language: String
        var url: String
    }
}

/// What every page template sees above its own model (`site`, `t`, `page`): a page renders
/// with the stack [its model, this], so these three names come first and every other name is
/// the model's.
struct PageChrome {
    var site: SiteView
    var strings: StringsView
    var meta: PageMeta
}

/// The same for an article card, rendered once per article: no `page`.
struct CardChrome {
    var site: SiteView
    var strings: StringsView
}

/// The theme's words (`t.…`), in the order of `keys`: read by position, not looked up.
struct StringsView: Sendable {
    static let keys = Array(Set(UIStrings.vi.keys).union(UIStrings.en.keys)).sorted()
    let values: [String]

    init(_ strings: UIStrings) { values = Self.keys.map { strings[$0] } }
}

struct PaginationView {
    struct PageLink {
        var number: Int
        var url: String
        var current: Bool
        /// Stands for the pages left out between two links.
        var gap: Bool
    }

    var current: Int
    var total: Int
    var previousURL: String?
    var nextURL: String?
    var pages: [PageLink]
}

// MARK: - Fields templates read

extension SiteView: ViewModel {
    static let schema = ViewSchema<Self>("the site", [
        .text("title", "the site's title (site.yml)") { $0.title },
        .text("description", "site.yml `description`") { $0.description },
        .text("language", "`vi` or `en`") { $0.language },
        .text("locale", "`vi_VN` or `en_US`, for og:locale") { $0.locale },
        .text("home_url", "link to the home page") { $0.homeURL },
        .text("stylesheet_url", "link to style.css") { $0.stylesheetURL },
        .text("feed_url", "link to the site's Atom feed") { $0.feedURL },
        .text("feed_absolute_url", "the feed's absolute address") { $0.feedAbsoluteURL },
        .views("nav", "the main navigation") { $0.nav },
        .views("pages", "links to the standalone pages") { $0.pages },
    ])
}

extension NavItem: ViewModel {
    static let schema = ViewSchema<Self>("a navigation link", [
        .text("label") { $0.label },
        .text("url") { $0.url },
        .flag("current", "true on the page it leads to") { $0.current },
    ])
}

extension PageMeta: ViewModel {
    static let schema = ViewSchema<Self>("the page's head", [
        .text("og_type", "`article` or `website`") { $0.ogType },
        .text("image", "absolute address of the lead photo") { $0.image },
        .text("image_alt") { $0.imageAlt },
        .text("published", "RFC 3339 publication time (articles)") { $0.published },
        .html("json_ld", "schema.org JSON-LD, ready for a <script> element") { $0.jsonLD },
        .views("alternates", "the page in the site's other languages") { $0.alternates },
        .text("title") { $0.title },
        .text("full_title", "the page's title and the site's, for <title>") { $0.fullTitle },
        .text("description") { $0.description },
        .text("canonical", "the page's absolute address") { $0.canonical },
        .text("feed_url", "a feed particular to this page (an organization's)") { $0.feedURL },
        .text("kind", "home, article, organization, year, …") { $0.kind },
    ])
}

extension PageMeta.Alternate: ViewModel {
    static let schema = ViewSchema<Self>("an alternate language", [
        .text("language") { $0.language },
        .text("url") { $0.url },
    ])
}

extension PageChrome: ViewModel {
    static let schema = ViewSchema<Self>("every page", [
        .view("site") { $0.site },
        .view("t") { $0.strings },
        .view("page") { $0.meta },
    ])
}

extension CardChrome: ViewModel {
    static let schema = ViewSchema<Self>("every card", [
        .view("site") { $0.site },
        .view("t") { $0.strings },
    ])
}

extension StringsView: ViewModel {
    static let schema = ViewSchema<Self>("the theme's words", keys.enumerated().map { i, key in
        .text(key) { $0.values[i] }
    })
}

extension PaginationView: ViewModel {
    static let schema = ViewSchema<Self>("the pagination", [
        .number("current", "this page's number") { $0.current },
        .number("total", "how many pages") { $0.total },
        .text("previous_url") { $0.previousURL },
        .text("next_url") { $0.nextURL },
        .views("pages", "links to the pages") { $0.pages },
    ])
}

extension PaginationView.PageLink: ViewModel {
    static let schema = ViewSchema<Self>("a page link", [
        .number("number") { $0.number },
        .text("url") { $0.url },
        .flag("current") { $0.current },
        .flag("gap", "stands for the pages left out") { $0.gap },
    ])
}
