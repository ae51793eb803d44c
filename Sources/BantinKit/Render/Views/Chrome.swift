import Mustache

extension UIStrings: MustacheParent {
    public func child(named name: String) -> Any? { table[name] }
}

/// What every page shares: the site's name, navigation and links.
struct SiteView: MustacheParent {
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

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "locale": locale
        case "description": description
        case "language": language
        case "home_url": homeURL
        case "stylesheet_url": stylesheetURL
        case "feed_url": feedURL
        case "feed_absolute_url": feedAbsoluteURL
        case "nav": nav
        case "pages": pages
        default: nil
        }
    }
}

struct NavItem: MustacheParent {
    var label: String
    var url: String
    var current: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "url": url
        case "current": current
        default: nil
        }
    }
}

/// What is particular to one page's head: its title, description and canonical address.
struct PageMeta: MustacheParent {
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

    struct Alternate: MustacheParent {
        var language: String
        var url: String
        func child(named name: String) -> Any? {
            switch name {
            case "language": language
            case "url": url
            default: nil
            }
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "og_type": ogType
        case "image": image
        case "image_alt": imageAlt
        case "published": published
        case "json_ld": jsonLD
        case "alternates": alternates
        case "title": title
        case "full_title": fullTitle
        case "description": description
        case "canonical": canonical
        case "feed_url": feedURL
        case "kind": kind
        default: nil
        }
    }
}

/// The context a page template renders with: the shared chrome plus the page's own model.
struct PageContext: MustacheParent {
    var site: SiteView
    var strings: UIStrings
    var meta: PageMeta
    var body: any MustacheParent

    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "t": strings
        case "page": meta
        default: body.child(named: name)
        }
    }
}

struct PaginationView: MustacheParent {
    struct PageLink: MustacheParent {
        var number: Int
        var url: String
        var current: Bool
        /// Stands for the pages left out between two links.
        var gap: Bool
        func child(named name: String) -> Any? {
            switch name {
            case "number": number
            case "url": url
            case "current": current
            case "gap": gap
            default: nil
            }
        }
    }

    var current: Int
    var total: Int
    var previousURL: String?
    var nextURL: String?
    var pages: [PageLink]

    func child(named name: String) -> Any? {
        switch name {
        case "current": current
        case "total": total
        case "previous_url": previousURL
        case "next_url": nextURL
        case "pages": pages
        default: nil
        }
    }
}
