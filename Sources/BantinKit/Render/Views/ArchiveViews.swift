import Mustache

/// Articles under a year heading.
struct YearGroup: MustacheParent {
    var year: Int
    var url: String?
    var articles: [ArticleCard]

    func child(named name: String) -> Any? {
        switch name {
        case "year": year
        case "url": url
        case "articles": articles
        default: nil
        }
    }
}

/// A statistic × year (or organization × statistic) table.
struct ResultsTable: MustacheParent {
    struct Column: MustacheParent {
        var label: String
        var url: String?
        func child(named name: String) -> Any? {
            switch name {
            case "label": label
            case "url": url
            default: nil
            }
        }
    }

    struct Cell: MustacheParent {
        var value: String?
        func child(named name: String) -> Any? { name == "value" ? value : nil }
    }

    struct Row: MustacheParent {
        var label: String
        var url: String?
        var unit: String?
        var cells: [Cell]
        func child(named name: String) -> Any? {
            switch name {
            case "label": label
            case "url": url
            case "unit": unit
            case "cells": cells
            default: nil
            }
        }
    }

    var caption: String
    var corner: String
    var columns: [Column]
    var rows: [Row]

    func child(named name: String) -> Any? {
        switch name {
        case "caption": caption
        case "corner": corner
        case "columns": columns
        case "rows": rows
        default: nil
        }
    }
}

/// Award counts of one organization in one year.
struct AwardTally: MustacheParent {
    var year: Int
    var organization: OrganizationLink
    var collective: String
    var individual: String

    func child(named name: String) -> Any? {
        switch name {
        case "year": year
        case "organization": organization
        case "collective": collective
        case "individual": individual
        default: nil
        }
    }
}

/// The model of every archive-like page: a heading, optional text, figures, awards and a
/// paginated article list. Each page template shows the parts it wants.
struct ArchiveView: MustacheParent {
    var heading: String
    var intro: String?
    var descriptionHTML: String?
    var organization: OrganizationLink?
    var parent: OrganizationLink?
    var children: [OrganizationLink] = []
    var website: String?
    var level: String?
    var feedURL: String?
    var articles: [ArticleCard] = []
    var yearGroups: [YearGroup] = []
    var yearLinks: [NavItem] = []
    var results: [ResultsTable] = []
    var figures: [StatisticRow] = []
    var awards: [AwardRow] = []
    var awardTallies: [AwardTally] = []
    var pagination: PaginationView?
    var isFirstPage = true

    func child(named name: String) -> Any? {
        switch name {
        case "heading": heading
        case "intro": intro
        case "description": descriptionHTML
        case "organization": organization
        case "parent": parent
        case "children": children
        case "website": website
        case "level": level
        case "feed_url": feedURL
        case "articles": articles
        case "year_groups": yearGroups
        case "year_links": yearLinks
        case "results": results
        case "figures": figures
        case "awards": awards
        case "award_tallies": awardTallies
        case "pagination": pagination
        case "first_page": isFirstPage
        default: nil
        }
    }
}

/// Organizations grouped by level, then by parent.
struct OrganizationGroup: MustacheParent {
    struct ParentGroup: MustacheParent {
        var parent: OrganizationLink?
        var organizations: [OrganizationEntry]
        func child(named name: String) -> Any? {
            switch name {
            case "parent": parent
            case "organizations": organizations
            default: nil
            }
        }
    }

    var level: String
    var groups: [ParentGroup]

    func child(named name: String) -> Any? {
        switch name {
        case "level": level
        case "groups": groups
        default: nil
        }
    }
}

struct OrganizationEntry: MustacheParent {
    var link: OrganizationLink
    var summary: String?
    var articleCount: Int

    func child(named name: String) -> Any? {
        switch name {
        case "summary": summary
        case "article_count": articleCount
        default: link.child(named: name)
        }
    }
}

struct OrganizationsView: MustacheParent {
    var heading: String
    var levels: [OrganizationGroup]
    func child(named name: String) -> Any? {
        switch name {
        case "heading": heading
        case "levels": levels
        default: nil
        }
    }
}

struct YearEntry: MustacheParent {
    var year: Int
    var url: String
    var articleCount: Int
    func child(named name: String) -> Any? {
        switch name {
        case "year": year
        case "url": url
        case "article_count": articleCount
        default: nil
        }
    }
}

/// Pages whose model is a plain list: years, tags.
struct ListView: MustacheParent {
    var heading: String
    var years: [YearEntry] = []
    var tags: [TagLink] = []
    func child(named name: String) -> Any? {
        switch name {
        case "heading": heading
        case "years": years
        case "tags": tags
        default: nil
        }
    }
}

struct HomeView: MustacheParent {
    var articles: [ArticleCard]
    var figures: [StatisticRow]
    var pagination: PaginationView?
    var isFirstPage: Bool
    func child(named name: String) -> Any? {
        switch name {
        case "articles": articles
        case "figures": figures
        case "pagination": pagination
        case "first_page": isFirstPage
        default: nil
        }
    }
}

struct StandalonePageView: MustacheParent {
    var title: String
    var bodyHTML: String
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "body": bodyHTML
        default: nil
        }
    }
}
