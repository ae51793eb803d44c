/// What a figure measures, which bounds its value: `site.yml` names it (`kind:`), else it is
/// inferred (a unit of `%` is a percent, a whole value a count, anything else a decimal).
public enum FigureKind: String, Sendable, CaseIterable {
    case count, decimal, percent, money

    static func inferred(unit: String?, value: Number) -> FigureKind {
        if unit?.trimmingSpaces == "%" { return .percent }
        if case .integer = value { return .count }
        return .decimal
    }
}
