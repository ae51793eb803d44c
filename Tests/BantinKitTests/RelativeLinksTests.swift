import Foundation
import Testing
@testable import BantinKit

/// Pages link to each other relative to themselves, so a built site works opened from disk.
@Suite struct RelativeLinksTests {
    @Test func rewritesOnlySiteLinksOfLinkAttributes() {
        let html = ##"<link rel="stylesheet" href="/tin/style.css"><link rel="canonical" href="https://e.org/tin/a/"><a href="/tin/">Home</a> <a href="/khac/">x</a> <img src="/tin/2024/a/anh.jpg" alt="/tin/x"><form action="/tin/tim/" data-index="/tin/tim/index.json"><a href="//cdn.e.org/x">y</a><a href="#main">z</a>"##
        let out = String(decoding: RelativeLinks.rewrite(Array(html.utf8), file: "2024/a/index.html", basePath: "/tin/"), as: UTF8.self)
        #expect(out == ##"<link rel="stylesheet" href="../../style.css"><link rel="canonical" href="https://e.org/tin/a/"><a href="../../">Home</a> <a href="/khac/">x</a> <img src="../../2024/a/anh.jpg" alt="/tin/x"><form action="../../tim/" data-index="../../tim/index.json"><a href="//cdn.e.org/x">y</a><a href="#main">z</a>"##)
        let root = String(decoding: RelativeLinks.rewrite(Array(#"<a href="/">h</a><a href="//x.org/">o</a><a href="/nam/">n</a>"#.utf8), file: "index.html", basePath: "/"), as: UTF8.self)
        #expect(root == #"<a href="./">h</a><a href="//x.org/">o</a><a href="./nam/">n</a>"#)
    }

    /// Every relative link of every page, resolved from the page's folder as a browser opening
    /// the file from disk would, names a file of the output (a folder: its index.html).
    @Test func everyLinkOfTheBuiltSiteResolvesOnDisk() throws {
        for fixtureName in ["basic", "example"] {
            let site: URL
            if fixtureName == "example" {
                let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                site = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-rel-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
                for item in ["site.yml", "content", "static", "layouts"] where FileManager.default.fileExists(atPath: root.appendingPathComponent(item).path) {
                    try FileManager.default.copyItem(at: root.appendingPathComponent(item), to: site.appendingPathComponent(item))
                }
            } else {
                site = try fixture("basic")
                let yml = site.appendingPathComponent("site.yml")
                try (try String(contentsOf: yml, encoding: .utf8)).replacingOccurrences(of: "relative_urls: false", with: "").write(to: yml, atomically: true, encoding: .utf8)
            }
            let result = Builder().build(BuildOptions(source: site.path))
            #expect(result.succeeded, "\(result.diagnostics.sorted.prefix(3))")
            let out = site.appendingPathComponent("public")
            var checked = 0
            for page in try LocalFileSystem().files(under: out.path) where page.hasSuffix(".html") && page != "404.html" {
                let html = try read(out, page)
                for attribute in ["href=\"", "src=\"", "action=\""] {
                    for piece in html.components(separatedBy: attribute).dropFirst() {
                        guard let end = piece.firstIndex(of: "\"") else { continue }
                        var link = String(piece[..<end])
                        guard !link.isEmpty, !link.hasPrefix("#"), !link.contains("://"), !link.hasPrefix("//"), !link.hasPrefix("mailto:") else { continue }
                        #expect(!link.hasPrefix("/"), "\(fixtureName) \(page): \(link) is root-relative")
                        if let cut = link.firstIndex(where: { $0 == "#" || $0 == "?" }) { link = String(link[..<cut]) }
                        let folder = URL(fileURLWithPath: out.path + "/" + page).deletingLastPathComponent()
                        var target = URL(fileURLWithPath: link, relativeTo: folder).standardizedFileURL.path
                        if link.hasSuffix("/") || link == "." || link == "./" { target += "/index.html" }
                        #expect(FileManager.default.fileExists(atPath: target), "\(fixtureName) \(page): \(link) leads to nothing")
                        checked += 1
                    }
                }
            }
            #expect(checked > 100)
        }
    }
}
