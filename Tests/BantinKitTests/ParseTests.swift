import Foundation
import Testing
@testable import BantinKit

func config(_ extra: (inout SiteConfig) -> Void = { _ in }) -> SiteConfig {
    var c = SiteConfig(title: "T", baseURL: "https://example.org/")
    c.statistics = [StatisticDefinition(key: "members", label: "Hội viên", unit: "người")]
    extra(&c)
    return c
}

func article(_ text: String, path: String = "content/a.md", config c: SiteConfig = config()) -> (Article?, [String]) {
    let (a, d) = ContentParser(config: c).parseArticle(ArticleSource(file: SourceFile(path: path, data: Data(text.utf8)), bundleAssets: [], bundleDirectory: nil))
    return (a, d.sorted.map(\.description))
}

@Suite struct FrontMatterTests {
    @Test func splitsAndCountsBodyLine() throws {
        let doc = try FrontMatter.split("---\ntitle: A\n---\nBody\n", path: "x.md").get()
        #expect(doc.yaml == "title: A")
        #expect(doc.body == "Body\n")
        #expect(doc.bodyLine == 4)
    }

    @Test func windowsLineEndings() throws {
        let doc = try FrontMatter.split("---\r\ntitle: A\r\n---\r\nBody\r\n", path: "x.md").get()
        #expect(doc.yaml == "title: A")
        #expect(doc.body == "Body\r\n")
        #expect(doc.bodyLine == 4)
    }

    @Test func fenceWithTrailingSpacesAndNoBody() throws {
        let doc = try FrontMatter.split("---  \ntitle: A\n\n---", path: "x.md").get()
        #expect(doc.yaml == "title: A")
        #expect(doc.body == "")
        #expect(doc.bodyLine == 5)
        #expect(throws: Diagnostic.self) { try FrontMatter.split("----\ntitle: A\n---\n", path: "x.md").get() }
    }

    @Test func notClosed() {
        let (a, d) = article("---\ntitle: A\ndate: 2024-01-01\n")
        #expect(a == nil)
        #expect(d == ["content/a.md:1:1: error: the front-matter opened on line 1 is never closed: add a line `---` after its last field"])
    }

    @Test func emptyFile() {
        #expect(article("").1.first?.hasPrefix("content/a.md:1:1: error: the file is empty") == true)
    }

    @Test func notUTF8NamesLineAndColumn() {
        var bytes = Array("---\ntitle: Hội ngh".utf8)
        bytes.append(0xFF)
        let result = FrontMatter.text(of: SourceFile(path: "content/x.md", data: Data(bytes)))
        guard case .failure(let d) = result else { Issue.record("accepted"); return }
        #expect(d.location == SourceLocation(path: "content/x.md", line: 2, column: 15))
    }
}

@Suite struct ArticleParserTests {
    let full = """
    ---
    title: Hội nghị tổng kết năm 2023
    date: 2024-01-10 17:50
    organization: [hkh-yen-bai, hkh-van-yen]
    tags: [tổng kết, học bổng]
    meeting:
      kind: tổng kết
      period: "2023"
    awards:
      - { title: Bằng khen, recipient_kind: collective, count: 23 }
      - { title: Học bổng, recipient_kind: individual, recipient: Nguyễn Văn A, organization: hkh-van-yen, year: 2024 }
    statistics:
      - { key: members, value: 7575 }
      - { key: ratio, value: 29.5, label: Tỷ lệ, unit: "%" }
    ---
    Đoạn đầu tiên của bài.

    Đoạn hai.
    """

    @Test func defaults() throws {
        let (a, d) = article(full)
        #expect(d.isEmpty)
        let art = try #require(a)
        #expect(art.slug == "hoi-nghi-tong-ket-nam-2023")
        #expect(art.summary == "Đoạn đầu tiên của bài.")
        #expect(art.meeting?.date == CivilDate(year: 2024, month: 1, day: 10))  // meeting.date defaults to date
        #expect(art.awards[0].year == 2023)  // from meeting.period, not the 2024 date
        #expect(art.awards[0].organization.value == "hkh-yen-bai")  // the first organization
        #expect(art.awards[1].count == 1 && art.awards[1].year == 2024 && art.awards[1].organization.value == "hkh-van-yen")
        #expect(art.statistics[0].label == "Hội viên" && art.statistics[0].unit == "người")  // from the catalog
        #expect(art.statistics[0].value == .integer(7575))
        #expect(art.statistics[1].value == .decimal(29.5) && art.statistics[1].unit == "%")
        #expect(art.statistics[0].location == SourceLocation(path: "content/a.md", line: 13, column: 5))
    }

    @Test(arguments: [("2019-2020", 2020), ("2022-Q3", 2022), ("2023", 2023), ("năm học 2020 – 2021", 2021), ("Q3", nil)])
    func periodYear(_ period: String, _ year: Int?) {
        #expect(ContentParser.periodYear(period) == year)
    }

    @Test func yearWithoutPeriodIsLocalYearOfDate() throws {
        let (a, _) = article("---\ntitle: A\ndate: 2023-12-31T20:00:00Z\norganization: x\nstatistics:\n  - { key: members, value: 1 }\n---\n")
        #expect(try #require(a).statistics[0].year == 2024)
    }

    @Test func missingRequiredFields() {
        let (a, d) = article("---\nsummary: x\n---\nBody")
        #expect(a == nil)
        #expect(d == [
            "content/a.md:1:1: error: the article has no `date`; add a line like `date: 2024-01-10`",
            "content/a.md:1:1: error: the article has no `organization`; add the id of a file in content/organizations/, e.g. `organization: hkh-yen-bai`",
            "content/a.md:1:1: error: the article has no `title`; add a line `title: …` to the front-matter",
        ])
    }

    @Test func wrongValuesNameTheirLineAndColumn() {
        let text = """
        ---
        title: A
        date: 2023-13-45
        organization: x
        awards:
          - { title: B, recipient_kind: everyone, count: -2 }
          - { title: C, recipient_kind: individual, count: 1.5 }
        statistics:
          - { key: members, value: nhiều }
          - { value: 3 }
        colour: red
        ---
        """
        let (a, d) = article(text)
        #expect(a == nil)
        #expect(d == [
            "content/a.md:3:7: error: `date` is not a real date: `2023-13-45` (months run from 01 to 12)",
            "content/a.md:6:33: error: `recipient_kind` must be `collective` (tập thể) or `individual` (cá nhân), found `everyone`",
            "content/a.md:6:50: error: `count` must be a positive whole number, found -2",
            "content/a.md:7:52: error: `count` must be a positive whole number, found `1.5`",
            "content/a.md:9:28: error: `value` must be a number (like 7575, 29,5 or \"26.330\"), found `nhiều`",
            "content/a.md:10:5: error: a statistic has no `key` (a stable name such as `members`)",
            "content/a.md:11:1: warning: unknown key `colour` in an article's front-matter is ignored",
        ])
    }

    @Test func malformedYAMLIsOffsetByTheFence() {
        let (_, d) = article("---\ntitle: A\ndate: [2024\n---\n")
        #expect(d.count == 1)
        #expect(d[0].hasPrefix("content/a.md:4:1: error: invalid YAML"))
    }

    @Test func unknownKeySuggestsTheClosest() {
        let (_, d) = article("---\ntitle: A\ndate: 2024-01-01\norganization: x\norganisation: y\n---\n")
        #expect(d == ["content/a.md:5:1: warning: unknown key `organisation` in an article's front-matter is ignored; did you mean `organization`?"])
    }

    @Test func groupedThousandsAreFlagged() {
        let (a, d) = article("---\ntitle: A\ndate: 2024-01-01\norganization: x\nstatistics:\n  - { key: members, value: 7.575 }\n  - { key: ratio, value: 29.5, label: R }\n---\n")
        #expect(a == nil)
        #expect(d == ["content/a.md:6:28: error: `7.575` is read as the decimal 7,575 (not as 7575): write 7575, or \"7.575\" in quotes"])
    }

    @Test func labelRequiredWithoutCatalog() {
        let (_, d) = article("---\ntitle: A\ndate: 2024-01-01\norganization: x\nstatistics:\n  - key: families\n    value: 3\n---\n")
        #expect(d == ["content/a.md:6:5: error: the statistic `families` has no `label`, and site.yml's `statistics` does not define it"])
    }
}

@Suite struct MarkdownTests {
    let md = MarkdownRenderer()

    @Test func firstParagraphCollapsesWhiteSpace() {
        #expect(md.render("Hội  nghị\ntổng\u{00A0}\u{00A0}kết\t2024.\n\nĐoạn hai.").firstParagraph == "Hội nghị tổng kết 2024.")
        #expect(MarkdownRenderer.collapsingWhitespace("  \r\n a \u{2003} b \n") == "a b")
        #expect(MarkdownRenderer.collapsingWhitespace(" \n ") == "")
        // The same as splitting on Character.isWhitespace, for every white space of Unicode and its neighbours.
        for v: UInt32 in [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1F, 0x20, 0x21, 0x84, 0x85, 0x86, 0x9F, 0xA0, 0xA1, 0x1680, 0x1681, 0x1FFF, 0x2000, 0x2005, 0x200A,
                          0x200B, 0x2027, 0x2028, 0x2029, 0x202A, 0x202F, 0x205F, 0x2060, 0x2FFF, 0x3000, 0x3001, 0x1ED9] {
            let text = "a" + String(Unicode.Scalar(v)!) + "b " + String(Unicode.Scalar(v)!)
            #expect(MarkdownRenderer.collapsingWhitespace(text) == text.split(whereSeparator: \.isWhitespace).joined(separator: " "), "U+\(String(v, radix: 16))")
        }
    }

    @Test func gfmExtensionsAndFootnotes() {
        let html = md.render("""
        | a | b |
        |---|--:|
        | 1 | 2 |

        ~~cũ~~ https://example.org

        - [x] xong

        Chú thích[^1].

        [^1]: Nguồn.
        """).html
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>cũ</del>"))
        #expect(html.contains("<a href=\"https://example.org\">"))
        #expect(html.contains("type=\"checkbox\""))
        #expect(html.contains("footnote"))
    }

    @Test func rawHTMLAndScriptLinksDoNotPass() {
        let html = md.render("<script>alert(1)</script>\n\n<b onclick=\"x()\">b</b> [x](javascript:alert(1))").html
        #expect(!html.contains("<script"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("javascript:"))
    }

    @Test func firstParagraphAndLinks() {
        let r = md.render("# Tiêu đề\n\nĐoạn *một* với [liên kết](/nam/2023/).\n\nĐoạn hai.")
        #expect(r.firstParagraph == "Đoạn một với liên kết.")
        #expect(r.links.map(\.url) == ["/nam/2023/"])
        #expect(r.links.map(\.line) == [3])
        #expect(r.links.map(\.column) == [16])  // in characters, as YAML marks count, not UTF-8 bytes
    }

    @Test func parsingOnManyThreadsGivesTheSameHTML() async {
        let docs = (0..<64).map { "| a | b |\n|---|---|\n| \($0) | *x* |\n\n~~s~~ https://e.org/\($0)" }
        let expected = docs.map { md.render($0).html }
        let got = await withTaskGroup(of: (Int, String).self) { group in
            for (i, d) in docs.enumerated() { group.addTask { (i, MarkdownRenderer().render(d).html) } }
            var out = [String](repeating: "", count: docs.count)
            for await (i, h) in group { out[i] = h }
            return out
        }
        #expect(got == expected)
    }
}
