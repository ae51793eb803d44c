/// Each organisation's figures and awards, gathered once for the renderer. An organisation's
/// pages (its archive, each of its years, its results table and charts) used to filter every
/// figure and award of the site, once per page: at 200 organisations that was a tenth of a
/// 1,000-article build.
struct OrganizationRecords: Sendable {
    /// By organisation: each statistic it reports (in the index's order) with its facts, oldest
    /// year first as the index keeps them.
    private(set) var series: [String: [(series: StatisticSeries, facts: [StatisticFact])]] = [:]
    /// By organisation: its award records, in the index's order.
    private(set) var awards: [String: [AwardRecord]] = [:]

    init() {}

    init(_ index: SiteIndex) {
        for s in index.statistics {
            var byOrganization: [String: [StatisticFact]] = [:]
            var order: [String] = []
            for fact in s.facts {
                if byOrganization[fact.organization] == nil { order.append(fact.organization) }
                byOrganization[fact.organization, default: []].append(fact)
            }
            for id in order { series[id, default: []].append((s, byOrganization[id]!)) }
        }
        for record in index.awards { awards[record.award.organization.value, default: []].append(record) }
    }

    func series(of id: String) -> [(series: StatisticSeries, facts: [StatisticFact])] { series[id] ?? [] }
    func awards(of id: String) -> [AwardRecord] { awards[id] ?? [] }

    /// The years an organisation reported figures for.
    func figureYears(of id: String) -> Set<Int> { Set(series(of: id).flatMap { $0.facts.map(\.year) }) }
}
