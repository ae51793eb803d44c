import Foundation
import Testing
@testable import BantinKit

func org(_ id: String, name: String? = nil, parent: String? = nil) -> Organization {
    Organization(id: id, name: name ?? id, shortName: nil, level: nil,
                 parent: parent.map { Located($0, SourceLocation(path: "content/organizations/\(id).md", line: 4, column: 9)) },
                 website: nil, descriptionHTML: "", summary: nil, path: "content/organizations/\(id).md")
}

func parsed(_ yaml: String, path: String) -> Article {
    let (a, d) = article("---\n\(yaml)\n---\nBody\n", path: path)
    precondition(a != nil, "\(d)")
    return a!
}

@Suite struct IndexerTests {
    @Test func latestArticleFigureStands() {
        let older = parsed("title: Cũ\ndate: 2024-01-05\norganization: a\nstatistics:\n  - { key: members, value: 100, year: 2023 }", path: "content/old.md")
        let newer = parsed("title: Mới\ndate: 2024-03-01\norganization: a\nstatistics:\n  - { key: members, value: 120, year: 2023 }", path: "content/new.md")
        var d = Diagnostics()
        // Order of input must not matter.
        for articles in [[older, newer], [newer, older]] {
            let index = Indexer.index(config: config(), organizations: [org("a")], articles: articles, pages: [], diagnostics: &d)
            #expect(index.statistics.count == 1)
            #expect(index.statistics[0].facts.map(\.value) == [.integer(120)])
            #expect(index.articles[index.statistics[0].facts[0].article].title == "Mới")
        }
        #expect(d.items.isEmpty)
    }

    @Test func archivesByOrganizationYearAndTag() {
        let a1 = parsed("title: A1\ndate: 2023-05-01\norganization: [a, b]\ntags: [Học bổng]", path: "content/1.md")
        let a2 = parsed("title: A2\ndate: 2024-05-01\norganization: a\ntags: [học bổng, Tổng kết]", path: "content/2.md")
        var d = Diagnostics()
        let index = Indexer.index(config: config(), organizations: [org("a"), org("b")], articles: [a1, a2], pages: [], diagnostics: &d)
        #expect(index.articles.map(\.title) == ["A2", "A1"])
        #expect(index.byOrganization["a"] == [0, 1])
        #expect(index.byOrganization["b"] == [1])
        #expect(index.byYear[2023] == [1])
        #expect(index.byOrganizationYear[OrganizationYear(organization: "a", year: 2024)] == [0])
        #expect(index.tags.map(\.slug) == ["hoc-bong", "tong-ket"])
        #expect(index.tags[0].articles == [0, 1])
    }

    @Test func unknownOrganizationsAreReportedWithASuggestion() {
        let a = parsed("title: A\ndate: 2024-01-01\norganization: hkh-yen-bia\nawards:\n  - { title: B, recipient_kind: collective, organization: nobody }", path: "content/a.md")
        var d = Diagnostics()
        let index = Indexer.index(config: config(), organizations: [org("hkh-yen-bai")], articles: [a], pages: [], diagnostics: &d)
        #expect(index.articles.isEmpty)
        #expect(d.sorted.map(\.description) == [
            "content/a.md:4:15: error: the organization `hkh-yen-bia` does not exist in content/organizations/; did you mean `hkh-yen-bai`?",
            "content/a.md:6:59: error: the award's organization `nobody` does not exist in content/organizations/ (known: hkh-yen-bai)",
        ])
    }

    @Test func parentCycle() {
        var d = Diagnostics()
        _ = Indexer.index(config: config(), organizations: [org("a", parent: "b"), org("b", parent: "a"), org("c", parent: "zz")],
                          articles: [], pages: [], diagnostics: &d)
        #expect(d.sorted.map(\.description) == [
            "content/organizations/a.md:4:9: error: organizations form a cycle of parents: a → b → a",
            "content/organizations/b.md:4:9: error: organizations form a cycle of parents: b → a → b",
            "content/organizations/c.md:4:9: error: the parent organization `zz` does not exist in content/organizations/ (known: a, b, c)",
        ])
    }

    @Test func organizationsSortByVietnameseName() {
        var d = Diagnostics()
        let index = Indexer.index(config: config(), organizations: [org("d", name: "Đoàn"), org("u", name: "Ủy ban"), org("b", name: "Ban")],
                                  articles: [], pages: [], diagnostics: &d)
        #expect(index.organizationIDs == ["b", "d", "u"])
    }
}

@Suite struct RoutesTests {
    @Test func permalinkTokens() {
        let a = parsed("title: Hội nghị Đoàn trường\ndate: 2024-01-05\norganization: [doan-truong, x]", path: "content/a.md")
        #expect(Routes(config: config()).article(a) == "/2024/hoi-nghi-doan-truong/")
        let custom = Routes(config: config { $0.permalink = "/:organization/:year/:month/:day/:slug/" })
        #expect(custom.article(a) == "/doan-truong/2024/01/05/hoi-nghi-doan-truong/")
    }

    @Test func sectionsPaginationAndBasePath() {
        let r = Routes(config: SiteConfig(title: "T", baseURL: "https://example.org/khuyen-hoc/"))
        #expect(r.organization("a", year: 2023) == "/to-chuc/a/2023/")
        #expect(r.paged(r.year(2023), 1) == "/nam/2023/")
        #expect(r.paged(r.year(2023), 3) == "/nam/2023/page/3/")
        #expect(r.link("/nam/") == "/khuyen-hoc/nam/")
        #expect(r.absolute("/nam/") == "https://example.org/khuyen-hoc/nam/")
        #expect(Routes.outputFile("/nam/2023/") == "nam/2023/index.html")
        #expect(Routes.outputFile("/feed.xml") == "feed.xml")
    }

    @Test func permalinkValidation() {
        #expect(SiteConfigLoader.permalinkProblem("/:year/:slug/") == nil)
        #expect(SiteConfigLoader.permalinkProblem("/:year/") != nil)
        #expect(SiteConfigLoader.permalinkProblem("/../:slug/") != nil)
        #expect(SiteConfigLoader.permalinkProblem("/:nope/:slug/") != nil)
    }
}

@Suite struct SiteConfigTests {
    @Test func defaultsAndCatalog() throws {
        var d = Diagnostics()
        let c = try #require(SiteConfigLoader.load(text: "title: T\nbase_url: https://e.org\nstatistics:\n  members: { label: Hội viên, unit: người }\n", diagnostics: &d))
        #expect(d.items.isEmpty)
        #expect(c.baseURL == "https://e.org/")
        #expect(c.language == .vi && c.paginate == 20 && c.permalink == "/:year/:slug/")
        #expect(c.timeZone.identifier == "Asia/Ho_Chi_Minh")
        #expect(c.paths == SectionPaths())
        #expect(c.statistic("members")?.unit == "người")
    }

    @Test func errorsCarryLines() {
        var d = Diagnostics()
        let c = SiteConfigLoader.load(text: "title: T\nbase_url: example.org\nlanguage: fr\npaginate: 0\ntimezone: Mars/Olympus\n", diagnostics: &d)
        // Still a configuration, each bad field at its default, so content is checked in the same run.
        #expect(c?.paginate == 20 && c?.language == .vi && c?.timeZone.identifier == "Asia/Ho_Chi_Minh")
        #expect(d.sorted.map(\.description) == [
            "site.yml:2:11: error: `base_url` must be an absolute URL such as https://example.org/, found `example.org`",
            "site.yml:3:11: error: `language` must be `vi` or `en`, found `fr`",
            "site.yml:4:11: error: `paginate` must be at least 1, found 0",
            "site.yml:5:11: error: unknown time zone `Mars/Olympus`; use a name like Asia/Ho_Chi_Minh",
        ])
    }
}

@Suite struct TemplateTests {
    @Test func builtInThemeMatchesTheExampleSiteLayouts() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for (name, text) in BuiltinTheme.templates {
            let file = try String(contentsOf: root.appendingPathComponent("layouts/\(name).mustache"), encoding: .utf8)
            #expect(file == text + "\n", "layouts/\(name).mustache differs from the built-in theme: run scripts/embed-theme")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("layouts").path)
        #expect(Set(files.map { String($0.dropLast(".mustache".count)) }) == Set(BuiltinTheme.templates.keys))
        let assets = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("static").path)
        #expect(Set(assets) == Set(BuiltinTheme.assets.keys))
        for name in assets {
            let text = try String(contentsOf: root.appendingPathComponent("static/\(name)"), encoding: .utf8)
            #expect(text == BuiltinTheme.assets[name]! + "\n", "static/\(name) differs from the built-in theme: run scripts/embed-theme")
        }
        for name in TemplateSet.required { #expect(BuiltinTheme.templates[name] != nil) }
    }

    @Test func overrideThatDoesNotParseIsReportedAtItsLine() {
        var d = Diagnostics()
        let set = TemplateSet.load(overrides: ["home": SourceFile(path: "layouts/home.mustache", data: Data("<h1>\n{{#articles}}\n{{title}}\n".utf8))], diagnostics: &d)
        #expect(set == nil)
        #expect(d.items.count == 1)
        #expect(d.items[0].location.path == "layouts/home.mustache")
        #expect(d.items[0].location.line == 2)  // where the section opens
        #expect(d.items[0].message.contains("`{{#articles}}` is never closed with `{{/articles}}`"))
    }

    @Test func missingPartialIsAnError() {
        var d = Diagnostics()
        let set = TemplateSet.load(overrides: ["tag": SourceFile(path: "layouts/tag.mustache", data: Data("<p>\n  {{> sidebar}}</p>".utf8))], diagnostics: &d)
        #expect(set == nil)
        #expect(d.sorted.map(\.description) == ["layouts/tag.mustache:2:3: error: the template names `sidebar`, but there is no layouts/sidebar.mustache"])
    }

    @Test func builtInsLoadCleanly() {
        var d = Diagnostics()
        #expect(TemplateSet.load(overrides: [:], diagnostics: &d) != nil)
        #expect(d.items.isEmpty)
    }
}
