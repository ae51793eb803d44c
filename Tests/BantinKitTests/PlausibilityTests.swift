import Foundation
import Testing
@testable import BantinKit

/// Issue #13's plausibility rules at their edges, the duplicate key, and corrections kept.
@Suite struct PlausibilityTests {
    /// One article per figure: `(organization, year, value, extra)`; returns the diagnostics.
    func check(_ figures: [(String, Int, String, String)], organizations: [Organization] = [org("a")]) -> (SiteIndex, [String]) {
        let articles = figures.enumerated().map { i, f in
            parsed("title: T\(i)\ndate: \(f.1 + 1)-01-0\(i % 9 + 1)\norganization: \(f.0)\nstatistics:\n  - { key: members, value: \(f.2), year: \(f.1)\(f.3) }",
                   path: "content/\(i).md")
        }
        var d = Diagnostics()
        let index = Indexer.index(config: config(), organizations: organizations, articles: articles, pages: [], diagnostics: &d)
        return (index, d.sorted.map(\.description))
    }

    @Test func aJumpOfMoreThanFiveTimesIsDoubted() {
        #expect(check([("a", 2022, "100", ""), ("a", 2023, "500", "")]).1.isEmpty)  // exactly ×5
        #expect(check([("a", 2022, "100", ""), ("a", 2023, "501", "")]).1 == [
            "content/1.md:6:28: warning: `members` of a: 100 (2022) → 501 (2023), ×5; a typo? If it is right, add `verified: true`",
        ])
        #expect(check([("a", 2022, "7575", ""), ("a", 2023, "75750", "")]).1 == [
            "content/1.md:6:28: warning: `members` of a: 7.575 (2022) → 75.750 (2023), ×10; a typo? If it is right, add `verified: true`",
        ])
        #expect(check([("a", 2022, "100", ""), ("a", 2023, "20", "")]).1.isEmpty)  // exactly ÷5
        #expect(check([("a", 2022, "100", ""), ("a", 2023, "19", "")]).1 == [
            "content/1.md:6:28: warning: `members` of a: 100 (2022) → 19 (2023), ÷5,3; a typo? If it is right, add `verified: true`",
        ])
        // Compared with the previous *reported* year, not the calendar's.
        #expect(check([("a", 2020, "100", ""), ("a", 2023, "1000", "")]).1.count == 1)
        // Verified, it stands quietly; another organization's figure is not compared.
        #expect(check([("a", 2022, "100", ""), ("a", 2023, "1000", ", verified: true")]).1.isEmpty)
        #expect(check([("a", 2022, "100", ""), ("b", 2023, "1000", "")], organizations: [org("a"), org("b")]).1.isEmpty)
    }

    @Test func strictMakesTheDoubtAnError() throws {
        let site = try fixture("basic")
        let path = site.appendingPathComponent("content/news/b-2023.md")
        let text = try String(contentsOf: path, encoding: .utf8).replacingOccurrences(of: "value: 8000", with: "value: 80000")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let warned = try run(["check", "--source", site.path])
        #expect(warned.status == 0 && warned.stderr.contains("content/news/b-2023.md:8:28: warning: `members` of hkh-huyen: 7.600 (2022) → 80.000 (2023), ×10,5;"))
        let strict = try run(["check", "--strict", "--source", site.path])
        #expect(strict.status == 1 && strict.stderr.contains("content/news/b-2023.md:8:28: error: `members` of hkh-huyen: 7.600 (2022) → 80.000 (2023), ×10,5;"))
    }

    @Test func aMemberUnitAboveItsParentIsDoubted() {
        let orgs = [org("tinh"), org("huyen", parent: "tinh")]
        #expect(check([("tinh", 2023, "7575", ""), ("huyen", 2023, "8000", "")], organizations: orgs).1 == [
            "content/1.md:6:28: warning: `members` of huyen in 2023 is 8.000, more than its parent tinh's 7.575, which should include it; a typo? If it is right, add `verified: true`",
        ])
        #expect(check([("tinh", 2023, "7575", ""), ("huyen", 2023, "7575", "")], organizations: orgs).1.isEmpty)
        #expect(check([("tinh", 2023, "7575", ""), ("huyen", 2023, "8000", ", verified: true")], organizations: orgs).1.isEmpty)
        // Another year of the parent is not compared.
        #expect(check([("tinh", 2022, "7575", ""), ("huyen", 2023, "8000", "")], organizations: orgs).1.isEmpty)
    }

    @Test func theSameKeyTwiceInOneArticleIsAnError() {
        let a = parsed("title: T\ndate: 2024-01-01\norganization: a\nstatistics:\n  - { key: members, value: 100 }\n  - { key: members, value: 120 }", path: "content/x.md")
        var d = Diagnostics()
        let index = Indexer.index(config: config(), organizations: [org("a")], articles: [a], pages: [], diagnostics: &d)
        #expect(d.sorted.map(\.description) == [
            "content/x.md:7:5: error: the statistic `members` for `a` in 2024 is already given on line 6 of this article; which one stands? Keep one",
        ])
        #expect(index.statistics[0].facts.map(\.value) == [.integer(100)])
    }

    @Test func aLaterArticleCorrectsAndTheEarlierFigureIsKept() {
        let (index, d) = check([("a", 2023, "7575", ""), ("a", 2023, "7800", "")])
        #expect(d.isEmpty)
        let fact = index.statistics[0].facts[0]
        #expect(fact.value == .integer(7800) && index.articles[fact.article].title == "T1")
        #expect(fact.replaced.map(\.value) == [.integer(7575)])
        #expect(index.articles[fact.replaced[0].article].title == "T0")
        #expect(fact.replaced[0].location == SourceLocation(path: "content/0.md", line: 6, column: 28))
    }
}
