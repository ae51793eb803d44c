/// Articles under a year heading.
struct YearGroup {
    var year: Int
    var url: String?
    var articles: [ArticleCard]
}

/// A statistic × year (or organization × statistic) table.
struct ResultsTable {
    struct Column {
        var label: String
        var url: String?
    }

    struct Cell {
        var value: String?
        /// The anchor of the note saying what this value corrected, when it corrected one.
        var correction: String? = nil
    }

    struct Row {
        var label: String
        var url: String?
        var unit: String?
        var cells: [Cell]
    }

    var caption: String
    var corner: String
    var columns: [Column]
    var rows: [Row]
    /// Rows of sums, shown in the table's footer.
    var totals: [Row] = []
    /// Figures that replaced an earlier article's, said under the table.
    var corrections: [CorrectionNote] = []
    /// What the totals row covers, or why there is none, said under the table.
    var coverage: String? = nil
}

/// "Đính chính 14/02/2024: 7.575 → 7.800 (Hội viên, 2023)", linking both articles.
struct CorrectionNote {
    var id: String
    var date: String
    var from: String
    var fromURL: String
    var to: String
    var toURL: String
    var label: String
    var year: Int
    var organization: String?
}

/// Award counts of one organization in one year.
struct AwardTally {
    var year: Int
    var organization: OrganizationLink
    var collective: String
    var individual: String
}

/// The model of every archive-like page: a heading, optional text, figures, awards and a
/// paginated article list. Each page template shows the parts it wants.
struct ArchiveView {
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
    /// On a year's pages: the articles that report on the year, whenever published.
    var reporting: [ArticleCard] = []
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
}

/// Organizations grouped by level, then by parent.
struct OrganizationGroup {
    struct ParentGroup {
        var parent: OrganizationLink?
        var organizations: [OrganizationEntry]
    }

    var level: String
    var groups: [ParentGroup]
}

struct OrganizationEntry {
    var link: OrganizationLink
    var summary: String?
    var articleCount: Int
}

struct OrganizationsView {
    var heading: String
    var levels: [OrganizationGroup]
}

struct YearEntry {
    var year: Int
    var url: String
    var articleCount: Int
}

/// Pages whose model is a plain list: years, tags.
struct ListView {
    var heading: String
    var years: [YearEntry] = []
    var tags: [TagLink] = []
}

struct HomeView {
    var articles: [ArticleCard]
    var figures: [StatisticRow]
    var pagination: PaginationView?
    var isFirstPage: Bool
}

struct StandalonePageView {
    var title: String
    var bodyHTML: String
}

/// A chart and its title; `svg` is markup drawn by `BarChart`.
struct ChartView {
    var title: String
    var svg: String
}

/// One statistic on the statistics page.
struct StatisticSection {
    var key: String
    var table: ResultsTable
    var chart: ChartView?
    /// False for percentages: no totals row and no chart of totals.
    var additive: Bool
}

/// Award counts summed by year or by organization: a table.
struct AwardRollup {
    var caption: String
    var corner: String
    var rows: [AwardRollupRow]
}

/// Award counts summed under one year or one organization.
struct AwardRollupRow {
    var label: String
    var url: String
    var collective: String
    var individual: String
}

/// The search page: a form that works as a plain GET without script, and the index the script reads.
struct SearchView {
    var heading: String
    var actionURL: String
    var indexURL: String
    var scriptURL: String
}

// MARK: - Fields templates read

extension YearGroup: ViewModel {
    static let schema = ViewSchema<Self>("a year's articles", [
        .number("year") { $0.year },
        .text("url", "the year's page") { $0.url },
        .views("articles") { $0.articles },
    ])
}

extension ResultsTable: ViewModel {
    static let schema = ViewSchema<Self>("a table of figures", [
        .text("caption") { $0.caption },
        .text("corner", "the top-left cell") { $0.corner },
        .views("columns") { $0.columns },
        .views("rows") { $0.rows },
        .views("totals", "rows of sums, for the footer") { $0.totals },
        .views("corrections", "figures that replaced an earlier article's (đính chính)") { $0.corrections },
        .text("coverage", "what the totals row covers, or why years are not totalled") { $0.coverage },
        .flag("wide", "more than three columns of figures: too wide for a phone, so it scrolls sideways") { $0.columns.count > 3 },
    ])
}

extension ResultsTable.Column: ViewModel {
    static let schema = ViewSchema<Self>("a column", [
        .text("label") { $0.label },
        .text("url") { $0.url },
    ])
}

extension ResultsTable.Cell: ViewModel {
    static let schema = ViewSchema<Self>("a cell", [
        .text("value") { $0.value },
        .text("correction") { $0.correction },
    ])
}

extension CorrectionNote: ViewModel {
    static let schema = ViewSchema<Self>("a correction", [
        .text("id") { $0.id },
        .text("date") { $0.date },
        .text("from") { $0.from },
        .text("from_url") { $0.fromURL },
        .text("to") { $0.to },
        .text("to_url") { $0.toURL },
        .text("label") { $0.label },
        .number("year") { $0.year },
        // Not `organization`: a correction without one would take the page's from the frames above.
        .text("organization_name", "the unit, on pages that list several") { $0.organization },
    ])
}

extension ResultsTable.Row: ViewModel {
    static let schema = ViewSchema<Self>("a row", [
        .text("label") { $0.label },
        .text("url") { $0.url },
        .text("unit") { $0.unit },
        .views("cells") { $0.cells },
    ])
}

extension AwardTally: ViewModel {
    static let schema = ViewSchema<Self>("an award tally", [
        .number("year") { $0.year },
        .view("organization") { $0.organization },
        .text("collective", "awards to collectives") { $0.collective },
        .text("individual", "awards to individuals") { $0.individual },
    ])
}

extension ArchiveView: ViewModel {
    static let schema = ViewSchema<Self>("an archive page", [
        .text("heading") { $0.heading },
        .text("intro") { $0.intro },
        .html("description", "an organization's description as HTML") { $0.descriptionHTML },
        .view("organization") { $0.organization },
        .view("parent", "the organization above it") { $0.parent },
        .views("children", "the organizations below it") { $0.children },
        .text("website") { $0.website },
        .text("level") { $0.level },
        .text("feed_url") { $0.feedURL },
        .views("articles") { $0.articles },
        .views("reporting", "on a year's pages, the articles that report on it (figures, awards, meeting period), whenever published; `articles` then holds the others published in it") { $0.reporting },
        .views("year_groups", "articles under year headings") { $0.yearGroups },
        .views("year_links") { $0.yearLinks },
        .views("results", "tables of figures") { $0.results },
        .views("figures") { $0.figures },
        .views("awards") { $0.awards },
        .views("award_tallies") { $0.awardTallies },
        .views("charts") { $0.charts },
        .views("statistic_sections", "one per statistic, on the statistics page") { $0.statisticSections },
        .view("awards_rollup_by_year") { $0.awardsByYear },
        .view("awards_rollup_by_organization") { $0.awardsByOrganization },
        .text("csv_url", "the data files") { $0.csvURL },
        .text("json_url") { $0.jsonURL },
        .view("pagination") { $0.pagination },
        .flag("first_page") { $0.isFirstPage },
        .flag("no_articles", "a year's page with no article at all") { $0.articles.isEmpty && $0.reporting.isEmpty },
    ])
}

extension OrganizationGroup: ViewModel {
    static let schema = ViewSchema<Self>("a level of organizations", [
        .text("level") { $0.level },
        .views("groups", "by parent") { $0.groups },
    ])
}

extension OrganizationGroup.ParentGroup: ViewModel {
    static let schema = ViewSchema<Self>("a parent's organizations", [
        .view("parent") { $0.parent },
        .views("organizations") { $0.organizations },
    ])
}

extension OrganizationEntry: ViewModel {
    static let schema = ViewSchema<Self>("an organization in a list", [
        .text("summary") { $0.summary },
        .number("article_count") { $0.articleCount },
    ] + ViewField.including(OrganizationLink.self, "of the organization") { $0.link })
}

extension OrganizationsView: ViewModel {
    static let schema = ViewSchema<Self>("the organizations page", [
        .text("heading") { $0.heading },
        .views("levels") { $0.levels },
    ])
}

extension YearEntry: ViewModel {
    static let schema = ViewSchema<Self>("a year", [
        .number("year") { $0.year },
        .text("url") { $0.url },
        .number("article_count") { $0.articleCount },
    ])
}

extension ListView: ViewModel {
    static let schema = ViewSchema<Self>("a list page", [
        .text("heading") { $0.heading },
        .views("years") { $0.years },
        .views("tags") { $0.tags },
    ])
}

extension HomeView: ViewModel {
    static let schema = ViewSchema<Self>("the home page", [
        .views("articles") { $0.articles },
        .views("figures", "the latest figures") { $0.figures },
        .view("pagination") { $0.pagination },
        .flag("first_page") { $0.isFirstPage },
    ])
}

extension StandalonePageView: ViewModel {
    static let schema = ViewSchema<Self>("a standalone page", [
        .text("title") { $0.title },
        .html("body") { $0.bodyHTML },
    ])
}

extension ChartView: ViewModel {
    static let schema = ViewSchema<Self>("a chart", [
        .text("title") { $0.title },
        .html("svg", "the chart drawn as SVG") { $0.svg },
    ])
}

extension StatisticSection: ViewModel {
    static let schema = ViewSchema<Self>("a statistic's section", [
        .text("key") { $0.key },
        .view("table") { $0.table },
        .view("chart") { $0.chart },
        .flag("additive", "false for percentages: no totals, no chart of totals") { $0.additive },
    ] + ViewField.including(ResultsTable.self, "of its table") { $0.table })
}

extension AwardRollup: ViewModel {
    static let schema = ViewSchema<Self>("a table of award counts", [
        .text("caption") { $0.caption },
        .text("corner") { $0.corner },
        .views("rows") { $0.rows },
    ])
}

extension AwardRollupRow: ViewModel {
    static let schema = ViewSchema<Self>("a row of award counts", [
        .text("label") { $0.label },
        .text("url") { $0.url },
        .text("collective") { $0.collective },
        .text("individual") { $0.individual },
    ])
}

extension SearchView: ViewModel {
    static let schema = ViewSchema<Self>("the search page", [
        .text("heading") { $0.heading },
        .text("action_url") { $0.actionURL },
        .text("index_url") { $0.indexURL },
        .text("script_url") { $0.scriptURL },
    ])
}
