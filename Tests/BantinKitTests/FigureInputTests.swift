import Foundation
import Testing
@testable import BantinKit

/// Figures as Vietnamese (and English) staff write them, and each kind's bounds: issue #13's
/// table, with the exact messages and places.
@Suite struct FigureInputTests {
    /// An article whose only statistic is `line` (line 6 of the file).
    func figure(_ line: String, language: SiteLanguage = .vi, catalog: [StatisticDefinition]? = nil) -> (Statistic?, [String]) {
        let text = "---\ntitle: A\ndate: 2024-01-01\norganization: x\nstatistics:\n\(line)\n---\n"
        let (a, d) = article(text, config: config {
            $0.language = language
            if let catalog { $0.statistics = catalog }
        })
        return (a?.statistics.first, d)
    }

    @Test func vietnameseFormsAreReadAsMeant() {
        #expect(figure("  - { key: members, value: \"26.330\" }").0?.value == .integer(26330))
        #expect(figure("  - { key: ratio, value: \"29,5\", unit: \"%\", label: R }").0?.value == .decimal(29.5))
        #expect(figure("  - { key: members, value: \"1.234.567\" }").0?.value == .integer(1234567))
        #expect(figure("  - { key: members, value: 1.234.567 }").0?.value == .integer(1234567))  // YAML text, not a number
        #expect(figure("  - { key: money, value: \"1.234,5\", unit: triệu đồng, label: Quỹ }").0?.value == .decimal(1234.5))
        #expect(figure("  - { key: members, value: \" 7.575 \" }").0?.value == .integer(7575))
        // A block value: YAML leaves `29,5` as text.
        let block = figure("  - key: ratio\n    label: R\n    unit: \"%\"\n    value: 29,5")
        #expect(block.0?.value == .decimal(29.5) && block.1.isEmpty)
        // The dot of an English decimal still reads as one where it cannot be grouping.
        #expect(figure("  - { key: ratio, value: \"29.5\", unit: \"%\", label: R }").0?.value == .decimal(29.5))
    }

    @Test func englishFormsInAnEnglishSite() {
        #expect(figure("  - { key: members, value: \"26,330\" }", language: .en).0?.value == .integer(26330))
        #expect(figure("  - { key: ratio, value: \"29.5\", unit: \"%\", label: R }", language: .en).0?.value == .decimal(29.5))
        #expect(figure("  - { key: members, value: \"1,234,567\" }", language: .en).0?.value == .integer(1234567))
        // `26.330` is an English decimal: no warning about grouping in an English site.
        let decimal = figure("  - { key: area, value: 26.330, label: Diện tích, unit: ha }", language: .en)
        #expect(decimal.0?.value == .decimal(26.33) && decimal.1.isEmpty)
    }

    @Test func anUnquotedGroupedCountIsAnErrorWithTheFix() {
        let (s, d) = figure("  - { key: members, value: 26.330 }")
        #expect(s == nil)
        #expect(d == ["content/a.md:6:28: error: `26.330` is read as the decimal 26,33 (not as 26330): write 26330, or \"26.330\" in quotes"])
        // With a catalog kind that takes decimals it is a warning, silenced by `verified`.
        let catalog = [StatisticDefinition(key: "area", label: "Diện tích", unit: "ha", kind: .decimal)]
        let warned = figure("  - { key: area, value: 7.575 }", catalog: catalog)
        #expect(warned.0?.value == .decimal(7.575))
        #expect(warned.1 == ["content/a.md:6:25: warning: `7.575` is read as the decimal 7,575; if you mean 7575, write 7575 or \"7.575\" in quotes (or add `verified: true` if 7,575 is right)"])
        #expect(figure("  - { key: area, value: 7.575, verified: true }", catalog: catalog).1.isEmpty)
    }

    @Test func aDecimalCommaSplitByYAMLIsNamed() {
        let (s, d) = figure("  - { key: member_ratio, value: 29,5, unit: \"%\", label: Tỷ lệ }")
        #expect(s == nil)
        #expect(d == ["content/a.md:6:33: error: `29,5` has a decimal comma, and inside `{ }` YAML cuts the line at every comma: write 29.5, or \"29,5\" in quotes"])
        let en = figure("  - { key: members, value: 26,330 }", language: .en)
        #expect(en.1 == ["content/a.md:6:28: error: `26,330` has a thousands comma, and inside `{ }` YAML cuts the line at every comma: write 26330, or \"26,330\" in quotes"])
    }

    @Test func wronglyGroupedDigitsAreRefused() {
        #expect(figure("  - { key: members, value: \"1.23.4\" }").1 == [
            "content/a.md:6:28: error: `1.23.4` groups its digits wrongly; write the digits alone, like 1234567, or in threes, like \"1.234.567\"",
        ])
        #expect(figure("  - { key: members, value: \"12,3,4\" }").1.count == 1)
    }

    @Test func eachKindsBounds() {
        let counts = [StatisticDefinition(key: "members", label: "Hội viên", unit: "người", kind: .count)]
        #expect(figure("  - { key: members, value: 12.5 }", catalog: counts).1 == ["content/a.md:6:28: error: `members` is a count, so its value is a whole number; 12,5 is not"])
        #expect(figure("  - { key: members, value: -3 }", catalog: counts).1 == ["content/a.md:6:28: error: `members` is a count, so its value cannot be below zero; -3 is"])
        #expect(figure("  - { key: members, value: 0 }", catalog: counts).1.isEmpty)
        // Inferred: a whole value with no catalog kind is a count, so −3 scholarships is refused.
        #expect(figure("  - { key: scholarships, value: -3, label: Học bổng, unit: suất }").1 == [
            "content/a.md:6:33: error: `scholarships` is a count, so its value cannot be below zero; -3 is",
        ])
        // Percent, inferred from `%` or named: 0 and 100 stand, 129 and −1 do not.
        #expect(figure("  - { key: ratio, value: 129, unit: \"%\", label: R }").1 == ["content/a.md:6:26: error: `ratio` is a percentage, between 0 and 100; 129 % is not"])
        #expect(figure("  - { key: ratio, value: 100, unit: \"%\", label: R }").1.isEmpty)
        #expect(figure("  - { key: ratio, value: 0, unit: \"%\", label: R }").1.isEmpty)
        #expect(figure("  - { key: ratio, value: \"-0,5\", unit: \"%\", label: R }").1 == ["content/a.md:6:26: error: `ratio` is a percentage, between 0 and 100; -0,5 % is not"])
        let money = [StatisticDefinition(key: "fund", label: "Quỹ", unit: nil, kind: .money)]
        #expect(figure("  - { key: fund, value: 500 }", catalog: money).1 == ["content/a.md:6:25: error: `fund` is an amount of money, which needs its currency: add `unit: đồng` (or `triệu đồng`)"])
        #expect(figure("  - { key: fund, value: 500, unit: triệu đồng }", catalog: money).1.isEmpty)
        // Decimal takes any finite value.
        let decimals = [StatisticDefinition(key: "score", label: "Điểm", unit: nil, kind: .decimal)]
        #expect(figure("  - { key: score, value: -2.25 }", catalog: decimals).1.isEmpty)
    }

    @Test func theCatalogNamesKindsAndRefusesUnknownOnes() {
        var d = Diagnostics()
        let c = SiteConfigLoader.load(text: "title: T\nbase_url: https://x.org/\nstatistics:\n  members: { label: Hội viên, unit: người, kind: count }\n  fund: { label: Quỹ, kind: money }\n  x: { label: X, kind: many }\n", diagnostics: &d)
        #expect(c?.statistic("members")?.kind == .count)
        #expect(d.sorted.map(\.description) == [
            "site.yml:5:9: error: `statistics.fund` is money, which needs its currency: add `unit: đồng` (or `triệu đồng`)",
            "site.yml:6:24: error: `statistics.x.kind` is one of count (a whole number), decimal, percent (0–100) or money; found `many`",
        ])
    }
}
