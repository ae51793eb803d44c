/// Charts, totals and award roll-ups: the figures drawn and summed for the reader.
extension ViewBuilder {
    /// A single bar compares nothing: such a figure is left to its table.
    static let minimumBars = 2

    func chartTitle(_ series: StatisticSeries, _ subject: String) -> String {
        let name = series.unit.map { "\(series.label) (\($0))" } ?? series.label
        return "\(name) – \(subject)"
    }

    /// One chart per statistic an organization reports, its years side by side.
    func charts(of organization: String) -> [ChartView] {
        let name = index.organizations[organization]?.displayName ?? organization
        return index.statistics.compactMap { series in
            let facts = series.facts.filter { $0.organization == organization }.sorted { $0.year < $1.year }
            guard facts.count >= Self.minimumBars else { return nil }
            let chart = BarChart(
                id: "chart-\(series.key)", title: chartTitle(series, name),
                bars: facts.map { ChartBar(label: String($0.year), value: $0.value.double, display: language.format($0.value)) },
                layout: .columns)
            return ChartView(title: chart.title, svg: chart.svg())
        }
    }

    /// One chart per statistic reported in a year: the organizations compared, largest first.
    func charts(year: Int) -> [ChartView] {
        let order = Dictionary(uniqueKeysWithValues: index.organizationIDs.enumerated().map { ($1, $0) })
        return index.statistics.compactMap { series in
            let facts = series.facts.filter { $0.year == year }
                .sorted { $0.value != $1.value ? $0.value > $1.value : order[$0.organization, default: 0] < order[$1.organization, default: 0] }
            guard facts.count >= Self.minimumBars else { return nil }
            let chart = BarChart(
                id: "chart-\(series.key)", title: chartTitle(series, String(year)),
                bars: facts.map { ChartBar(label: organizationLink($0.organization).shortName, value: $0.value.double, display: language.format($0.value)) },
                layout: .rows)
            return ChartView(title: chart.title, svg: chart.svg())
        }
    }

    /// A statistic for the statistics page: its table of organizations × years, a totals row and
    /// a chart of the totals where the figure adds up.
    func statisticSection(_ series: StatisticSeries) -> StatisticSection {
        var table = table(of: series)
        var chart: ChartView?
        if let totals = index.totals(of: series) {
            let years = Set(series.facts.map(\.year)).sorted()
            table.totals = [
                ResultsTable.Row(label: strings["total"], url: nil, unit: nil, cells: years.map { y in
                    ResultsTable.Cell(value: totals.first { $0.year == y }.map { language.format($0.value) })
                })
            ]
            if totals.count >= Self.minimumBars {
                let c = BarChart(
                    id: "chart-\(series.key)", title: chartTitle(series, strings["total"]),
                    bars: totals.map { ChartBar(label: String($0.year), value: $0.value.double, display: language.format($0.value)) },
                    layout: .columns)
                chart = ChartView(title: c.title, svg: c.svg())
            }
        }
        return StatisticSection(key: series.key, table: table, chart: chart, additive: series.isAdditive)
    }

    /// Collective and individual award counts summed by year (newest first) or by organization.
    func awardRollup(_ records: [AwardRecord], byYear: Bool) -> [AwardRollupRow] {
        var sums: [String: (collective: Int, individual: Int)] = [:]
        for r in records {
            let key = byYear ? String(r.award.year) : r.award.organization.value
            var s = sums[key] ?? (0, 0)
            if r.award.recipientKind == .collective { s.collective += r.award.count } else { s.individual += r.award.count }
            sums[key] = s
        }
        let keys: [String] = byYear
            ? sums.keys.sorted { Int($0)! > Int($1)! }
            : index.organizationIDs.filter { sums[$0] != nil }
        return keys.map { key in
            let s = sums[key]!
            let link = byYear ? (label: key, url: routes.link(routes.year(Int(key)!))) : { let o = organizationLink(key); return (label: o.shortName, url: o.url) }()
            return AwardRollupRow(label: link.label, url: link.url, collective: language.format(s.collective), individual: language.format(s.individual))
        }
    }
}
