/// A figure's value as staff write it. YAML reads `7575` and `29.5` itself; text (quoted, or a
/// block value YAML does not take for a number, such as `29,5` or `1.234.567`) is read in the
/// site's language: in `vi` a dot groups thousands and a comma marks decimals (`"26.330"` is
/// 26330, `"29,5"` is 29.5), in `en` the other way round (`"26,330"`, `"29.5"`).
enum FigureInput {
    enum Problem: Error, Equatable {
        /// Neither a number nor a number as the site's language writes one.
        case notANumber
        /// Separators that group wrongly, like `1.23.4` in `vi`.
        case badGrouping
    }

    static func read(_ scalar: YAMLScalar, language: SiteLanguage) -> Result<Number, Problem> {
        let text = scalar.string.trimmingSpaces
        if scalar.style == .plain, let n = Number(yaml: text) { return .success(n) }
        return localized(text, language: language)
    }

    /// `26.330`, `1.234.567`, `29,5`, `-3`, `1.234,5` in `vi`; the same with the marks swapped in `en`.
    static func localized(_ text: String, language: SiteLanguage) -> Result<Number, Problem> {
        let (group, decimal): (Character, Character) = language == .vi ? (".", ",") : (",", ".")
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "-" || first == "−" {
            negative = true
            body = body.dropFirst()
        }
        guard let firstChar = body.first, firstChar.isASCII, firstChar.isNumber else { return .failure(.notANumber) }
        guard body.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == group || $0 == decimal }) else { return .failure(.notANumber) }
        let halves = body.split(separator: decimal, omittingEmptySubsequences: false)
        guard halves.count <= 2 else { return .failure(.badGrouping) }
        let whole = halves[0]
        let groups = whole.split(separator: group, omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                // `29.5` in `vi`, `29,5` in `en`: a decimal mark written the other way. With a
                // single separator and no decimal part it is read as the mark YAML would read.
                if groups.count == 2, halves.count == 1, let n = Number(yaml: (negative ? "-" : "") + groups.joined(separator: ".")) {
                    return .success(n)
                }
                return .failure(.badGrouping)
            }
        }
        let digits = groups.joined()
        if halves.count == 2 {
            let fraction = halves[1]
            guard !fraction.isEmpty, !fraction.contains(group), let d = Double((negative ? "-" : "") + digits + "." + fraction), d.isFinite else {
                return .failure(.badGrouping)
            }
            return .success(.decimal(d))
        }
        guard let n = Int(digits) else { return .failure(.notANumber) }
        return .success(.integer(negative ? -n : n))
    }

    /// `7.575`, `60.358`: a plain scalar YAML reads as a decimal, which a Vietnamese writer
    /// means as thousands grouped with a dot.
    static func looksLikeGroupedThousands(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && (1...3).contains(parts[0].count) && parts[1].count == 3
            && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// The problem with `value` for a figure of `kind`, in words staff can act on, or nil.
    static func boundsProblem(_ value: Number, kind: FigureKind, key: String, unit: String?, language: SiteLanguage) -> String? {
        let shown = language.format(value)
        switch kind {
        case .count:
            guard case .integer(let n) = value else {
                return "`\(key)` is a count, so its value is a whole number; \(shown) is not"
            }
            if n < 0 { return "`\(key)` is a count, so its value cannot be below zero; \(shown) is" }
        case .percent:
            if value.double < 0 || value.double > 100 {
                return "`\(key)` is a percentage, between 0 and 100; \(shown) % is not"
            }
        case .money:
            if unit?.trimmingSpaces.isEmpty ?? true {
                return "`\(key)` is an amount of money, which needs its currency: add `unit: đồng` (or `triệu đồng`)"
            }
            if value.double < 0 { return "`\(key)` is an amount of money, which cannot be below zero; \(shown) is" }
        case .decimal:
            break
        }
        return nil
    }
}
