import Foundation
import Testing
@testable import BantinKit

/// The command line's rebuild (the engine started from `.bantin-cache/`): whatever the edit, it
/// must leave the output exactly as a full build of the same sources would, report the same
/// problems, and rewrite only the files that changed.
@Suite struct EngineRebuildTests {
    struct Site {
        let root: URL
        var out: URL { root.appendingPathComponent("public") }

        func build(strict: Bool = false) -> BuildResult {
            var options = BuildOptions(source: root.path)
            options.reusesUnchangedOutput = true
            options.strict = strict
            return Builder().build(options)
        }

        /// A build from scratch of the same sources into a folder of its own, with no cache.
        func fullBuild(strict: Bool = false) throws -> (files: [String: Data], result: BuildResult) {
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-full-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: root, to: copy)
            try? FileManager.default.removeItem(at: copy.appendingPathComponent("public"))
            try? FileManager.default.removeItem(at: copy.appendingPathComponent(CacheFolder.name))
            var options = BuildOptions(source: copy.path)
            options.strict = strict
            let result = Builder().build(options)
            return (try snapshot(copy.appendingPathComponent("public")), result)
        }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = root.appendingPathComponent(path)
            // Saved as editors save: a new file renamed over the old one.
            try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
    }

    static func snapshot(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for path in try LocalFileSystem().files(under: dir.path) { out[path] = try Data(contentsOf: dir.appendingPathComponent(path)) }
        return out
    }

    static func stamps(_ dir: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        for path in try LocalFileSystem().files(under: dir.path) { out[path] = LocalFileSystem().stamp(dir.appendingPathComponent(path).path) }
        return out
    }

    func site() throws -> Site {
        let site = Site(root: try fixture("basic"))
        let first = site.build()
        #expect(first.succeeded && first.updatedInPlace == nil, "\(first.diagnostics.sorted)")
        try expectRecordedListing(site)
        return site
    }

    /// The output listing the build recorded (summed as files were written, or updated file by
    /// file in place) is the one a walk of the output finds.
    func expectRecordedListing(_ site: Site) throws {
        let recorded = try #require(BuildFingerprint.stored(root: site.root.path)?.output)
        #expect(BuildFingerprint.outputState(site.out.path, known: nil)?.listing == recorded.listing)
        #expect(BuildFingerprint.folderStamp(site.out.path) == recorded.stamp)
    }

    @Test func aBodyEditRewritesItsPageSearchLineAndFeedEntriesOnly() throws {
        let site = try site()
        let before = try Self.stamps(site.out)
        // The newest article of hkh-huyen and hkh-tinh: it is in the site's feed and both organizations'.
        try site.edit("content/news/b-2023.md") { $0 + "\nĐoạn mới về quỹ khuyến học xã Đông.\n" }
        let result = site.build()
        let updated = try #require(result.updatedInPlace, "\(result.diagnostics.sorted)")
        #expect(result.onlyBodies)
        #expect(Set(updated) == ["2024/tong-ket-nam-2023/index.html", "tim-kiem/index.json", "feed.xml",
                                 "to-chuc/hkh-huyen/feed.xml", "to-chuc/hkh-tinh/feed.xml"])
        #expect(try read(site.out, "2024/tong-ket-nam-2023/index.html").contains("Đoạn mới về quỹ khuyến học xã Đông."))
        #expect(try read(site.out, "tim-kiem/index.json").contains("quy"))
        #expect(try read(site.out, "feed.xml").contains("Đoạn mới về quỹ khuyến học xã Đông."))

        try expectRecordedListing(site)
        let full = try site.fullBuild()
        #expect(try Self.snapshot(site.out) == full.files)
        #expect(result.diagnostics.sorted == full.result.diagnostics.sorted)
        // Files not rewritten keep their inode and modification time: deploys upload only what changed.
        let after = try Self.stamps(site.out)
        for (path, stamp) in before where !updated.contains(path) { #expect(after[path] == stamp, "\(path)") }

        // Built again with nothing changed: up to date, and still the same.
        let again = site.build()
        #expect(again.upToDate)
    }

    /// A body that gains a link to another article's file, written from `content/` (`/news/…`):
    /// the shortest way still takes it, with the article linked to (in no feed here) beside it.
    @Test func aBodyEditLinkingAnArticleOutsideTheFeedsTakesTheShortestWay() throws {
        let root = try fixture("basic")
        for i in 0..<22 {  // newer than every article of the fixture: a-2022 leaves the feeds' first twenty
            try "---\ntitle: Bài mới \(i)\ndate: 2024-06-\(String(format: "%02d", i + 1))\norganization: hkh-tinh\n---\nNội dung \(i).\n"
                .write(to: root.appendingPathComponent("content/news/moi-\(i).md"), atomically: true, encoding: .utf8)
        }
        let site = Site(root: root)
        #expect(site.build().succeeded)
        try site.edit("content/news/moi-3.md") { $0 + "\nXem [bài tổng kết](/news/a-2022.md).\n" }
        let result = site.build()
        #expect(result.succeeded && result.onlyBodies, "\(result.diagnostics.sorted)")
        #expect(try read(site.out, "2024/bai-moi-3/index.html").contains("href=\"/tin/2023/tong-ket-nam-2022/\""))
        #expect(try Self.snapshot(site.out) == (try site.fullBuild()).files)
    }

    @Test func anOlderArticleTwoEditsInARowAndTwoArticlesAtOnce() throws {
        let site = try site()
        try site.edit("content/news/a-2022.md") { $0 + "\nCâu mới.\n" }
        let result = site.build()
        let updated = try #require(result.updatedInPlace)
        #expect(updated.contains("2023/tong-ket-nam-2022/index.html"))
        #expect(try Self.snapshot(site.out) == (try site.fullBuild()).files)
        // Two edits in a row, two articles at once.
        try site.edit("content/news/a-2022.md") { $0 + "\nCâu thứ hai.\n" }
        try site.edit("content/news/c-2023-correction.md") { $0 + "\nGhi chú thêm.\n" }
        #expect(site.build().updatedInPlace != nil)
        #expect(try Self.snapshot(site.out) == (try site.fullBuild()).files)
    }

    /// Each kind of edit, one after another, patched in place: the output is a clean build's.
    @Test func everyKindOfEditIsPatchedInPlace() throws {
        let site = try site()
        let root = site.root
        func expectPatched(_ what: String, only expected: Set<String>? = nil, _ change: () throws -> Void) throws {
            try change()
            let result = site.build()
            let updated = try #require(result.updatedInPlace, "\(what): \(result.diagnostics.sorted)")
            #expect(!result.onlyBodies, "\(what)")
            if expected == nil { #expect(!updated.isEmpty, "\(what) changed nothing") }
            if let expected { #expect(Set(updated) == expected, "\(what)") }
            let full = try site.fullBuild()
            let ours = try Self.snapshot(site.out)
            let differing = Set(ours.keys).union(full.files.keys).filter { ours[$0] != full.files[$0] }.sorted()
            #expect(differing.isEmpty, "\(what): \(differing)")
            // A moved address is said by the build that moves it; a clean build has nothing to compare with.
            #expect(result.diagnostics.sorted.filter { !$0.message.contains("address changed") } == full.result.diagnostics.sorted, "\(what)")
            try expectRecordedListing(site)
        }
        // The first paragraph is the summary, shown on the archives.
        try expectPatched("summary") { try site.edit("content/news/a-2022.md") { $0.replacingOccurrences(of: "Năm 2022 hội có", with: "Năm 2022, hội có") } }
        try expectPatched("title") { try site.edit("content/news/a-2022.md") { $0.replacingOccurrences(of: "title: Tổng kết năm 2022", with: "title: Tổng kết công tác năm 2022") } }
        try expectPatched("date") { try site.edit("content/news/a-2022.md") { $0.replacingOccurrences(of: "date: 2023-", with: "date: 2024-") } }
        try expectPatched("tags") { try site.edit("content/news/b-2023.md") { $0.replacingOccurrences(of: "tags: [Tổng kết, học bổng]", with: "tags: [Tổng kết]") } }
        try expectPatched("figures") { try site.edit("content/news/b-2023.md") { $0.replacingOccurrences(of: "value: 8000", with: "value: 8100") } }
        try expectPatched("organization") { try site.edit("content/organizations/hkh-huyen.md") { $0 + "\nThêm.\n" } }
        try expectPatched("organization name") { try site.edit("content/organizations/hkh-huyen.md") { $0.replacingOccurrences(of: "name:", with: "name: Hội") } }
        // A layout: only the pages that use it.
        try expectPatched("layout", only: ["gioi-thieu/index.html"]) { try site.edit("layouts/page.mustache") { $0 + "\n" } }
        try expectPatched("new article") {
            try "---\ntitle: Bài mới\ndate: 2024-02-01\norganization: hkh-huyen\n---\nNội dung.\n"
                .write(to: root.appendingPathComponent("content/news/moi.md"), atomically: true, encoding: .utf8)
        }
        // The address comes from the title: a renamed file changes no file of the site.
        try expectPatched("renamed article", only: []) {
            try FileManager.default.moveItem(at: root.appendingPathComponent("content/news/moi.md"), to: root.appendingPathComponent("content/news/moi-2.md"))
        }
        try expectPatched("removed article") { try FileManager.default.removeItem(at: root.appendingPathComponent("content/news/moi-2.md")) }
        // The time zone decides how every date parses: every article is parsed again.
        try expectPatched("site.yml's time zone") { try site.edit("site.yml") { $0 + "timezone: Pacific/Kiritimati\n" } }
        try expectPatched("site.yml") { try site.edit("site.yml") { $0.replacingOccurrences(of: "title:", with: "description: Tin của hội\ntitle:") } }
        try expectPatched("the site's words") {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("i18n"), withIntermediateDirectories: true)
            try "latest: Tin hoạt động\n".write(to: root.appendingPathComponent("i18n/vi.yml"), atomically: true, encoding: .utf8)
        }
        try expectPatched("a page") { try site.edit("content/pages/gioi-thieu.md") { $0 + "\nThêm một đoạn.\n" } }
        try expectPatched("a photo added to a bundle") {
            try "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".write(to: root.appendingPathComponent("content/news/bundle/moi.svg"), atomically: true, encoding: .utf8)
        }
        try expectPatched("a bundle's photo changed") {
            try "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\"/>".write(to: root.appendingPathComponent("content/news/bundle/anh.svg"), atomically: true, encoding: .utf8)
        }
        try expectPatched("static file") { try "body{}".write(to: root.appendingPathComponent("static/extra.css"), atomically: true, encoding: .utf8) }
    }

    @Test func warningsOfArticlesNotReadAgainAreStillReported() throws {
        let site = Site(root: try fixture("basic"))
        try site.edit("content/news/c-2023-correction.md") { $0.replacingOccurrences(of: "date: 2023-03-01", with: "date: 2023-03-01\nauthr: Ban biên tập") }
        let first = site.build()
        #expect(first.succeeded && first.diagnostics.warningCount == 1)
        // Up to date: the same warning again.
        #expect(site.build().diagnostics.sorted == first.diagnostics.sorted)
        // Another article's body gets a link to a page the site does not have: a problem of its own.
        try site.edit("content/news/a-2022.md") { $0 + "\nXem [báo cáo](/khong-co/).\n" }
        let result = site.build()
        let full = try site.fullBuild()
        #expect(result.diagnostics.sorted == full.result.diagnostics.sorted)
        #expect(result.diagnostics.items.contains { $0.location.path == "content/news/c-2023-correction.md" })
        #expect(result.diagnostics.items.contains { $0.location.path == "content/news/a-2022.md" && $0.location.line == 15 })
        #expect(result.succeeded && result.updatedInPlace != nil)
        #expect(try Self.snapshot(site.out) == full.files)
        // With --strict every warning fails the build, whichever way it is built.
        let strict = site.build(strict: true)
        #expect(!strict.succeeded)
        #expect(strict.diagnostics.sorted == (try site.fullBuild(strict: true)).result.diagnostics.sorted)
    }

    @Test func aBrokenEditFailsAndLeavesTheOutputAsItWas() throws {
        let site = try site()
        let before = try Self.snapshot(site.out)
        try site.edit("content/news/a-2022.md") { $0 + "\n[^x]: chú thích\n\n| a |\n" }
        try "---\ntitle: [không đóng\n---\n".write(to: site.root.appendingPathComponent("content/news/a-2022.md"), atomically: true, encoding: .utf8)
        let result = site.build()
        #expect(!result.succeeded)
        #expect(result.diagnostics.items.contains { $0.location.path == "content/news/a-2022.md" && $0.severity == .error })
        #expect(try Self.snapshot(site.out) == before)
    }

    /// The contract: a failed build leaves the previous output exactly as it was. The page is
    /// written before the feeds, so a feed that cannot be written must not leave it changed.
    @Test func aWriteThatFailsLeavesTheOutputAsItWas() throws {
        let site = try site()
        let before = try Self.snapshot(site.out)
        try site.edit("content/news/b-2023.md") { $0 + "\nĐoạn mới.\n" }
        // A folder where the incremental build would put the organization feed's temporary file.
        let blocker = site.out.appendingPathComponent("to-chuc/hkh-tinh/.bantin-\(getpid())-feed.xml")
        try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: false)
        let result = site.build()
        #expect(!result.succeeded)
        #expect(result.diagnostics.items.contains { $0.severity == .error && $0.message.hasPrefix("cannot write the site: to-chuc/hkh-tinh/feed.xml") })
        #expect(try Self.snapshot(site.out) == before)
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: site.out.path).filter { $0.contains(".bantin-") && $0 != OutputFolder.markerName }
        #expect(leftovers == ["to-chuc/hkh-tinh/.bantin-\(getpid())-feed.xml"])
        // Once the file can be written, the next build writes what a clean build does.
        try FileManager.default.removeItem(at: blocker)
        let again = site.build()
        #expect(again.succeeded && again.updatedInPlace?.contains("to-chuc/hkh-tinh/feed.xml") == true)
        #expect(try Self.snapshot(site.out) == (try site.fullBuild()).files)
    }

    @Test func recordsSurviveEveryCharacter() throws {
        let site = try site()
        let root = site.root.path
        var run = BuildRun(builder: Builder(), options: BuildOptions(source: root))
        run.setKeys(try #require(BuildFingerprint.stored(root: root)))
        let parse = try #require(run.keys).parse
        let state = try #require(EngineState.read(root: root, parse: parse))
        #expect(state.records.count == 5 && state.cards.count == 4)  // the draft has a record, not a card
        // Another context (site.yml, the organisations there are): the records do not stand.
        #expect(EngineState.read(root: root, parse: parse &+ 1)?.records.isEmpty == true)
        let article = try #require(state.records["content/news/a-2022.md"]?.article)
        #expect(article.title == "Tổng kết năm 2022" && article.bodyDeferred && article.statistics.first?.value == .integer(7575))
        // Its words for search are kept apart, where its record says.
        let words = try #require(state.words?.read(state.records["content/news/a-2022.md"]!.words))
        #expect(words == "nam 2022 hoi co 7 575 vien")
        var record = ArticleRecord(path: "content/a b\tc.md", digest: 42, article: nil,
                                   diagnostics: [.warning(SourceLocation(path: "content/a b\tc.md", line: 3, column: 7), "a\ttab,\na newline, ý kiến \\ and \r")])
        let bytes = record.encoded()
        let decoded = bytes.withUnsafeBytes { raw -> ArticleRecord? in
            var r = RecordReader(raw)
            return ArticleRecord.decode(&r)
        }
        #expect(decoded?.path == record.path && decoded?.diagnostics == record.diagnostics && decoded?.digest == 42)
        // Cut short anywhere: nil, never a wrong record.
        for n in 0..<bytes.count {
            let cut = Array(bytes.prefix(n)).withUnsafeBytes { raw -> ArticleRecord? in
                var r = RecordReader(raw)
                return ArticleRecord.decode(&r)
            }
            #expect(cut == nil, "\(n)")
        }
        record.article = article
        var outputs = OutputRecord()
        outputs.units["article x"] = .init(key: 7, files: ["a/index.html"])
        outputs.extras["robots.txt"] = 9
        outputs.siteDiagnostics = record.diagnostics
        outputs.articleDiagnostics = ["content/x.md": record.diagnostics]
        outputs.order = ["content/x.md"]
        outputs.whole = [3]
        outputs.feeds = ["feed": ["content/x.md"]]
        #expect(OutputRecord.decode(outputs.encoded()[...]) == outputs)
    }

    @Test func theFingerprintTellsWhenTheOutputCanBeStartedFrom() {
        typealias V = BuildFingerprint.Version
        let output = BuildFingerprint.OutputState(stamp: .init(inode: 1, size: 4096, modified: 5, changed: 5), listing: 42)
        let old = BuildFingerprint(options: "drafts=false strict=false output=public", executable: V(stamp: .init(inode: 1), digest: 1), files: [
            "site.yml": V(stamp: .init(inode: 2), digest: 2), "content/2024/a b.md": V(stamp: .init(inode: 3), digest: 3),
            "content/organizations/x.md": V(stamp: .init(inode: 4), digest: 4), "layouts/base.mustache": V(stamp: .init(inode: 5), digest: 5),
            "content/pages/p.md": V(stamp: .init(inode: 6), digest: 6),
        ], output: output)
        func with(_ path: String, digest: UInt64, stamp: BuildFingerprint.Stamp = .init(inode: 99)) -> BuildFingerprint {
            var f = old
            f.files[path] = V(stamp: stamp, digest: digest)
            return f
        }
        #expect(old.reuseProblem(since: old, outputNow: output) == nil && old.sameSources(as: old))
        // New stamps, same contents (a fresh clone, a touched file): nothing changed.
        #expect(with("content/2024/a b.md", digest: 3).sameSources(as: old))
        #expect(!with("content/2024/a b.md", digest: 9).sameSources(as: old))
        #expect(!with("content/2024/c.md", digest: 3).sameSources(as: old))
        // An article's parse depends on the organisations there are, not on their text (and on
        // some of site.yml, which `BuildRun.setKeys` reads).
        #expect(with("content/2024/a b.md", digest: 9).parseContext == old.parseContext)
        #expect(with("content/organizations/x.md", digest: 9).parseContext == old.parseContext)
        #expect(with("content/organizations/y.md", digest: 9).parseContext != old.parseContext)
        // Every page shows the site's settings and pages; not the articles' or layouts' text (nor
        // the organisations': their front-matter is added from their parse, `BuildRun.siteKey`).
        #expect(with("content/2024/a b.md", digest: 9).siteKey == old.siteKey)
        #expect(with("layouts/base.mustache", digest: 9).siteKey == old.siteKey)
        #expect(with("content/organizations/x.md", digest: 9).siteKey == old.siteKey)
        for path in ["site.yml", "content/pages/p.md", "i18n/vi.yml"] {
            #expect(with(path, digest: 9).siteKey != old.siteKey, "\(path)")
        }
        var drafts = old
        drafts.options = "drafts=true strict=false output=public"
        #expect(drafts.reuseProblem(since: old, outputNow: output) == .optionsChanged)
        var rebuilt = old
        rebuilt.executable = V(stamp: .init(inode: 7), digest: 7)
        #expect(rebuilt.reuseProblem(since: old, outputNow: output) == .bantinChanged)
        #expect(old.reuseProblem(since: old, outputNow: nil) == .outputChanged)  // no output folder
        #expect(old.reuseProblem(since: old, outputNow: .init(stamp: .init(inode: 2), listing: 43)) == .outputChanged)  // a file of it changed
        #expect(old.reuseProblem(since: old, outputNow: .init(stamp: .init(inode: 2), listing: 42)) == nil)  // restored with its times
        #expect(BuildFingerprint.decode(Data(old.encoded())) == old)
        #expect(BuildFingerprint.decode(Data("v1\n".utf8)) == nil)
    }

    /// CI checks the site out afresh (new inodes and times for every source) and restores
    /// `.bantin-cache/` and the output from its cache, times kept: contents decide.
    @Test func aFreshCloneWithTheCacheRestoredBuildsOnlyWhatChanged() throws {
        let site = try site()
        let clone = Site(root: FileManager.default.temporaryDirectory.appendingPathComponent("bantin-clone-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: clone.root, withIntermediateDirectories: true)
        for name in ["site.yml", "content", "layouts", "static"] {
            try FileManager.default.copyItem(at: site.root.appendingPathComponent(name), to: clone.root.appendingPathComponent(name))
        }
        for name in ["public", CacheFolder.name] {
            let cp = Process()
            cp.executableURL = URL(fileURLWithPath: "/bin/cp")
            cp.arguments = ["-a", site.root.appendingPathComponent(name).path, clone.root.path]
            try cp.run()
            cp.waitUntilExit()
            #expect(cp.terminationStatus == 0)
        }
        Thread.sleep(forTimeInterval: 0.02)
        for path in try LocalFileSystem().files(under: clone.root.appendingPathComponent("content").path) {
            let url = clone.root.appendingPathComponent("content/" + path)
            try Data(contentsOf: url).write(to: url)  // as a checkout writes it: same bytes, new times
        }
        #expect(clone.build().upToDate)
        try clone.edit("content/news/a-2022.md") { $0 + "\nCâu mới trong CI.\n" }
        let result = clone.build()
        #expect(result.updatedInPlace?.contains("2023/tong-ket-nam-2022/index.html") == true)
        #expect(try Self.snapshot(clone.out) == (try clone.fullBuild()).files)
        // A file of the restored output that is not what the build left: everything again.
        try "x".write(to: clone.out.appendingPathComponent("robots.txt"), atomically: true, encoding: .utf8)
        try clone.edit("content/news/a-2022.md") { $0 + "\nCâu nữa.\n" }
        let again = clone.build()
        #expect(again.updatedInPlace == nil && !again.upToDate && again.succeeded)
        #expect(try Self.snapshot(clone.out) == (try clone.fullBuild()).files)
    }
}
