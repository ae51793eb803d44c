import Foundation
import Testing
@testable import BantinKit

/// Copies a fixture site to a fresh temporary folder, so tests never write into the repository.
func fixture(_ name: String) throws -> URL {
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-\(name)-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: source, to: dir)
    return dir
}

func read(_ dir: URL, _ path: String) throws -> String {
    try String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)
}

@Suite struct EndToEndTests {
    func built(drafts: Bool = false) throws -> (site: URL, out: URL, result: BuildResult) {
        let site = try fixture("basic")
        var options = BuildOptions(source: site.path)
        options.drafts = drafts
        let result = Builder().build(options)
        #expect(result.diagnostics.items.isEmpty, "\(result.diagnostics.sorted)")
        return (site, site.appendingPathComponent("public"), result)
    }

    @Test func everyPageOfTheContractIsWritten() throws {
        let (_, out, result) = try built()
        #expect(result.succeeded)
        let expected = [
            "index.html", "page/2/index.html", "2023/tong-ket-nam-2022/index.html", "2024/tong-ket-nam-2023/index.html",
            "2023/dinh-chinh-so-lieu-nam-2022/index.html", "2024/trao-hoc-bong/index.html", "2024/trao-hoc-bong/anh.svg",
            "to-chuc/index.html", "to-chuc/hkh-huyen/index.html", "to-chuc/hkh-huyen/page/2/index.html",
            "to-chuc/hkh-huyen/2023/index.html", "to-chuc/hkh-huyen/2024/index.html", "to-chuc/hkh-huyen/2022/index.html",
            "to-chuc/hkh-tinh/index.html", "to-chuc/hkh-tinh/feed.xml", "to-chuc/hkh-huyen/feed.xml",
            "nam/index.html", "nam/2023/index.html", "nam/2024/index.html", "nam/2022/index.html",
            "khen-thuong/index.html", "so-lieu/index.html", "chu-de/index.html", "chu-de/tong-ket/index.html",
            "chu-de/hoc-bong/index.html", "gioi-thieu/index.html", "feed.xml", "sitemap.xml", "robots.txt", "404.html",
            "style.css", "img/readme.txt",
        ]
        for path in expected {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(path).path), "missing \(path)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("2024/ban-nhap/index.html").path))
    }

    @Test func articlePage() throws {
        let (_, out, _) = try built()
        let html = try read(out, "2024/tong-ket-nam-2023/index.html")
        #expect(html.contains("<html lang=\"vi\">"))
        #expect(html.contains("<title>Tổng kết năm 2023 – Bản tin Thử</title>"))
        #expect(html.contains("<time datetime=\"2024-01-10\">10/01/2024</time>"))
        #expect(html.contains("<data value=\"8000\">8.000</data> người"))
        #expect(html.contains("<data value=\"29.5\">29,5</data> %"))
        #expect(html.contains("href=\"/tin/to-chuc/hkh-tinh/\""))  // base_url's path prefixes links
        #expect(html.contains("<link rel=\"canonical\" href=\"https://example.org/tin/2024/tong-ket-nam-2023/\">"))
        // The one script element is JSON-LD data; no page of the build runs script but search.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.contains("<script type=\"application/ld+json\">"))
        #expect(!html.contains("javascript:"))
        let bundle = try read(out, "2024/trao-hoc-bong/index.html")
        #expect(bundle.contains("<img src=\"/tin/2024/trao-hoc-bong/anh.svg\" alt=\"Ảnh trao học bổng\">"))
    }

    /// Issue #16: a link to another article's (or page's) .md file leads to its address, by the
    /// path from the file's folder or from content/, like Hugo's relref; a missing one is an error.
    @Test func linksToMarkdownFilesLeadToTheirAddresses() throws {
        let site = try fixture("basic")
        let text = "---\ntitle: Liên kết\ndate: 2024-02-01\norganization: hkh-huyen\n---\n"
            + "Xem [bài tổng kết](a-2022.md), [giới thiệu](../pages/gioi-thieu.md), [đính chính](news/c-2023-correction.md#so-lieu) và [mất](khong-co.md).\n"
        try text.write(to: site.appendingPathComponent("content/news/lien-ket.md"), atomically: true, encoding: .utf8)
        let broken = Builder().build(BuildOptions(source: site.path))
        #expect(broken.diagnostics.sorted.map(\.description) == [
            "content/news/lien-ket.md:6:121: error: the link `khong-co.md` names a Markdown file this site does not have; give the file of an article or page, by its path from this file's folder (../tong-ket-2023.md) or from content/",
        ])
        try (text.replacingOccurrences(of: " và [mất](khong-co.md)", with: "")).write(to: site.appendingPathComponent("content/news/lien-ket.md"), atomically: true, encoding: .utf8)
        let result = Builder().build(BuildOptions(source: site.path))
        #expect(result.succeeded, "\(result.diagnostics.sorted)")
        let page = try read(site.appendingPathComponent("public"), "2024/lien-ket/index.html")
        #expect(page.contains("<a href=\"/tin/2023/tong-ket-nam-2022/\">bài tổng kết</a>"))
        #expect(page.contains("<a href=\"/tin/gioi-thieu/\">giới thiệu</a>"))
        #expect(page.contains("<a href=\"/tin/2023/dinh-chinh-so-lieu-nam-2022/#so-lieu\">đính chính</a>"))
        // The feed carries the same addresses.
        #expect(try read(site.appendingPathComponent("public"), "feed.xml").contains("href=&quot;/tin/2023/tong-ket-nam-2022/&quot;"))
    }

    /// Issue #16: a photo or file the site does not have is an error, named as such; a page
    /// it does not produce stays a warning.
    @Test func missingPhotosAndFilesAreErrors() throws {
        let site = try fixture("basic")
        let text = "---\ntitle: Thiếu ảnh\ndate: 2024-02-01\norganization: hkh-huyen\n---\n![Ảnh hội nghị](hoi-nghi.jpg)\n\n[Báo cáo](/files/bao-cao.pdf) · [Năm 1999](/nam/1999/)\n"
        try text.write(to: site.appendingPathComponent("content/news/thieu-anh.md"), atomically: true, encoding: .utf8)
        let result = Builder().build(BuildOptions(source: site.path))
        #expect(result.diagnostics.sorted.map(\.description) == [
            "content/news/thieu-anh.md:6:1: error: the photo `hoi-nghi.jpg` (/2024/thieu-anh/hoi-nghi.jpg) is not in the site: save it beside the article (a folder with index.md) or in static/, and check the file name",
            "content/news/thieu-anh.md:8:1: error: the file `/files/bao-cao.pdf` is not in the site: save it beside the article (a folder with index.md) or in static/, and check the file name",
            "content/news/thieu-anh.md:8:33: warning: the link `/nam/1999/` leads to a page this site does not have",
        ])
        #expect(!result.succeeded)
    }

    /// Issue #16: `aliases` write a page at each old address that sends the reader on (as Hugo
    /// does), kept out of the sitemap; a bad alias and an alias on a taken address are errors.
    @Test func aliasesRedirectFromOldAddresses() throws {
        let site = try fixture("basic")
        try EngineRebuildTests.Site(root: site).edit("content/news/b-2023.md") {
            $0.replacingOccurrences(of: "\ntags:", with: "\naliases: [/tin-cu/123/, /tin-cu/bai.html, /tin-cu/khong-gach]\ntags:")
        }
        let result = Builder().build(BuildOptions(source: site.path))
        #expect(result.succeeded, "\(result.diagnostics.sorted)")
        let out = site.appendingPathComponent("public")
        for path in ["tin-cu/123/index.html", "tin-cu/bai.html", "tin-cu/khong-gach/index.html"] {
            let page = try read(out, path)
            #expect(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=https://example.org/tin/2024/tong-ket-nam-2023/\">"), "\(path)")
            #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/tin/2024/tong-ket-nam-2023/\">"))
        }
        #expect(!(try read(out, "sitemap.xml")).contains("tin-cu"))
        try EngineRebuildTests.Site(root: site).edit("content/news/b-2023.md") {
            $0.replacingOccurrences(of: "aliases: [/tin-cu/123/, /tin-cu/bai.html, /tin-cu/khong-gach]", with: "aliases: [tin-cu/123, /2023/tong-ket-nam-2022/]")
        }
        let broken = Builder().build(BuildOptions(source: site.path)).diagnostics.sorted.map(\.description)
        #expect(broken.contains { $0.hasPrefix("content/news/b-2023.md:5:11: error: an alias is an old address of this article on this site, starting with /") })
        try EngineRebuildTests.Site(root: site).edit("content/news/b-2023.md") {
            $0.replacingOccurrences(of: "aliases: [tin-cu/123, /2023/tong-ket-nam-2022/]", with: "aliases: [/2023/tong-ket-nam-2022/]")
        }
        let taken = Builder().build(BuildOptions(source: site.path)).diagnostics.sorted.map(\.description)
        #expect(taken.contains { $0.contains("/2023/tong-ket-nam-2022/index.html") && $0.contains("error") }, "\(taken)")
    }

    /// Issue #16: a photo given as `image:` and placed in the body too is shown once; it stays
    /// the page's OpenGraph image.
    @Test func aPhotoInImageAndBodyIsShownOnce() throws {
        let site = try fixture("basic")
        let out = site.appendingPathComponent("public")
        #expect(Builder().build(BuildOptions(source: site.path)).succeeded)
        #expect(try read(out, "2024/trao-hoc-bong/index.html").components(separatedBy: "anh.svg\" alt=").count == 2)  // the lead image only
        try EngineRebuildTests.Site(root: site).edit("content/news/bundle/index.md") { $0 + "\n![Ảnh trao học bổng](./anh.svg)\n" }
        #expect(Builder().build(BuildOptions(source: site.path)).succeeded)
        let page = try read(out, "2024/trao-hoc-bong/index.html")
        #expect(!page.contains("class=\"lead-image\""))
        #expect(page.components(separatedBy: "anh.svg\" alt=").count == 2)  // the body's only
        #expect(page.contains("<meta property=\"og:image\" content=\"https://example.org/tin/2024/trao-hoc-bong/anh.svg\">"))
    }

    /// Issue #16: a title edit moves an article's address; the build (and `check`) says so once,
    /// with the fix, unless the old address is kept as an alias.
    @Test func aMovedAddressIsSaid() throws {
        let site = EngineRebuildTests.Site(root: try fixture("basic"))
        #expect(site.build().succeeded)
        try site.edit("content/news/b-2023.md") { $0.replacingOccurrences(of: "title: Tổng kết năm 2023", with: "title: Tổng kết công tác năm 2023") }
        let expected = "content/news/b-2023.md:1:1: warning: this article's address changed since the last build, from /2024/tong-ket-nam-2023/ to /2024/tong-ket-cong-tac-nam-2023/: links already shared to the old one will break. Add `aliases: [/2024/tong-ket-nam-2023/]` to keep them working, or `slug:` to keep the old address"
        var options = BuildOptions(source: site.root.path)
        options.write = false
        #expect(Builder().build(options).diagnostics.sorted.map(\.description).contains(expected))  // check says it too
        let moved = site.build()
        #expect(moved.succeeded && moved.diagnostics.sorted.map(\.description).contains(expected))
        #expect(!site.build().diagnostics.sorted.map(\.description).contains(expected))  // said once
        // With the old address kept as an alias, the move is not a problem.
        try site.edit("content/news/b-2023.md") { $0.replacingOccurrences(of: "title: Tổng kết công tác năm 2023", with: "title: Tổng kết năm 2023 của huyện\naliases: [/2024/tong-ket-cong-tac-nam-2023/]") }
        #expect(!site.build().diagnostics.sorted.map(\.description).contains { $0.contains("address changed") })
    }

    /// Issue #16: a year's pages list the articles that report on it (figures, awards, meeting
    /// period) under their own heading, apart from those published in it; no year is empty.
    @Test func yearPagesListWhatReportsOnTheYear() throws {
        let (_, out, _) = try built()
        // 2022: only reports (the review and its correction, both published in 2023).
        let y2022 = try read(out, "nam/2022/index.html")
        let reporting = try #require(y2022.range(of: "<h2 id=\"reporting-heading\">Báo cáo về năm này</h2>"))
        #expect(y2022[reporting.upperBound...].contains("href=\"/tin/2023/tong-ket-nam-2022/\"")
                && y2022[reporting.upperBound...].contains("href=\"/tin/2023/dinh-chinh-so-lieu-nam-2022/\""))
        #expect(!y2022.contains("articles-heading") && !y2022.contains("Chưa có bài viết"))
        // 2023: the 2023 review (published 2024) reports on it; the two 2023 articles, which report
        // on 2022, are listed as published in it, each once, the second on page 2 (paginate: 2).
        let y2023 = try read(out, "nam/2023/index.html")
        let split = try #require(y2023.range(of: "<h2 id=\"articles-heading\">Đăng trong năm</h2>"))
        #expect(y2023[..<split.lowerBound].contains("<h2 id=\"reporting-heading\">") && y2023[..<split.lowerBound].contains("href=\"/tin/2024/tong-ket-nam-2023/\""))
        #expect(y2023[split.upperBound...].contains("href=\"/tin/2023/dinh-chinh-so-lieu-nam-2022/\""))
        let page2 = try read(out, "nam/2023/page/2/index.html")
        #expect(page2.contains("href=\"/tin/2023/tong-ket-nam-2022/\"") && !page2.contains("reporting-heading"))
        let unit = try read(out, "to-chuc/hkh-huyen/2022/index.html")
        #expect(unit.contains("<h2 id=\"reporting-heading\">Báo cáo về năm này</h2>") && unit.contains("href=\"/tin/2023/tong-ket-nam-2022/\""))
        // Every year button of the organisation leads to a page that lists at least one article.
        let page = try read(out, "to-chuc/hkh-huyen/index.html")
        for y in ["2022", "2023", "2024"] {
            #expect(page.contains("href=\"/tin/to-chuc/hkh-huyen/\(y)/\""))
            #expect(try read(out, "to-chuc/hkh-huyen/\(y)/index.html").contains("class=\"card-title\""), "\(y)")
        }
        #expect(try read(out, "nam/index.html").contains("href=\"/tin/nam/2022/\""))
    }

    @Test func organizationPageShowsResultsAcrossYearsAndAwards() throws {
        let (_, out, _) = try built()
        let html = try read(out, "to-chuc/hkh-huyen/index.html")
        // statistic × year, and the correction (newer article) replaces 7.575 with 7.600 for 2022.
        #expect(html.contains("<a href=\"/tin/to-chuc/hkh-huyen/2022/\">2022</a></th><th scope=\"col\" class=\"num\"><a href=\"/tin/to-chuc/hkh-huyen/2023/\">2023</a>"))
        // The 2022 figure stands as a correction: marked in its cell, said under the table with both articles.
        #expect(html.contains("<td class=\"num\">7.600 <a class=\"correction\" href=\"#dinh-chinh-members-hkh-huyen-2022\">đính chính</a></td><td class=\"num\">8.000</td>"))
        #expect(html.contains("<li id=\"dinh-chinh-members-hkh-huyen-2022\">Đính chính 01/03/2023: <a href=\"/tin/2023/tong-ket-nam-2022/\">7.575</a> → <a href=\"/tin/2023/dinh-chinh-so-lieu-nam-2022/\">7.600</a> (Hội viên, 2022)</li>"))
        #expect(!html.contains("7.575</td>"))
        let statistics = try read(out, "so-lieu/index.html")
        #expect(statistics.contains("7.600 <a class=\"correction\" href=\"#dinh-chinh-members-hkh-huyen-2022\">"))
        #expect(statistics.contains("(Hội viên, 2022, Hội Khuyến học huyện Đông)</li>"))
        #expect(html.contains("<td>2022</td><td><a href=\"/tin/to-chuc/hkh-huyen/\">Hội Khuyến học huyện Đông</a></td><td class=\"num\">3</td><td class=\"num\">5</td>"))
        #expect(html.contains("Trực thuộc <a href=\"/tin/to-chuc/hkh-tinh/\">"))
        // paginate: 2 → three articles continue on page 2.
        #expect(html.contains("<a rel=\"next\" href=\"/tin/to-chuc/hkh-huyen/page/2/\">"))
        let page2 = try read(out, "to-chuc/hkh-huyen/page/2/index.html")
        #expect(page2.contains("Tổng kết năm 2022"))
        #expect(!page2.contains("results-heading"))
        let tinh = try read(out, "to-chuc/hkh-tinh/index.html")
        #expect(tinh.contains("Hội Khuyến học huyện Đông"))  // its child unit
    }

    @Test func yearAndListPages() throws {
        let (_, out, _) = try built()
        let year = try read(out, "nam/2023/index.html")
        #expect(year.contains("Số liệu trong năm 2023"))
        #expect(year.contains("<td class=\"num\">29,5</td>"))
        let orgs = try read(out, "to-chuc/index.html")
        #expect(orgs.range(of: "<h2>Tỉnh</h2>")!.lowerBound < orgs.range(of: "<h2>Huyện</h2>")!.lowerBound)
        let stats = try read(out, "so-lieu/index.html")
        #expect(stats.contains("Hội viên (người)"))
        let tag = try read(out, "chu-de/tong-ket/index.html")
        #expect(tag.contains("Tổng kết năm 2023") && tag.contains("Tổng kết năm 2022"))
        #expect(try read(out, "gioi-thieu/index.html").contains("<div class=\"custom-page\">Giới thiệu</div>"))  // layouts/ override
    }

    @Test func feedsAndSitemap() throws {
        let (_, out, _) = try built()
        let feed = try read(out, "feed.xml")
        #expect(feed.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""))
        #expect(feed.contains("<id>https://example.org/tin/2024/trao-hoc-bong/</id>"))
        #expect(feed.contains("<published>2024-01-10T10:50:00Z</published>"))
        #expect(feed.contains("&lt;p&gt;"))
        let orgFeed = try read(out, "to-chuc/hkh-tinh/feed.xml")
        #expect(orgFeed.contains("Trao học bổng") && !orgFeed.contains("Đính chính"))
        let sitemap = try read(out, "sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/tin/nam/2023/</loc>"))
        #expect(!sitemap.contains("404"))
        #expect(try read(out, "robots.txt").contains("Sitemap: https://example.org/tin/sitemap.xml"))
    }

    @Test func draftsOnlyWithTheFlag() throws {
        let (_, out, _) = try built(drafts: true)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("2024/ban-nhap/index.html").path))
    }

    @Test func sameSourcesGiveTheSameBytes() throws {
        let (site, out, first) = try built()
        let again = site.appendingPathComponent("again")
        var options = BuildOptions(source: site.path, output: again.path)
        options.drafts = false
        let second = Builder().build(options)
        #expect(first.files.map(\.path) == second.files.map(\.path))
        for file in first.files {
            let a = try Data(contentsOf: out.appendingPathComponent(file.path))
            let b = try Data(contentsOf: again.appendingPathComponent(file.path))
            #expect(a == b, "\(file.path) differs between runs")
        }
    }

    @Test func outputIsTheSameWhateverTheParallelism() throws {
        let site = try fixture("basic")
        let news = site.appendingPathComponent("content/news")
        for i in 0..<60 {
            try "---\ntitle: Bài \(i)\ndate: 2023-0\(i % 9 + 1)-1\(i % 10)\norganization: [hkh-huyen, hkh-tinh]\ntags: [t\(i % 7)]\nstatistics:\n  - { key: members, value: \(1000 + i), year: \(2015 + i % 9) }\n---\nĐoạn *\(i)* | a |\n\n| x | y |\n|---|---|\n| \(i) | ~~b~~ |\n"
                .write(to: news.appendingPathComponent("p\(i).md"), atomically: true, encoding: .utf8)
        }
        var outputs: [[String: Data]] = []
        for jobs in [1, 2, 7] {
            var options = BuildOptions(source: site.path, output: site.appendingPathComponent("out-\(jobs)").path)
            options.jobs = jobs
            let result = Builder().build(options)
            #expect(result.succeeded, "\(result.diagnostics.sorted)")
            var files: [String: Data] = [:]
            for path in try LocalFileSystem().files(under: options.output!) {
                files[path] = try Data(contentsOf: URL(fileURLWithPath: options.output! + "/" + path))
            }
            outputs.append(files)
        }
        #expect(outputs[0].count > 100)
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
    }

    @Test func unchangedFilesAreNotRewritten() throws {
        let (site, out, _) = try built()
        func inode(_ path: String) throws -> UInt64 {
            (try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(path).path)[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        }
        let keep = ["2023/tong-ket-nam-2022/index.html", "style.css", "img/readme.txt", "2024/trao-hoc-bong/anh.svg"]
        let before = try keep.map(inode)
        let changedBefore = try inode("2024/trao-hoc-bong/index.html")
        let bundle = site.appendingPathComponent("content/news/bundle/index.md")
        try (String(contentsOf: bundle, encoding: .utf8) + "\nThêm một câu.\n").write(to: bundle, atomically: true, encoding: .utf8)
        #expect(Builder().build(BuildOptions(source: site.path)).succeeded)
        #expect(try keep.map(inode) == before)
        #expect(try inode("2024/trao-hoc-bong/index.html") != changedBefore)
        #expect(try read(out, "2024/trao-hoc-bong/index.html").contains("Thêm một câu."))
    }

    @Test func failedBuildLeavesThePreviousOutput() throws {
        let (site, out, _) = try built()
        let before = try read(out, "index.html")
        try "---\ntitle: Hỏng\ndate: 2024-13-01\norganization: hkh-tinh\n---\n".write(
            to: site.appendingPathComponent("content/news/broken.md"), atomically: true, encoding: .utf8)
        let result = Builder().build(BuildOptions(source: site.path))
        #expect(!result.succeeded)
        #expect(result.diagnostics.sorted.map(\.description) == [
            "content/news/broken.md:3:7: error: `date` is not a real date: `2024-13-01` (months run from 01 to 12)",
        ])
        #expect(try read(out, "index.html") == before)
    }

    @Test func checkWritesNothing() throws {
        let site = try fixture("basic")
        var options = BuildOptions(source: site.path)
        options.write = false
        let result = Builder().build(options)
        #expect(result.succeeded && !result.files.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("public").path))
    }

    @Test func dangerousOutputFoldersAreRefused() throws {
        let site = try fixture("basic")
        for output in [site.path, site.appendingPathComponent("content").path, site.deletingLastPathComponent().path, "/"] {
            let result = Builder().build(BuildOptions(source: site.path, output: output))
            #expect(!result.succeeded, "\(output) accepted")
        }
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("content/news/a-2022.md").path))
    }

    @Test func twoArticlesOnOneURLNameBothFiles() throws {
        let site = try fixture("basic")
        try "---\ntitle: Tổng kết năm 2023\ndate: 2024-05-05\norganization: hkh-tinh\n---\n".write(
            to: site.appendingPathComponent("content/news/dup.md"), atomically: true, encoding: .utf8)
        let result = Builder().build(BuildOptions(source: site.path))
        #expect(result.diagnostics.sorted.map(\.description) == [
            "content/news/b-2023.md:1:1: error: this would be written to /2024/tong-ket-nam-2023/index.html, which content/news/dup.md is written to already; give one of them another slug",
        ])
    }
}

/// `/khen-thuong/` lists the awards a page at a time (a large site gives out tens of
/// thousands): the roll-ups on the first page, each award on exactly one page, in order.
@Suite struct AwardPagesTests {
    @Test func theAwardListIsPaginated() throws {
        let site = try fixture("basic")
        defer { try? FileManager.default.removeItem(at: site) }
        let awards = (1...120).map { "  - { title: Bằng khen số \($0), recipient_kind: individual, count: 1 }" }.joined(separator: "\n")
        try """
        ---
        title: Trao nhiều bằng khen
        date: 2024-03-01 09:00
        organization: hkh-tinh
        awards:
        \(awards)
        ---
        Hội trao nhiều bằng khen.
        """.write(to: site.appendingPathComponent("content/news/nhieu-khen-thuong.md"), atomically: true, encoding: .utf8)
        let result = Builder().build(BuildOptions(source: site.path))
        #expect(result.succeeded, "\(result.diagnostics.sorted)")
        let out = site.appendingPathComponent("public")
        let pages = try ["khen-thuong/index.html", "khen-thuong/page/2/index.html", "khen-thuong/page/3/index.html"].map { try read(out, $0) }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("khen-thuong/page/4/index.html").path))
        #expect(pages[0].contains("rollups") && !pages[1].contains("rollups") && !pages[2].contains("rollups"))
        for n in 1...120 {
            let title = "Bằng khen số \(n)<"
            #expect(pages.filter { $0.contains(title) }.count == 1, "award \(n) is not on exactly one page")
        }
        #expect(pages[0].contains("Bằng khen số 1<") && pages[2].contains("Bằng khen số 120<"))
        #expect(pages[1].contains("<title>Khen thưởng – Trang 2"), "\(pages[1].prefix(400))")
        #expect(try read(out, "sitemap.xml").contains("/khen-thuong/page/3/"))
    }
}
