import Foundation
import Testing
@testable import BantinKit

/// Issue #12's model-based check: random sequences of edits to a site (add, edit a body, edit
/// front-matter, rename, delete, break and fix, an organisation's name or description, a
/// layout, `site.yml`), each
/// followed by the command line's rebuild; after every step the output must be byte for byte
/// what a clean build of the same sources writes, and a failed rebuild must leave the previous
/// output as it was. The preview's engine (`LiveSite`, kept in memory across the same edits)
/// must serve what a clean build with drafts writes. A few sequences on every run; `BANTIN_MODEL_CASES=N` for more, and
/// `BANTIN_MODEL_SEED` to replay one.
@Suite struct ModelBasedRebuildTests {
    static var cases: Int { Int(ProcessInfo.processInfo.environment["BANTIN_MODEL_CASES"] ?? "") ?? 3 }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["BANTIN_MODEL_SEED"] ?? "") ?? 20261124 }
    static let steps = 8

    enum Edit: CaseIterable {
        case add, body, title, date, tags, figure, rename, delete, breakAndFix, organization, organizationDescription, layout, siteConfig
    }

    @Test func rebuildsMatchCleanBuilds() throws {
        for n in 0..<Self.cases {
            var random = SplitMix(state: Self.seed &+ UInt64(n))
            let site = EngineRebuildTests.Site(root: try fixture("basic"))
            let first = site.build()
            try #require(first.succeeded, "\(first.diagnostics.sorted)")
            let live = LiveSite(root: site.root.path)
            _ = live.refresh()
            var served: Set<String> = []
            var log: [String] = []
            for step in 0..<Self.steps {
                let edit = Edit.allCases.randomElement(using: &random)!
                log.append("\(edit)")
                let context = "seed \(Self.seed &+ UInt64(n)), step \(step): \(log.joined(separator: ", "))"
                if edit == .breakAndFix {
                    try breakAndFix(site, &random, context)
                    continue
                }
                let before = try EngineRebuildTests.snapshot(site.out)
                try apply(edit, to: site, &random, step: step)
                let rebuilt = site.build()
                let clean = try site.fullBuild()
                #expect(rebuilt.succeeded == clean.result.succeeded, "\(context)")
                // A clean build has no history, so it cannot say an article's address moved.
                let said = rebuilt.diagnostics.sorted.map(\.description).filter { !$0.contains("address changed since the last build") }
                #expect(said == clean.result.diagnostics.sorted.map(\.description), "\(context)")
                guard clean.result.succeeded else {
                    // Nothing is written on errors: the previous output stays exactly as it was.
                    #expect(try EngineRebuildTests.snapshot(site.out) == before, "\(context): a failed rebuild changed the output")
                    continue
                }
                let ours = try EngineRebuildTests.snapshot(site.out).filter { !$0.key.hasPrefix(".") }
                let theirs = clean.files.filter { !$0.key.hasPrefix(".") }
                let differing = Set(ours.keys).union(theirs.keys).filter { ours[$0] != theirs[$0] }.sorted()
                #expect(differing.isEmpty, "\(context): \(differing.prefix(8))")
                let (previewDiffering, paths) = try previewDiffers(live, site, context)
                // What the site no longer has (a deleted or renamed article's page) is not served.
                let gone = served.subtracting(paths).filter { live.file($0) != nil }
                #expect(gone.isEmpty, "\(context): the preview still serves \(gone.sorted().prefix(5))")
                served = paths
                if !differing.isEmpty || !previewDiffering.isEmpty { return }
            }
        }
    }

    /// The files the preview serves that differ from a clean build with drafts, after it
    /// refreshes (the preview builds with drafts, as `bantin build --drafts` does).
    func previewDiffers(_ live: LiveSite, _ site: EngineRebuildTests.Site, _ context: String) throws -> (differing: [String], paths: Set<String>) {
        let problems = live.refresh()
        #expect(!problems.hasErrors, "\(context): \(problems.sorted.prefix(3))")
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-drafts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: site.root, to: copy)
        try? FileManager.default.removeItem(at: copy.appendingPathComponent("public"))
        try? FileManager.default.removeItem(at: copy.appendingPathComponent(CacheFolder.name))
        var options = BuildOptions(source: copy.path)
        options.drafts = true
        #expect(Builder().build(options).succeeded, "\(context)")
        let clean = try EngineRebuildTests.snapshot(copy.appendingPathComponent("public")).filter { !$0.key.hasPrefix(".") }
        let differing = clean.keys.sorted().filter { path in
            live.file(path)?.data.map { $0 != clean[path] } ?? true
        }
        #expect(differing.isEmpty, "\(context): the preview serves \(differing.prefix(8)) otherwise")
        return (differing, Set(clean.keys))
    }

    /// An article broken (front-matter that does not parse): the rebuild fails and leaves the
    /// output as it was; fixed again, the rebuild writes what a clean build writes.
    func breakAndFix(_ site: EngineRebuildTests.Site, _ random: inout SplitMix, _ context: String) throws {
        let articles = try self.articles(site)
        guard let path = articles.randomElement(using: &random) else { return }
        let before = try EngineRebuildTests.snapshot(site.out)
        let original = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        try site.edit(path) { $0.replacingOccurrences(of: "title:", with: "title: [unclosed") }
        let broken = site.build()
        #expect(!broken.succeeded, "\(context)")
        #expect(try EngineRebuildTests.snapshot(site.out) == before, "\(context): a failed rebuild changed the output")
        try site.edit(path) { _ in original }
        // Fixed again, the rebuild succeeds or fails as a clean build does, and the output is what it was.
        let fixed = site.build()
        #expect(fixed.succeeded == (try site.fullBuild()).result.succeeded, "\(context)")
        #expect(try EngineRebuildTests.snapshot(site.out) == before, "\(context): fixed again, the output is not what it was")
    }

    func articles(_ site: EngineRebuildTests.Site) throws -> [String] {
        try LocalFileSystem().files(under: site.root.appendingPathComponent("content/news").path)
            .filter { $0.hasSuffix(".md") }.map { "content/news/" + $0 }
    }

    func apply(_ edit: Edit, to site: EngineRebuildTests.Site, _ random: inout SplitMix, step: Int) throws {
        let articles = try self.articles(site)
        let pick = articles.randomElement(using: &random)!
        let orgs = ["hkh-huyen", "hkh-tinh"]
        switch edit {
        case .add:
            let org = orgs.randomElement(using: &random)!
            let day = Int.random(in: 1...28, using: &random)
            let text = "---\ntitle: Bài thêm \(step) \(random.next() % 1000)\ndate: 2024-03-\(day < 10 ? "0" : "")\(day)\norganization: \(org)\n"
                + "statistics:\n  - { key: members, value: \(7000 + Int(random.next() % 1000)), year: 2024 }\n---\nNội dung bài \(step), theo [bài tổng kết](a-2022.md).\n"
            try text.write(to: site.root.appendingPathComponent("content/news/them-\(step)-\(random.next() % 100).md"), atomically: true, encoding: .utf8)
        case .body:
            try site.edit(pick) { $0 + "\nCâu thêm ở bước \(step).\n" }
        case .title:
            try site.edit(pick) { text in
                text.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Sửa \(step) ", options: [], range: text.range(of: "\ntitle: "))
            }
        case .date:
            try site.edit(pick) { text in
                guard let line = text.range(of: #"\ndate: [^\n]*"#, options: .regularExpression) else { return text }
                return text.replacingCharacters(in: line, with: "\ndate: 2024-0\(Int.random(in: 1...9, using: &random))-1\(Int.random(in: 0...9, using: &random))")
            }
        case .tags:
            try site.edit(pick) { text in
                text.contains("\ntags:") ? text.replacingOccurrences(of: "\ntags: [", with: "\ntags: [Mới \(step), ")
                    : text.replacingOccurrences(of: "\ntitle:", with: "\ntags: [Mới \(step)]\ntitle:")
            }
        case .figure:
            try site.edit(pick) { text in
                text.replacingOccurrences(of: #"key: members, value: [0-9]+"#, with: "key: members, value: \(7000 + Int(random.next() % 900))",
                                          options: .regularExpression)
            }
        case .rename:
            guard !pick.hasSuffix("/index.md") else { return }  // a bundle's article names its folder
            let from = site.root.appendingPathComponent(pick)
            try FileManager.default.moveItem(at: from, to: from.deletingLastPathComponent().appendingPathComponent("doi-ten-\(step)-" + from.lastPathComponent))
        case .delete:
            // Keep the corrected figure's articles and one of each organisation, so the site stays whole.
            if articles.count > 3, !pick.contains("a-2022"), !pick.contains("b-2023") {
                try FileManager.default.removeItem(at: site.root.appendingPathComponent(pick))
            } else {
                try site.edit(pick) { $0 + "\nKhông xoá được bài này; sửa thân bài thay.\n" }
            }
        case .breakAndFix:
            break
        case .organization:
            let org = "content/organizations/\(orgs.randomElement(using: &random)!).md"
            try site.edit(org) { $0.replacingOccurrences(of: "\nname: ", with: "\nname: Đổi \(step) ") }
        case .organizationDescription:
            try site.edit("content/organizations/\(orgs.randomElement(using: &random)!).md") { $0 + "\nMô tả thêm ở bước \(step).\n" }
        case .layout:
            let layout = site.root.appendingPathComponent("layouts/page.mustache")
            let text = try String(contentsOf: layout, encoding: .utf8)
            try (text + "<!-- bước \(step) -->\n").write(to: layout, atomically: true, encoding: .utf8)
        case .siteConfig:
            try site.edit("site.yml") { text in
                text.contains("\ndescription:") ? text.replacingOccurrences(of: "\ndescription: ", with: "\ndescription: \(step) ")
                    : text + "description: Mô tả ở bước \(step)\n"
            }
        }
    }
}
