import Foundation
import Testing
@testable import BantinKit

@Suite struct SourceKindTests {
    @Test func oneRuleForWhatAFileIs() {
        let cases: [(String, SourceKind)] = [
            ("site.yml", .config), ("content/organizations/hkh-a.md", .organization), ("content/pages/gioi-thieu.md", .page),
            ("content/tin/a.md", .article), ("content/a.md", .article), ("content/x/organizations/y.md", .article),
            ("content/tin/bai/index.md", .article), ("content/tin/bai/anh.jpg", .contentFile), ("layouts/base.mustache", .layout),
            ("layouts/notes.txt", .other), ("i18n/vi.yml", .strings), ("i18n/old/vi.yml", .other), ("static/img/a.png", .staticFile),
            ("README.md", .other), ("public/index.html", .other),
        ]
        for (path, kind) in cases { #expect(SourceKind.of(path) == kind, "\(path)") }
    }
}

@Suite struct FullBuildReasonTests {
    /// Each reason a build starts from nothing is told (with the timings); an edit is not one.
    @Test func aRebuildSaysWhyItBuildsEverything() throws {
        let site = try fixture("basic")
        var options = BuildOptions(source: site.path)
        options.reusesUnchangedOutput = true
        #expect(Builder().build(options).fullBuildReason == .noEarlierBuild)
        let url = site.appendingPathComponent("content/news/b-2023.md")
        try (try String(contentsOf: url, encoding: .utf8)).replacingOccurrences(of: "title: ", with: "title: Mới ").write(to: url, atomically: true, encoding: .utf8)
        let edited = Builder().build(options)
        #expect(edited.fullBuildReason == nil && edited.updatedInPlace != nil)
        options.drafts = true
        #expect(Builder().build(options).fullBuildReason == .optionsChanged)
        try "x".write(toFile: site.path + "/public/robots.txt", atomically: true, encoding: .utf8)
        #expect(Builder().build(options).fullBuildReason == .outputChanged)
        options.reusesUnchangedOutput = false
        #expect(Builder().build(options).fullBuildReason == .notAsked)
        #expect(FullBuildReason.outputChanged.description == "the output folder is not as the last build left it")
    }
}
