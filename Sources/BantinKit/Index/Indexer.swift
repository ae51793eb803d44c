/// Builds the `SiteIndex` and checks what only the whole site can tell: that every organization
/// an article, award, statistic or parent names exists, and that parents form no cycle.
public enum Indexer {
    /// `rejected`: organizations whose file has errors of its own; what names them is left out
    /// without a word, so the problem is told once, in that file.
    public static func index(config: SiteConfig, organizations: [Organization], articles: [Article], pages: [Page],
                             rejected: Set<String> = [], diagnostics: inout Diagnostics) -> SiteIndex {
        var orgs: [String: Organization] = [:]
        for org in organizations { orgs[org.id] = org }
        let ids = orgs.keys.sorted()

        func check(_ ref: Located<String>, _ what: String) -> Bool {
            if orgs[ref.value] != nil { return true }
            if !rejected.contains(ref.value) {
                diagnostics.error(ref.location, OrganizationReference.unknown(ref.value, what: what, known: ids))
            }
            return false
        }

        for org in organizations {
            if let parent = org.parent { _ = check(parent, "the parent organization") }
        }
        checkParentCycles(orgs, &diagnostics)

        // Newest first; equal times fall back to the path so the order never depends on the file system.
        var sorted = articles.filter { article in
            var ok = true
            for ref in article.organizations where !check(ref, "the organization") { ok = false }
            for award in article.awards where !check(award.organization, "the award's organization") { ok = false }
            for stat in article.statistics where !check(stat.organization, "the statistic's organization") { ok = false }
            return ok
        }
        sorted.sort { a, b in a.date != b.date ? a.date > b.date : a.path < b.path }
        // The figures are rolled up on another core while the lists are made.
        let articles = sorted
        var statisticsDiagnostics = Diagnostics()
        let (statistics, lists) = Parallel.two(
            { rollUpStatistics(config: config, organizations: orgs, articles: articles, diagnostics: &statisticsDiagnostics) },
            { Self.lists(articles) })
        diagnostics.append(contentsOf: statisticsDiagnostics)

        var children: [String: [String]] = [:]
        for org in organizations { if let p = org.parent?.value, orgs[p] != nil { children[p, default: []].append(org.id) } }
        let byName = { (ids: [String]) in VietnameseOrder.sorted(ids, name: { orgs[$0]!.name }, tie: <) }
        for key in children.keys { children[key] = byName(children[key]!) }

        let permalink = Permalink(config.permalink)
        var index = SiteIndex(
            config: config, organizations: orgs, organizationIDs: byName(ids), children: children,
            articles: sorted, pages: pages.sorted { ($0.weight, $0.title) < ($1.weight, $1.title) },
            byOrganization: lists.byOrganization, byYear: lists.byYear, byOrganizationYear: lists.byOrganizationYear,
            byReportedYear: lists.byReportedYear, byOrganizationReportedYear: lists.byOrganizationReportedYear,
            tags: lists.tags, statistics: statistics, awards: lists.awards)
        index.addresses = sorted.map(permalink.address)
        return index
    }

    /// The article lists of `SiteIndex`, for `sorted` (newest first).
    struct Lists {
        var byOrganization: [String: [Int]] = [:]
        var byYear: [Int: [Int]] = [:]
        var byOrganizationYear: [OrganizationYear: [Int]] = [:]
        var byReportedYear: [Int: [Int]] = [:]
        var byOrganizationReportedYear: [OrganizationYear: [Int]] = [:]
        var tags: [TagEntry] = []
        var awards: [AwardRecord] = []
    }

    static func lists(_ sorted: [Article]) -> Lists {
        var byOrganization: [String: [Int]] = [:]
        var byYear: [Int: [Int]] = [:]
        var byOrganizationYear: [OrganizationYear: [Int]] = [:]
        var byReportedYear: [Int: [Int]] = [:]
        var byOrganizationReportedYear: [OrganizationYear: [Int]] = [:]
        var tagsBySlug: [String: TagEntry] = [:]
        var awards: [AwardRecord] = []
        for (i, article) in sorted.enumerated() {
            byYear[article.year, default: []].append(i)
            for id in article.organizationIDs {
                byOrganization[id, default: []].append(i)
                byOrganizationYear[OrganizationYear(organization: id, year: article.year), default: []].append(i)
            }
            for year in article.reportedYears {
                byReportedYear[year, default: []].append(i)
                for id in article.organizationIDs { byOrganizationReportedYear[OrganizationYear(organization: id, year: year), default: []].append(i) }
            }
            for tag in article.tags {
                let slug = Slug.make(tag)
                if tagsBySlug[slug] == nil { tagsBySlug[slug] = TagEntry(name: tag, slug: slug, articles: []) }
                if tagsBySlug[slug]!.articles.last != i { tagsBySlug[slug]!.articles.append(i) }
            }
            for award in article.awards { awards.append(AwardRecord(award: award, article: i)) }
        }

        return Lists(byOrganization: byOrganization, byYear: byYear, byOrganizationYear: byOrganizationYear,
                     byReportedYear: byReportedYear, byOrganizationReportedYear: byOrganizationReportedYear,
                     tags: VietnameseOrder.sorted(Array(tagsBySlug.values), name: \.name, tie: { $0.slug < $1.slug }), awards: awards)
    }

    /// Where several articles report the same key for the same organization and year, the figure
    /// of the latest article stands, as a correction of the others. `articles` is sorted newest
    /// first, so the first seen stands.
    static func rollUpStatistics(config: SiteConfig, organizations: [String: Organization] = [:], articles: [Article],
                                 diagnostics: inout Diagnostics) -> [StatisticSeries] {
        struct FactKey: Hashable { var organization: String; var key: String; var year: Int }
        var facts: [FactKey: StatisticFact] = [:]
        var labels: [String: (label: String, unit: String?)] = [:]
        for (i, article) in articles.enumerated() {
            // An article gives a few figures: a list, not a table, finds one given twice.
            var inThisArticle: [(key: FactKey, location: SourceLocation)] = []
            for stat in article.statistics {
                let key = FactKey(organization: stat.organization.value, key: stat.key, year: stat.year)
                if let first = inThisArticle.first(where: { $0.key == key }) {
                    diagnostics.error(stat.location, "the statistic `\(stat.key)` for `\(key.organization)` in \(key.year) is already given on line \(first.location.line) of this article; which one stands? Keep one")
                    continue
                }
                inThisArticle.append((key, stat.location))
                if labels[stat.key] == nil { labels[stat.key] = (stat.label, stat.unit) }
                if let known = facts.index(forKey: key) {
                    facts.values[known].replaced.append(ReplacedFigure(value: stat.value, article: i, location: stat.valueLocation ?? stat.location))
                } else {
                    facts[key] = StatisticFact(organization: key.organization, key: stat.key, year: stat.year, value: stat.value,
                                               label: stat.label, unit: stat.unit, article: i, kind: stat.kind, verified: stat.verified,
                                               location: stat.valueLocation ?? stat.location)
                }
            }
        }
        var grouped: [String: [StatisticFact]] = [:]
        for fact in facts.values { grouped[fact.key, default: []].append(fact) }
        let catalogOrder = config.statistics.map(\.key)
        let keys = grouped.keys.sorted { a, b in
            let ia = catalogOrder.firstIndex(of: a) ?? Int.max, ib = catalogOrder.firstIndex(of: b) ?? Int.max
            return ia != ib ? ia < ib : a < b
        }
        let series = keys.map { key in
            let definition = config.statistic(key)
            return StatisticSeries(
                key: key, label: definition?.label ?? labels[key]!.label, unit: definition?.unit ?? labels[key]!.unit,
                facts: grouped[key]!.sorted { ($0.organization, $0.year) < ($1.organization, $1.year) })
        }
        Plausibility(organizations: organizations, language: config.language).check(series, &diagnostics)
        return series
    }

    static func checkParentCycles(_ orgs: [String: Organization], _ diagnostics: inout Diagnostics) {
        var reported = Set<String>()
        for id in orgs.keys.sorted() {
            var chain: [String] = [id]
            var current = orgs[id]?.parent?.value
            while let next = current, orgs[next] != nil {
                if next == id {
                    if reported.insert(id).inserted, let parent = orgs[id]?.parent {
                        diagnostics.error(parent.location, "organizations form a cycle of parents: \((chain + [id]).joined(separator: " → "))")
                    }
                    break
                }
                if chain.contains(next) { break }  // a cycle further up, reported from its own members
                chain.append(next)
                current = orgs[next]?.parent?.value
            }
        }
    }
}
