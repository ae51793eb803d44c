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
    /// Each reason a rebuild falls back to a whole build is told with the timings.
    @Test func aRebuildSaysWhyItBuildsEverything() throws {
        let site = try fixture("basic")
        var options = BuildOptions(source: site.path)
        options.reusesUnchangedOutput = true
        #expect(Builder().build(options).succeeded)
        let stored = BuildFingerprint.stored(root: site.path)!
        let article = "content/news/b-2023.md"
        let url = site.appendingPathComponent(article)
        try (try String(contentsOf: url, encoding: .utf8)).replacingOccurrences(of: "title: ", with: "title: Mới ").write(to: url, atomically: true, encoding: .utf8)
        let now = BuildFingerprint.current(root: site.path, options: options, output: site.path + "/public", previous: stored)!
        let changed = try now.changedArticles(since: stored, outputNow: BuildFingerprint.outputState(site.path + "/public", known: stored.output)).get()
        #expect(changed == [article])
        var clock = StageClock(enabled: false)
        let result = IncrementalBuild(fileSystem: LocalFileSystem(), root: site.path, output: site.path + "/public", options: options,
                                      cache: BuildCache.read(root: site.path)!).run(changed: changed, fingerprint: now, clock: &clock)
        guard case .failure(let reason) = result else { Issue.record("a title edit was done in place"); return }
        #expect(reason == .showsElsewhere(article))
        #expect(reason.description.contains("front-matter or first paragraph of content/news/b-2023.md"))
    }
}
