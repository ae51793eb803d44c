/// Warnings about figures that are probably typos: a jump of more than ×5 (or a fall below ÷5)
/// from the same organization's previous reported year, and a member unit reporting more than
/// its parent for the same key and year. Each is at the line of the figure it doubts; a figure
/// with `verified: true` is not doubted. `--strict` makes them errors.
struct Plausibility {
    let organizations: [String: Organization]
    let language: SiteLanguage

    /// How far a figure may move from one reported year to the next before it is doubted.
    static let factor = 5.0

    func check(_ series: [StatisticSeries], _ diagnostics: inout Diagnostics) {
        for s in series {
            checkJumps(s, &diagnostics)
            checkParents(s, &diagnostics)
        }
    }

    /// `facts` are sorted by organization, then year: each is compared with the one before it.
    private func checkJumps(_ series: StatisticSeries, _ diagnostics: inout Diagnostics) {
        for (previous, fact) in zip(series.facts, series.facts.dropFirst()) where previous.organization == fact.organization {
            guard !fact.verified, let location = fact.location, previous.value.double > 0, fact.value.double >= 0 else { continue }
            let ratio = fact.value.double / previous.value.double
            guard ratio > Self.factor || ratio < 1 / Self.factor else { continue }
            let change = ratio > 1 ? "×\(Self.shown(ratio, language))" : "÷\(Self.shown(1 / ratio, language))"
            diagnostics.warning(location, "`\(series.key)` of \(fact.organization): \(language.format(previous.value)) (\(previous.year)) → \(language.format(fact.value)) (\(fact.year)), \(change); a typo? If it is right, add `verified: true`")
        }
    }

    /// Only for figures that add up (counts, money): a unit's members are among its parent's.
    private func checkParents(_ series: StatisticSeries, _ diagnostics: inout Diagnostics) {
        let byUnit = series.factsByUnitYear
        for fact in series.facts where !fact.verified && (fact.kind == .count || fact.kind == .money) {
            guard let location = fact.location, let parent = organizations[fact.organization]?.parent?.value,
                  let above = byUnit[OrganizationYear(organization: parent, year: fact.year)], fact.value > above.value else { continue }
            diagnostics.warning(location, "`\(series.key)` of \(fact.organization) in \(fact.year) is \(language.format(fact.value)), more than its parent \(parent)'s \(language.format(above.value)), which should include it; a typo? If it is right, add `verified: true`")
        }
    }

    /// `10`, `7,5` (`7.5` in English): whole ratios without decimals, others with one.
    static func shown(_ ratio: Double, _ language: SiteLanguage) -> String {
        let tenths = (ratio * 10).rounded()
        if tenths.truncatingRemainder(dividingBy: 10) == 0 { return language.format(Number.integer(Int(tenths / 10))) }
        return language.format(Number.decimal(tenths / 10))
    }
}
