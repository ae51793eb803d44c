import Foundation

/// A statistic summed over organizations for one year.
public struct StatisticTotal: Sendable, Equatable {
    public var year: Int
    public var value: Number
    /// The organizations whose figures make the sum.
    public var organizations: [String]
}

extension StatisticSeries {
    /// Percentages and other ratios do not add up; every other unit does.
    public var isAdditive: Bool { unit?.trimmingSpaces != "%" }
}

extension SiteIndex {
    /// True when `ancestor` is above `id` in the parent chain.
    public func isAncestor(_ ancestor: String, of id: String) -> Bool {
        hasAncestor(of: id) { $0 == ancestor }
    }

    /// True when some organization above `id` in the parent chain is `matching` (a parent
    /// cycle, an error the indexer reports, ends the walk).
    func hasAncestor(of id: String, matching: (String) -> Bool) -> Bool {
        var seen = Set<String>()
        var current = organizations[id]?.parent?.value
        while let next = current, seen.insert(next).inserted {
            if matching(next) { return true }
            current = organizations[next]?.parent?.value
        }
        return false
    }

    /// The series summed per year, oldest year first; nil for a series that does not add up.
    ///
    /// A member unit's figure is already inside its parent's when the parent reports the same
    /// key for the same year (a district's members are part of the province's), so such a unit
    /// is left out of that year's sum rather than counted twice.
    public func totals(of series: StatisticSeries) -> [StatisticTotal]? {
        guard series.isAdditive else { return nil }
        var byYear: [Int: [StatisticFact]] = [:]
        for fact in series.facts { byYear[fact.year, default: []].append(fact) }
        return byYear.keys.sorted().map { year in
            let facts = byYear[year]!
            let reporting = Set(facts.map(\.organization))
            // Up each unit's own chain, not across every unit that reported: a site has far more
            // units than levels.
            let counted = facts.filter { fact in !hasAncestor(of: fact.organization, matching: reporting.contains) }
            return StatisticTotal(year: year, value: Number.sum(counted.map(\.value)), organizations: counted.map(\.organization))
        }
    }
}

extension Number {
    /// Whole numbers stay whole; decimals are rounded to ten places so that 0.1 + 0.2 shows as 0.3.
    static func sum(_ values: [Number]) -> Number {
        var integer = 0
        var allIntegers = true
        var double = 0.0
        for v in values {
            double += v.double
            if case .integer(let n) = v, allIntegers {
                let (s, overflow) = integer.addingReportingOverflow(n)
                if overflow { allIntegers = false } else { integer = s }
            } else {
                allIntegers = false
            }
        }
        return allIntegers ? .integer(integer) : .decimal((double * 1e10).rounded() / 1e10)
    }
}
