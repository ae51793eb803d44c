/// Charts, totals and award roll-ups: the figures drawn and summed for the reader.
extension ViewBuilder {
    /// A single bar compares nothing: such a figure is left to its table.
    static let minimumBars = 2

    func chartTitle(_ series: StatisticSeries, _ subject: String) -> String {
        let name = series.unit.map { "\(series.label) (\($0))" } ?? series.label
        return "\(name) – \(subject)"
    }

    /// A chart of `points` under the series' name and `subject`, or nil for fewer than two bars.
    func chart(_ series: StatisticSeries, _ subject: String, _ points: [(label: String, value: Number)], _ layout: BarChart.Layout) -> ChartView? {
        guard points.count >= Self.minimumBars else { return nil }
        let chart = BarChart(
            id: "chart-\(series.key)", title: chartTitle(series, subject),
            bars: points.map { ChartBar(label: $0.label, value: $0.value.double, display: language.format($0.value)) },
            layout: layout)
        return ChartView(title: chart.title, svg: chart.svg())
    }

    /// One chart per statistic an organization reports, its years side by side.
    func charts(of organization: String) -> [ChartView] {
        let name = index.organizations[organization]?.displayName ?? organization
        return records.series(of: organization).compactMap { series, facts in
            let facts = facts.sorted { $0.year < $1.year }
            return chart(series, name, facts.map { (String($0.year), $0.value) }, .columns)
        }
    }

    /// One chart per statistic reported in a year: the organizations compared, largest first.
    func charts(year: Int) -> [ChartView] {
        let order = organizationOrder
        return index.statistics.compactMap { series in
            let facts = series.facts.filter { $0.year == year }
                .sorted { $0.value != $1.value ? $0.value > $1.value : order[$0.organization, default: 0] < order[$1.organization, default: 0] }
            return chart(series, String(year), facts.map { (organizationLink($0.organization).shortName, $0.value) }, .rows)
        }
    }

    /// A statistic for the statistics page: its table of organizations × years and, where the
    /// figure adds up, a totals row and a chart of the totals. A total compares years only when
    /// the same units reported in each: otherwise (a province one year, one district the next)
    /// the sums would show a rise or fall that never happened, so each year says how many units
    /// reported instead, and no chart is drawn. A note says what the total covers.
    func statisticSection(_ series: StatisticSeries) -> StatisticSection {
        var table = table(of: series)
        var chart: ChartView?
        if let totals = index.totals(of: series) {
            let years = Set(series.facts.map(\.year)).sorted()
            var reporting: [Int: Set<String>] = [:]
            for fact in series.facts { reporting[fact.year, default: []].insert(fact.organization) }
            let units = reporting.values.reduce(into: Set<String>()) { $0.formUnion($1) }
            if Set(reporting.values).count == 1 {
                table.totals = [
                    // `totals` has every year of the series, oldest first, as the columns do.
                    ResultsTable.Row(label: strings["total"], url: nil, unit: nil, cells: totals.map { ResultsTable.Cell(value: language.format($0.value)) })
                ]
                // The units summed: a member unit whose parent reported too is inside the parent's figure.
                let counted = Set(totals.first?.organizations ?? [])
                let names = index.organizationIDs.filter(counted.contains).map { organizationLink($0).shortName }
                table.coverage = "\(strings["total_covers"]) \(language.format(names.count)) \(strings["units"]): \(names.joined(separator: ", "))."
                chart = self.chart(series, strings["total"], totals.map { (String($0.year), $0.value) }, .columns)
            } else {
                table.totals = [
                    ResultsTable.Row(label: strings["reported"], url: nil, unit: nil, cells: years.map { y in
                        ResultsTable.Cell(value: "\(language.format(reporting[y]?.count ?? 0))/\(language.format(units.count)) \(strings["units"])")
                    })
                ]
                table.coverage = strings["not_totalled"]
            }
        }
        return StatisticSection(key: series.key, table: table, chart: chart, additive: series.isAdditive)
    }

    /// Collective and individual award counts summed by year (newest first) or by organization.
    func awardRollup(_ records: [AwardRecord], byYear: Bool) -> [AwardRollupRow] {
        func row(_ label: String, _ url: String, _ sum: AwardSum) -> AwardRollupRow {
            AwardRollupRow(label: label, url: url, collective: language.format(sum.collective), individual: language.format(sum.individual))
        }
        if byYear {
            let sums = awardSums(records) { $0.year }
            return sums.keys.sorted(by: >).map { row(String($0), routes.link(routes.year($0)), sums[$0]!) }
        }
        let sums = awardSums(records) { $0.organization.value }
        return index.organizationIDs.filter { sums[$0] != nil }.map { id in
            let link = organizationLink(id)
            return row(link.shortName, link.url, sums[id]!)
        }
    }
}
