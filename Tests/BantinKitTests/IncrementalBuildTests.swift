import Foundation
import Testing
@testable import BantinKit

/// The command line's rebuild after body edits (`IncrementalBuild`): it must leave the output
/// exactly as a full build of the same sources would, report the same problems, and fall back
/// to a full build whenever an edit reaches beyond the article's own page.
@Suite struct IncrementalBuildTests {
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

    @Test func editsThatReachOtherPagesBuildEverything() throws {
        let site = try site()
        // The first paragraph is the summary, shown on the archives.
        try site.edit("content/news/a-2022.md") { $0.replacingOccurrences(of: "Năm 2022 hội có", with: "Năm 2022, hội có") }
        var result = site.build()
        #expect(result.updatedInPlace == nil && !result.upToDate && result.succeeded)
        #expect(try Self.snapshot(site.out) == (try site.fullBuild()).files)
        // Any front-matter edit: a title moves the article in every list.
        try site.edit("content/news/a-2022.md") { $0.replacingOccurrences(of: "title: Tổng kết năm 2022", with: "title: Tổng kết công tác năm 2022") }
        result = site.build()
        #expect(result.updatedInPlace == nil && result.succeeded)
        #expect(try Self.snapshot(site.out) == (try site.fullBuild()).files)
        // An organization, a layout, a new article.
        for change in [
            { try site.edit("content/organizations/hkh-huyen.md") { $0 + "\nThêm.\n" } },
            { try site.edit("layouts/page.mustache") { $0 + "\n" } },
            { try "---\ntitle: Bài mới\ndate: 2024-02-01\norganization: hkh-huyen\n---\nNội dung.\n"
                .write(to: site.root.appendingPathComponent("content/news/moi.md"), atomically: true, encoding: .utf8) },
        ] as [() throws -> Void] {
            try change()
            result = site.build()
            #expect(result.updatedInPlace == nil && result.succeeded)
            #expect(try Self.snapshot(site.out) == (try site.fullBuild()).files)
        }
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
        // Once the file can be written, the next build is a whole one, and right.
        try FileManager.default.removeItem(at: blocker)
        let again = site.build()
        #expect(again.succeeded && again.updatedInPlace == nil)
        #expect(try Self.snapshot(site.out) == (try site.fullBuild()).files)
    }

    @Test func theCacheSurvivesEveryCharacter() throws {
        var cache = BuildCache()
        cache.signatures = ["content/a b\tc.md": "0123456789abcdef0123456789abcdef", "content/x.md": "ff"]
        cache.articleDiagnostics = ["content/a b\tc.md": [.warning(SourceLocation(path: "content/a b\tc.md", line: 3, column: 7), "a\ttab,\na newline, a \\ and \r")]]
        cache.siteDiagnostics = [.warning(SourceLocation(path: "site.yml", line: 1, column: 1), "ý kiến")]
        #expect(BuildCache.decode(cache.encoded()) == cache)
        #expect(BuildCache.decode("bantin-cache 0\n") == nil)
        #expect(BuildCache.decode(BuildCache.header + "\nz\tq\n") == nil)
        #expect(BuildCache.decode(BuildCache.header + "\nd\t\tfatal\tp\t1\t1\tm\n") == nil)
    }

    @Test func theFingerprintTellsWhichArticlesChanged() {
        typealias V = BuildFingerprint.Version
        let output = BuildFingerprint.OutputState(stamp: "1 4096 5.0 5.0", listing: 42)
        let old = BuildFingerprint(options: "drafts=false strict=false output=public", executable: V(stamp: "e", digest: 1), files: [
            "site.yml": V(stamp: "s", digest: 2), "content/2024/a b.md": V(stamp: "a", digest: 3),
            "content/organizations/x.md": V(stamp: "o", digest: 4), "layouts/base.mustache": V(stamp: "l", digest: 5),
            "content/x/organizations/y.md": V(stamp: "y", digest: 6),
        ], output: output)
        func with(_ path: String, digest: UInt64, stamp: String = "new") -> BuildFingerprint {
            var f = old
            f.files[path] = V(stamp: stamp, digest: digest)
            return f
        }
        #expect(old.changedArticles(since: old, outputNow: output) == .success([]))
        // New stamps, same contents (a fresh clone, a touched file): nothing changed.
        #expect(with("content/2024/a b.md", digest: 3).changedArticles(since: old, outputNow: output) == .success([]))
        #expect(with("content/2024/a b.md", digest: 9).changedArticles(since: old, outputNow: output) == .success(["content/2024/a b.md"]))
        #expect(with("content/x/organizations/y.md", digest: 9).changedArticles(since: old, outputNow: output) == .success(["content/x/organizations/y.md"]))
        #expect(with("content/organizations/x.md", digest: 9).changedArticles(since: old, outputNow: output) == .failure(.changed("content/organizations/x.md")))
        #expect(with("layouts/base.mustache", digest: 9).changedArticles(since: old, outputNow: output) == .failure(.changed("layouts/base.mustache")))
        #expect(with("site.yml", digest: 9).changedArticles(since: old, outputNow: output) == .failure(.changed("site.yml")))
        #expect(with("content/2024/c.md", digest: 3).changedArticles(since: old, outputNow: output) == .failure(.filesAddedOrRemoved))  // a file more
        var renamed = old
        renamed.files["content/2024/c.md"] = renamed.files.removeValue(forKey: "content/2024/a b.md")
        #expect(renamed.changedArticles(since: old, outputNow: output) == .failure(.filesAddedOrRemoved))
        var drafts = old
        drafts.options = "drafts=true strict=false output=public"
        #expect(drafts.changedArticles(since: old, outputNow: output) == .failure(.optionsChanged))
        var rebuilt = old
        rebuilt.executable = V(stamp: "e2", digest: 7)
        #expect(rebuilt.changedArticles(since: old, outputNow: output) == .failure(.bantinChanged))
        #expect(old.changedArticles(since: old, outputNow: nil) == .failure(.outputChanged))  // no output folder
        #expect(old.changedArticles(since: old, outputNow: .init(stamp: "2", listing: 43)) == .failure(.outputChanged))  // a file of it changed
        #expect(old.changedArticles(since: old, outputNow: .init(stamp: "2", listing: 42)) == .success([]))  // restored with its times
        #expect(BuildFingerprint.decode(old.encoded()) == old)
        #expect(BuildFingerprint.decode("v1\n") == nil)
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

    @Test func recordsArePatchedByTheirKeys() throws {
        let json = Data("[\n{\"u\":\"/a/\",\"x\":\"1\"},\n{\"u\":\"/a/b/\",\"x\":\"2\"},\n{\"u\":\"/c/\",\"x\":\"3\"}\n]\n".utf8)
        let middle = try #require(RecordPatch.searchIndex(json, url: "/a/b/", line: "{\"u\":\"/a/b/\",\"x\":\"22\"}"))
        #expect(String(decoding: middle, as: UTF8.self) == "[\n{\"u\":\"/a/\",\"x\":\"1\"},\n{\"u\":\"/a/b/\",\"x\":\"22\"},\n{\"u\":\"/c/\",\"x\":\"3\"}\n]\n")
        let last = try #require(RecordPatch.searchIndex(json, url: "/c/", line: "{\"u\":\"/c/\"}"))
        #expect(String(decoding: last, as: UTF8.self).hasSuffix(",\n{\"u\":\"/c/\"}\n]\n"))
        #expect(RecordPatch.searchIndex(json, url: "/d/", line: "{}") == nil)
        let twice = Data("[\n{\"u\":\"/a/\",\"x\":\"1\"},\n{\"u\":\"/a/\",\"x\":\"2\"}\n]\n".utf8)
        #expect(RecordPatch.searchIndex(twice, url: "/a/", line: "{}") == nil)

        let feed = Data("<feed>\n  <entry>\n    <id>https://x/a&amp;b/</id>\n    <content>old</content>\n  </entry>\n  <entry>\n    <id>https://x/c/</id>\n  </entry>\n</feed>\n".utf8)
        let patched = try #require(RecordPatch.feed(feed, id: "https://x/a&b/", entry: "  <entry>\n    <id>https://x/a&amp;b/</id>\n    <content>new</content>\n  </entry>\n"))
        #expect(String(decoding: patched, as: UTF8.self) == String(decoding: feed, as: UTF8.self).replacingOccurrences(of: "old", with: "new"))
        #expect(RecordPatch.feed(feed, id: "https://x/z/", entry: "") == feed)
        #expect(RecordPatch.feed(Data("  <entry>\n    <id>q</id>\n".utf8), id: "q", entry: "") == nil)
    }
}
