import Foundation
import Testing
@testable import BantinKit

/// Layout mistakes are located errors when the layouts are read, all of them in one run.
@Suite struct MustacheLayoutTests {
    func load(_ layouts: [String: String]) -> [String] {
        var d = Diagnostics()
        let files = Dictionary(uniqueKeysWithValues: layouts.map { ($0.key, SourceFile(path: "layouts/\($0.key).mustache", data: Data($0.value.utf8))) })
        let set = TemplateSet.load(overrides: files, diagnostics: &d)
        #expect((set == nil) == d.hasErrors)
        return d.sorted.map(\.description)
    }

    @Test func everyMistakeInOneRun() {
        let found = load([
            "article": "{{<base}}\n{{$main}}\n<h1>{{titel}}</h1>\n{{#meeting}}{{locaton}}{{/meeting}}\n{{meeting}}\n{{/main}}\n{{/base}}\n",
            "tag": "{{#articles}}\n{{/article}}\n",
            "year": "{{#articles}}\n<p>{{title}}</p>\n",
            "years": "{{=<% %>}}\n",
            "tags": "<p>{{> sidebar}}</p>",
            "home": "{{#articles}}{{organizations.name}}{{/articles}}",
        ])
        #expect(found == [
            "layouts/article.mustache:3:5: error: an article has no field `titel`; did you mean `title`?",
            "layouts/article.mustache:4:13: error: a meeting has no field `locaton`; did you mean `location`?",
            "layouts/article.mustache:5:1: error: `meeting` is a meeting; show what it holds with `{{#meeting}}…{{/meeting}}`",
            "layouts/home.mustache:1:14: error: `organizations` of an article card is a list, each an organization; it has no field `name`",
            "layouts/tag.mustache:2:1: error: the template does not parse: `{{/article}}` closes `articles`; close it with `{{/articles}}`",
            "layouts/tags.mustache:1:4: error: the template names `sidebar`, but there is no layouts/sidebar.mustache",
            "layouts/year.mustache:1:1: error: the template does not parse: `{{#articles}}` is never closed with `{{/articles}}`",
            "layouts/years.mustache:1:1: error: the template does not parse: a delimiter change must end with `=`, like `{{=<% %>=}}`",
        ], "\(found)")
    }

    @Test func namesResolveUpTheStackAndThroughDottedNames() {
        // Inside a card, `site.title` and `t.latest` still resolve, and `url` is the card's own.
        #expect(load(["home": "{{#articles}}{{site.title}} {{t.latest}} {{url}} {{page.title}}{{/articles}}"]) == [])
        #expect(load(["article": "{{#meeting}}{{#attendees}}{{name}} {{title}}{{/attendees}}{{/meeting}}"]) == [])
        #expect(load(["home": "{{#articles}}{{#organizations}}{{.}}{{/organizations}}{{/articles}}"]) == [])
    }

    @Test func transformsOtherThanEmptyAreRefused() {
        #expect(load(["home": "{{#reversed(articles)}}x{{/reversed(articles)}}"]).first?.contains("`reversed(…)` is not something Bantin's templates can do") == true)
    }

    @Test func theFieldListingNamesEveryPageAndField() {
        let text = FieldListing.text()
        for (template, model) in TemplateSet.pageModels {
            #expect(text.contains("\(template).mustache"))
            for name in model.fieldNames { #expect(text.contains("  \(name) "), "\(name)") }
        }
        #expect(text.contains("  json_ld ") && text.contains("headline_figures"))
    }
}

@Suite struct MustacheOracleSnippetTests {
    /// Shapes the theme and users' layouts use: indented partials over lists, parents with
    /// blocks, comments and sections on their own lines, first-line tags.
    @Test func indentationAndInheritanceMatchSwiftMustache() throws {
        let card = ArticleCard(title: "T <b>", url: "/t/", date: "1", dateISO: "2", summary: "s", organizations: [], meetingKind: nil, tags: [], html: nil)
        let home = HomeView(articles: [card, card], figures: [], pagination: nil, isFirstPage: true)
        let cases: [[String: String]] = [
            ["p": "<ul>\n  {{>q}}\n</ul>\n", "q": "{{#articles}}\n<li>{{title}}</li>\n{{/articles}}\n"],
            ["p": "{{<b}}\n{{$x}}\n  <p>{{#articles}}{{title}}{{/articles}}</p>\n  <q>\n{{/x}}\n{{/b}}\n", "b": "<main>\n    {{$x}}d{{/x}}\n</main>\n{{$y}}{{/y}}\n"],
            ["p": "a {{! c }} b\n{{! alone }}\n  {{#first_page}}\n  x\n  {{/first_page}}\nend", "b": ""],
            ["p": "{{#first_page}}{{^empty(articles)}}\nyes\n{{/empty(articles)}}{{/first_page}}\n{{#articles}}{{{summary}}}&{{&title}} {{title}}\n{{/articles}}"],
        ]
        for templates in cases {
            let expected = try Oracle.render(templates, "p", stack: [.view(home)])
            let (got, errors) = try Oracle.bantin(templates, "p", stack: [.view(HomeView.self)], values: [.view(home)])
            #expect(errors.isEmpty, "\(errors)")
            #expect(got == expected, "\(templates): \(got.debugDescription) vs \(expected.debugDescription)")
        }
    }
}
