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
    /// Rows of sums, shown in the table's footer.
    var totals: [Row] = []

    func child(named name: String) -> Any? {
        switch name {
        case "caption": caption
        case "corner": corner
        case "columns": columns
        case "rows": rows
        case "totals": totals
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
    var charts: [ChartView] = []
    var statisticSections: [StatisticSection] = []
    var awardsByYear: AwardRollup?
    var awardsByOrganization: AwardRollup?
    /// Links to the data files, on the statistics and awards pages.
    var csvURL: String?
    var jsonURL: String?
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
        case "charts": charts
        case "statistic_sections": statisticSections
        case "awards_rollup_by_year": awardsByYear
        case "awards_rollup_by_organization": awardsByOrganization
        case "csv_url": csvURL
        case "json_url": jsonURL
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

/// A chart and its title; `svg` is markup drawn by `BarChart`.
struct ChartView: MustacheParent {
    var title: String
    var svg: String
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "svg": svg
        default: nil
        }
    }
}

/// One statistic on the statistics page.
struct StatisticSection: MustacheParent {
    var key: String
    var table: ResultsTable
    var chart: ChartView?
    /// False for percentages: no totals row and no chart of totals.
    var additive: Bool
    func child(named name: String) -> Any? {
        switch name {
        case "key": key
        case "table": table
        case "chart": chart
        case "additive": additive
        default: table.child(named: name)
        }
    }
}

/// Award counts summed by year or by organization: a table.
struct AwardRollup: MustacheParent {
    var caption: String
    var corner: String
    var rows: [AwardRollupRow]
    func child(named name: String) -> Any? {
        switch name {
        case "caption": caption
        case "corner": corner
        case "rows": rows
        default: nil
        }
    }
}

/// Award counts summed under one year or one organization.
struct AwardRollupRow: MustacheParent {
    var label: String
    var url: String
    var collective: String
    var individual: String
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "url": url
        case "collective": collective
        case "individual": individual
        default: nil
        }
    }
}

/// The search page: a form that works as a plain GET without script, and the index the script reads.
struct SearchView: MustacheParent {
    var heading: String
    var actionURL: String
    var indexURL: String
    var scriptURL: String
    func child(named name: String) -> Any? {
        switch name {
        case "heading": heading
        case "action_url": actionURL
        case "index_url": indexURL
        case "script_url": scriptURL
        default: nil
        }
    }
}
