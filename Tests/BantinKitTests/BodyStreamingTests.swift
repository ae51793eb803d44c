import Foundation
import Synchronization
import Testing
@testable import BantinKit

/// A build keeps articles' bodies only up to a budget; past it, each article's page and feed
/// entries render the body again from its file. The site must be the same, byte for byte,
/// whichever way a body was had; and a file changed between the two reads fails the build.
@Suite struct BodyStreamingTests {
    /// The example site at the top of the repository, copied (its `.md` links, bundles, photos).
    static func exampleSite() throws -> URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in ["site.yml", "content", "layouts", "static"] {
            try FileManager.default.copyItem(at: root.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        return dir
    }

    func build(_ site: URL, budget: Int, into output: String, fileSystem: any FileSystem = LocalFileSystem()) -> BuildResult {
        var options = BuildOptions(source: site.path, output: site.appendingPathComponent(output).path)
        options.bodyBudget = budget
        return Builder(fileSystem: fileSystem).build(options)
    }

    @Test(arguments: ["example", "basic"])
    func bodiesReadAgainGiveTheSameSite(_ name: String) throws {
        let site = name == "example" ? try Self.exampleSite() : try fixture(name)
        defer { try? FileManager.default.removeItem(at: site) }
        let kept = build(site, budget: Int.max, into: "kept")
        let streamed = build(site, budget: 0, into: "streamed")
        let half = build(site, budget: 6_000, into: "half")  // some bodies kept, some read again
        for result in [kept, streamed, half] { #expect(result.succeeded, "\(result.diagnostics.sorted)") }
        let expected = try EngineRebuildTests.snapshot(site.appendingPathComponent("kept"))
        #expect(expected.count > 10)
        for output in ["streamed", "half"] {
            let got = try EngineRebuildTests.snapshot(site.appendingPathComponent(output))
            #expect(Set(got.keys) == Set(expected.keys))
            for (path, data) in expected where got[path] != data { Issue.record("\(output)/\(path) differs from the build that kept every body") }
        }
    }

    /// Reads one article differently the second time, as if saved while the build ran.
    final class EditedDuringBuild: FileSystem, Sendable {
        let base = LocalFileSystem()
        let edited: String
        let reads = Mutex<Int>(0)

        init(edited: String) { self.edited = edited }

        func read(_ path: String) throws -> Data {
            var data = try base.read(path)
            if path == edited, reads.withLock({ $0 += 1; return $0 }) > 1 { data.append(contentsOf: Array("\nMột câu thêm.\n".utf8)) }
            return data
        }
        func isDirectory(_ path: String) -> Bool { base.isDirectory(path) }
        func exists(_ path: String) -> Bool { base.exists(path) }
        func listing(under directory: String, within boundary: String) throws -> DirectoryListing { try base.listing(under: directory, within: boundary) }
        func outsideTarget(of path: String, boundary: String) -> String? { base.outsideTarget(of: path, boundary: boundary) }
        func stamp(_ path: String) -> String? { base.stamp(path) }
    }

    @Test func aFileChangedBetweenTheReadsFailsTheBuildAndWritesNothing() throws {
        let site = try fixture("basic")
        defer { try? FileManager.default.removeItem(at: site) }
        let article = "content/news/b-2023.md"
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(article).path))
        let fs = EditedDuringBuild(edited: site.appendingPathComponent(article).path)
        let result = build(site, budget: 0, into: "out", fileSystem: fs)
        #expect(!result.succeeded)
        #expect(result.diagnostics.items.contains { $0.severity == .error && $0.location.path == article && $0.message.contains("changed while the site was being built") },
                "\(result.diagnostics.sorted)")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("out").path))
    }
}
