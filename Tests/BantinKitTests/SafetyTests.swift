import Foundation
import Testing
@testable import BantinKit

/// Issue #17: nothing lost through `--output`, nothing outside the site read or published
/// through links, no walk that never ends.
@Suite struct OutputFolderTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func aFolderBantinDidNotWriteIsRefusedAndKept() throws {
        let site = try fixture("basic")
        let dir = try scratch()
        let other = dir.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: other.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "mine".write(to: other.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let refused = try run(["build", "--source", site.path, "--output", other.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("holds files Bantin did not write (a.txt, sub/)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--force"))
        #expect(try read(other, "a.txt") == "mine")
        // Nothing beside it either: no staging folder was made.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["notes"])

        let forced = try run(["build", "--source", site.path, "--output", other.path, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!FileManager.default.fileExists(atPath: other.appendingPathComponent("a.txt").path))
        #expect(FileManager.default.fileExists(atPath: other.appendingPathComponent(OutputFolder.markerName).path))
        // Now Bantin's: the next build needs no --force.
        try "x".write(to: site.appendingPathComponent("content/news/a-2022.md"), atomically: false, encoding: .utf8)
        #expect(try run(["build", "--source", site.path, "--output", other.path]).status == 1)  // content error, not a refusal
    }

    @Test func missingEmptyAndBantinsOwnFoldersAreUsed() throws {
        let site = try fixture("basic")
        let dir = try scratch()
        let empty = dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        for out in [empty, dir.appendingPathComponent("new/deeper")] {
            #expect(try run(["build", "--source", site.path, "--output", out.path]).status == 0)
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
            #expect(try read(out, OutputFolder.markerName).contains("Bantin"))
            #expect(try run(["build", "--source", site.path, "--output", out.path]).status == 0)
        }
    }

    @Test func anOutputWrittenBeforeTheMarkerIsStillRecognised() throws {
        let site = try fixture("basic")
        var options = BuildOptions(source: site.path)
        options.reusesUnchangedOutput = true
        #expect(Builder().build(options).succeeded)
        let out = site.appendingPathComponent("public")
        try FileManager.default.removeItem(at: out.appendingPathComponent(OutputFolder.markerName))
        #expect(Builder().build(options).usageError == nil)
        // (Nothing changed, so that build wrote nothing, the marker included.) One file of
        // someone else's in it, and it is not the last build's output any more.
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(OutputFolder.markerName).path))
        try "x".write(to: out.appendingPathComponent("mine.txt"), atomically: true, encoding: .utf8)
        #expect(Builder().build(options).usageError?.contains("holds files Bantin did not write") == true)
    }

    @Test func foldersThatAreNeverUsedEvenWithForce() throws {
        let site = try fixture("basic")
        for folder in [".git", "i18n", "content", "layouts", "static", ".bantin-cache", "content/news/x"] {
            let out = site.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try "keep".write(to: out.appendingPathComponent("HEAD"), atomically: true, encoding: .utf8)
            let result = try run(["build", "--source", site.path, "--output", out.path, "--force"])
            #expect(result.status == 2, "\(folder): \(result.stderr)")
            #expect(result.stderr.contains("refusing"), "\(folder): \(result.stderr)")
            #expect(try read(out, "HEAD") == "keep")
        }
        for out in [site.path, site.deletingLastPathComponent().path, "/"] {
            #expect(try run(["build", "--source", site.path, "--output", out, "--force"]).status == 2)
        }
        // An output holding a repository (a gh-pages checkout), forced or not.
        let pages = try scratch().appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let withGit = try run(["build", "--source", site.path, "--output", pages.path, "--force"])
        #expect(withGit.status == 2 && withGit.stderr.contains(".git"))
        #expect(FileManager.default.fileExists(atPath: pages.appendingPathComponent(".git").path))
    }

    @Test func theHomeFolderIsNeverTheOutput() throws {
        let site = try fixture("basic")
        let home = try scratch()
        try "x".write(to: home.appendingPathComponent(".bashrc"), atomically: true, encoding: .utf8)
        let refusal = OutputFolder.resolve(home.path, source: site.path, force: true, home: home.path)
        guard case .failure(let why) = refusal else { Issue.record("the home folder was accepted"); return }
        #expect(why.description.contains("home folder"))
    }

    @Test func aFileIsNeverTheOutput() throws {
        let site = try fixture("basic")
        let file = try scratch().appendingPathComponent("site.zip")
        try "zip".write(to: file, atomically: true, encoding: .utf8)
        for extra in [[], ["--force"]] {
            let result = try run(["build", "--source", site.path, "--output", file.path] + extra)
            #expect(result.status == 2 && result.stderr.contains("is a file, not a folder"), "\(result.stderr)")
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "zip")
    }

    @Test func aLinkToAFolderIsWrittenThroughAndKept() throws {
        let site = try fixture("basic")
        let dir = try scratch()
        let target = dir.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let link = dir.appendingPathComponent("public")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real")
        for _ in 0..<2 {
            let result = try run(["build", "--source", site.path, "--output", link.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real")
            #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("index.html").path))
        }
        let dangling = dir.appendingPathComponent("gone")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "nowhere")
        let result = try run(["build", "--source", site.path, "--output", dangling.path])
        #expect(result.status == 2 && result.stderr.contains("does not exist"))
    }

    @Test func aSourceThatIsAFileSaysSo() throws {
        let site = try fixture("basic")
        for command in ["build", "check"] {
            let result = try run([command, "--source", site.appendingPathComponent("site.yml").path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("is a file, not a folder"), "\(result.stderr)")
        }
        #expect(try run(["check", "--source", site.appendingPathComponent("nothing").path]).stderr.contains("does not exist"))
    }
}

@Suite struct SymlinkTests {
    func link(_ site: URL, _ path: String, to target: String) throws {
        let url = site.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    func check(_ site: URL) -> [String] {
        Builder().build({ var o = BuildOptions(source: site.path); o.write = false; return o }()).diagnostics.sorted.map(\.description)
    }

    @Test func linksOutOfTheSiteAreLocatedErrorsAndNeverPublished() throws {
        let site = try fixture("basic")
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try "secret".write(to: outside.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try """
        ---
        title: Bài ngoài
        date: 2024-01-01
        organization: hkh-tinh
        ---
        Bí mật.
        """.write(to: outside.appendingPathComponent("post.md"), atomically: true, encoding: .utf8)
        let real = Boundary(outside.path).root
        try link(site, "static/passwd.txt", to: "/etc/passwd")
        try link(site, "static/host", to: outside.path)
        try link(site, "content/news/bundle/photos", to: outside.path)
        try link(site, "content/news/ngoai.md", to: outside.appendingPathComponent("post.md").path)
        let problems = check(site)
        #expect(problems == [
            "content/news/bundle/photos:1:1: error: links outside the site (to \(real)); Bantin does not publish it",
            "content/news/ngoai.md:1:1: error: links outside the site (to \(real)/post.md); Bantin does not publish it",
            "static/host:1:1: error: links outside the site (to \(real)); Bantin does not publish it",
            "static/passwd.txt:1:1: error: links outside the site (to /etc/passwd); Bantin does not publish it",
        ], "\(problems)")
        let result = try run(["build", "--source", site.path])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("public").path))

        // The preview neither serves nor reads them.
        let live = LiveSite(root: site.path)
        live.refresh()
        #expect(live.problems.count == 4)
        #expect(live.file("passwd.txt") == nil && live.file("host/secret.txt") == nil)
    }

    @Test func linksInsideTheSiteAreCopiedAsFiles() throws {
        let site = try fixture("basic")
        try link(site, "static/config.txt", to: "../site.yml")
        try link(site, "static/anh", to: "img")
        try link(site, "content/news/bundle/ban-sao.svg", to: "anh.svg")
        #expect(check(site) == [])
        let result = try run(["build", "--source", site.path])
        #expect(result.status == 0, "\(result.stderr)")
        let out = site.appendingPathComponent("public")
        #expect(try read(out, "config.txt") == (try read(site, "site.yml")))
        #expect(try read(out, "anh/readme.txt") == (try read(site, "static/img/readme.txt")))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("2024/trao-hoc-bong/ban-sao.svg").path))
        let walked = try DirectoryWalk.walk(out.path, stat: true)
        #expect(walked.problems.isEmpty)
        for entry in walked.entries {
            var info = stat()
            #expect(lstat(out.path + "/" + entry.path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFLNK, "\(entry.path) is a link")
        }
    }

    @Test(.timeLimit(.minutes(1))) func linkLoopsEndAtOnceWithOneErrorEach() throws {
        let site = try fixture("basic")
        try link(site, "content/tin/l1", to: "..")
        try link(site, "content/tin/l2", to: "..")
        try link(site, "static/vong", to: ".")
        #expect(check(site) == [
            "content/tin/l1:1:1: error: links back to a folder it is inside (content/), which would be read again and again: remove the link",
            "content/tin/l2:1:1: error: links back to a folder it is inside (content/), which would be read again and again: remove the link",
            "static/vong:1:1: error: links back to a folder it is inside (static/), which would be read again and again: remove the link",
        ])
        // The fingerprint's walk and the preview's watcher end too.
        #expect(BuildFingerprint.current(root: site.path, options: BuildOptions(source: site.path), output: site.path + "/public", previous: nil) == nil)
        #expect(SourceTree.folders(below: site.path + "/content", root: site.path).count < 20)
    }

    @Test(.timeLimit(.minutes(1))) func stackedLinksCannotMultiplyTheWalk() throws {
        // Each level links twice to the next: 2^20 paths if every link were walked.
        let site = try fixture("basic")
        for level in 0..<20 {
            try FileManager.default.createDirectory(at: site.appendingPathComponent("static/l\(level)"), withIntermediateDirectories: true)
            try link(site, "static/l\(level)/a", to: "../l\(level + 1)")
            try link(site, "static/l\(level)/b", to: "../l\(level + 1)")
        }
        try FileManager.default.createDirectory(at: site.appendingPathComponent("static/l20"), withIntermediateDirectories: true)
        let problems = check(site)
        #expect(!problems.isEmpty && problems.allSatisfy { $0.contains("links have already shown") }, "\(problems.prefix(3))")
    }

    @Test(.timeLimit(.minutes(1))) func fifosAndDevicesAreNotRegularFiles() throws {
        let site = try fixture("basic")
        #expect(mkfifo(site.appendingPathComponent("static/pipe").path, 0o644) == 0)
        try link(site, "static/zero", to: "/dev/zero")
        #expect(mkfifo(site.appendingPathComponent("site.yml.fifo").path, 0o644) == 0)
        #expect(check(site) == [
            "static/pipe:1:1: error: is not a regular file (a FIFO); Bantin reads only files and folders: remove it",
            "static/zero:1:1: error: is not a regular file (a link to a character device /dev/zero); Bantin reads only files and folders: remove it",
        ])
        // site.yml itself a FIFO: refused when read, never waited on.
        try FileManager.default.removeItem(at: site.appendingPathComponent("site.yml"))
        #expect(mkfifo(site.appendingPathComponent("site.yml").path, 0o644) == 0)
        #expect(check(site).contains("site.yml:1:1: error: cannot read this file: it is not a regular file"))
        var options = BuildOptions(source: site.path)
        options.reusesUnchangedOutput = true
        #expect(!Builder().build(options).succeeded)
    }

    @Test func anUnreadableFolderIsNamedWithItsReason() throws {
        let site = try fixture("basic")
        let locked = site.appendingPathComponent("content/news/khoa")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: site.path)
        chmod(locked.path, 0)
        defer { chmod(locked.path, 0o755) }
        // root reads any folder: run the check as an unprivileged user then.
        var arguments = ["check", "--lang", "en", "--source", site.path]
        if getuid() == 0 {
            // The site and the binary must be readable by that user.
            for dir in [site.path] + ancestors(of: site.path) + ancestors(of: bantinBinary().path) {
                var info = stat()
                if stat(dir, &info) == 0 { chmod(dir, info.st_mode & 0o7777 | 0o005) }
            }
            arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", bantinBinary().path] + arguments
        }
        let result = getuid() == 0 ? try run(arguments, executable: URL(fileURLWithPath: "/usr/bin/setpriv")) : try run(arguments)
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/news/khoa:1:1: error: cannot open this folder: Permission denied"), "\(result.stderr)")
    }

    func ancestors(of path: String) -> [String] {
        var out: [String] = []
        var dir = (path as NSString).deletingLastPathComponent
        while dir != "/" && !dir.isEmpty {
            out.append(dir)
            dir = (dir as NSString).deletingLastPathComponent
        }
        return out
    }
}


@Suite struct MarkdownSpeedTests {
    @Test func firstParagraphTextIsCmarksPlainText() throws {
        let samples = [
            "Hội nghị *tổng kết* **năm** 2023 tại `hội trường`.",
            "Một dòng\nhai dòng  \nba dòng\\\nbốn.",
            "Có ~~gạch~~ và ~một~ dấu, [liên kết](https://a.vn) và ![ảnh *đẹp*](a.jpg).",
            "Chú thích[^1] ở đây.\n\n[^1]: Ghi chú.",
            "Tự động www.khuyenhoc.vn và https://a.vn/b?c=d, thư a@b.vn.",
            "HTML <b>đậm</b> <!-- ghi chú --> bị bỏ.",
            "&amp; &copy; &#x1F600; \\* thoát.",
            "- [ ] việc\n- [x] xong",
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nĐoạn sau bảng.",
        ]
        for sample in samples {
            guard let both = MarkdownRenderer().firstParagraphTexts(sample) else { continue }
            #expect(MarkdownRenderer.collapsingWhitespace(both.ours) == MarkdownRenderer.collapsingWhitespace(both.cmark), "\(sample)")
        }
    }
}

@Suite struct HangTests {
    func load(_ layouts: [String: String]) -> [String] {
        var d = Diagnostics()
        let files = layouts.mapValues { SourceFile(path: "", data: Data($0.utf8)) }
        let named = Dictionary(uniqueKeysWithValues: files.map { ($0.key, SourceFile(path: "layouts/\($0.key).mustache", data: $0.value.data)) })
        _ = TemplateSet.load(overrides: named, diagnostics: &d)
        return d.sorted.map(\.description)
    }

    @Test func aLayoutThatIncludesItselfIsAnErrorAtLoadNamingTheCycle() {
        #expect(load(["self": "<p>\n  {{> self }}</p>"]) == [
            "layouts/self.mustache:2:3: error: the template includes itself (self → self), which would never finish rendering a page: remove this `{{>self}}`",
        ])
        #expect(load(["a": "{{#site}}{{>b}}{{/site}}", "b": "x\n{{>a}}"]) == [
            "layouts/b.mustache:2:1: error: the template includes itself (a → b → a), which would never finish rendering a page: remove this `{{>a}}`",
        ])
        #expect(load(["page": "{{<page}}{{$main}}x{{/main}}{{/page}}"]) == [
            "layouts/page.mustache:1:1: error: the template includes itself (page → page), which would never finish rendering a page: remove this `{{<page}}`",
        ])
        // Through a section: it depends on the data, and still never ends over Bantin's views.
        #expect(load(["a": "{{#articles}}{{>a}}{{/articles}}"]).first?.contains("inside a section, which still would never finish") == true)
        // Delimiters changed: the reference is still found.
        #expect(load(["a": "{{=<% %>=}}<%> a %>"]).count == 1)
        // Not a cycle: a chain, and the same partial twice.
        #expect(load(["a": "{{>b}}{{>b}}", "b": "{{>c}}", "c": "x"]) == [])
    }

    @Test(.timeLimit(.minutes(1))) func aSelfIncludingLayoutNeitherCrashesBuildNorCheck() throws {
        let site = try fixture("basic")
        try "{{<page}}{{$main}}x{{/main}}{{/page}}".write(to: site.appendingPathComponent("layouts/page.mustache"), atomically: true, encoding: .utf8)
        for command in ["check", "build"] {
            let result = try run([command, "--source", site.path])
            #expect(result.status == 1, "\(command): \(result.status)")
            #expect(result.stderr.contains("layouts/page.mustache:1:1: error: the template includes itself (page → page)"))
        }
    }

    /// Each reproducer of cmark-gfm's advisories fixed after Debian's 0.29.0.gfm.6, at 1 MB:
    /// refused before cmark sees it, at its line and column. (`bench/abuse` times them all.)
    @Test(.timeLimit(.minutes(1))) func pathologicalMarkdownIsRefusedWhereItStands() {
        func body(_ unit: String, size: Int = 1_000_000) -> String { String(repeating: unit, count: size / unit.utf8.count) }
        let cases: [(String, String)] = [
            ("intro\n" + body("![[]()"), "3:6001: error: this text has more than 1000 `![` (image) marks"),
            ("|" + body("x|") + "\n|" + body("-|", size: 2000) + "\n", "2:2049: error: this line has more than 1024 `|`"),
            (table(columns: 300, rows: 2), "3:1: error: a table with 300 columns; Bantin takes at most 256"),
            ("x|" + String(repeating: "x|", count: 200) + "\n" + String(repeating: "-|", count: 201) + "\n" + String(repeating: "x\n", count: 2000),
             "3:1: error: a table of 201 columns and 996 rows (200196 cells)"),
        ]
        for (text, expected) in cases {
            var d = Diagnostics()
            let rendered = MarkdownRenderer().render(text, in: "content/p.md", fromLine: 2, &d)
            #expect(rendered.html.isEmpty)
            #expect(d.sorted.first.map { "\($0)".hasPrefix("content/p.md:" + expected) } == true, "\(d.sorted.first.map { "\($0)" } ?? "nothing")")
        }
        // Ordinary articles pass: a table of 20 columns and 500 rows, 50 images, pipes in text.
        var d = Diagnostics()
        let fine = table(columns: 20, rows: 500) + "\n" + String(repeating: "![ảnh](a.jpg)\n\n", count: 50) + "a | b | c\n"
        #expect(!MarkdownRenderer().render(fine, in: "content/p.md", fromLine: 1, &d).html.isEmpty)
        #expect(d.items.isEmpty)
    }

    func table(columns: Int, rows: Int) -> String {
        "|" + String(repeating: " x |", count: columns) + "\n|" + String(repeating: "---|", count: columns) + "\n"
            + String(repeating: "|" + String(repeating: " 1 |", count: columns) + "\n", count: rows)
    }

    /// A file that takes long to read: the preview keeps serving the last good site meanwhile.
    struct SlowFileSystem: FileSystem {
        let base = LocalFileSystem()
        let slowPath: String
        func read(_ path: String) throws -> Data {
            if path.hasSuffix(slowPath) { Thread.sleep(forTimeInterval: 3) }
            return try base.read(path)
        }
        func isDirectory(_ path: String) -> Bool { base.isDirectory(path) }
        func exists(_ path: String) -> Bool { base.exists(path) }
        func listing(under directory: String, within boundary: String) throws -> DirectoryListing {
            try base.listing(under: directory, within: boundary)
        }
        func stamp(_ path: String) -> String? { base.stamp(path) }
    }

    @Test(.timeLimit(.minutes(1))) func thePreviewAnswersWhileASlowRefreshRuns() throws {
        let site = try fixture("basic")
        let live = LiveSite(root: site.path, fileSystem: SlowFileSystem(slowPath: "content/news/a-2022.md"))
        let first = Date()
        live.refresh()
        #expect(Date().timeIntervalSince(first) >= 3)
        try "\nThêm một câu.".appendLine(to: site.appendingPathComponent("content/news/a-2022.md"))
        let refreshing = Thread { live.refresh() }
        refreshing.start()
        Thread.sleep(forTimeInterval: 0.5)
        let asked = Date()
        #expect(live.file("index.html") != nil)
        #expect(Date().timeIntervalSince(asked) < 1, "a page waited for the refresh")
    }
}

extension String {
    func appendLine(to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data(utf8))
    }
}

/// Issue #17, part 4: what `check` promises, `build` keeps; every problem in one run.
@Suite struct PromiseTests {
    func write(_ site: URL, _ path: String, _ text: String) throws {
        let url = site.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func problems(_ site: URL) -> [String] {
        var options = BuildOptions(source: site.path)
        options.write = false
        return Builder().build(options).diagnostics.sorted.map(\.description)
    }

    @Test func remotePhotosAreErrorsUnlessTheSiteAllowsThem() throws {
        let site = try fixture("basic")
        try write(site, "content/news/anh.md", """
        ---
        title: Ảnh từ xa
        date: 2024-03-01
        organization: hkh-tinh
        image: https://cdn.example.com/a.jpg
        image_alt: Hội trường
        ---
        Đoạn một.

        ![Trao thưởng](https://cdn.example.com/b.jpg) và ![nữa](//cdn.example.com/c.jpg), [một liên kết](https://a.vn/) thì được.
        """)
        let found = problems(site).filter { $0.contains("another site") }
        #expect(found.count == 3, "\(found)")
        #expect(found.first?.hasPrefix("content/news/anh.md:5:8: error: the photo https://cdn.example.com/a.jpg is on another site") == true, "\(found)")
        #expect(found.dropFirst().first?.hasPrefix("content/news/anh.md:10:1: error: the photo https://cdn.example.com/b.jpg") == true, "\(found)")
        try write(site, "site.yml", try read(site, "site.yml") + "allow_remote_images: true\n")
        #expect(problems(site) == [])
    }

    @Test func aLongTitleGivesAShortSlugAndCheckAndBuildAgree() throws {
        let site = try fixture("basic")
        let title = String(repeating: "Hội nghị tổng kết công tác khuyến học ", count: 7)  // ~260 characters
        try write(site, "content/news/dai.md", "---\ntitle: \(title)\ndate: 2024-03-01\norganization: hkh-tinh\n---\nThân.\n")
        let slug = Slug.make(title)
        #expect(slug.count <= Slug.maximumLength && slug.count > 60)
        #expect(slug.hasPrefix("hoi-nghi-tong-ket") && !slug.hasSuffix("-"))
        #expect(Slug.make(title + "x").hasPrefix(slug.prefix(40)))
        // Cut at a word: the slug is a run of whole words of the full one.
        #expect(Slug.make(String(repeating: "khuyen-hoc ", count: 20)).split(separator: "-").allSatisfy { $0 == "khuyen" || $0 == "hoc" })
        #expect(Slug.make(String(repeating: "a", count: 200)).count == 80)
        let check = try run(["check", "--source", site.path])
        let build = try run(["build", "--source", site.path])
        #expect(check.status == 0 && build.status == 0, "\(check.stderr)\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("public/2024/\(slug)/index.html").path))
    }

    @Test func aBadSiteConfigDoesNotHideContentErrors() throws {
        let site = try fixture("basic")
        try write(site, "site.yml", try read(site, "site.yml").replacingOccurrences(of: "paginate: 2", with: "paginate: 0"))
        try write(site, "content/news/sai.md", "---\ntitle: Sai\ndate: 2024-13-01\norganization: hkh-khong-co\n---\nThân.\n")
        let found = problems(site)
        #expect(found.contains("site.yml:3:11: error: `paginate` must be at least 1, found 0"), "\(found)")
        #expect(found.contains { $0.hasPrefix("content/news/sai.md:3:7: error: `date` is not a real date") }, "\(found)")
        // The unknown organization is told in the same run as the date.
        #expect(found.contains { $0.hasPrefix("content/news/sai.md:4:15: error: the organization `hkh-khong-co` does not exist") }, "\(found)")
        let result = try run(["build", "--source", site.path])
        #expect(result.status == 1 && !FileManager.default.fileExists(atPath: site.appendingPathComponent("public").path))
    }

    @Test func aRejectedOrganizationIsReportedOnceInItsOwnFile() throws {
        let site = try fixture("basic")
        try write(site, "content/organizations/hkh-tinh.md", try read(site, "content/organizations/hkh-tinh.md")
            .replacingOccurrences(of: "---\n", with: "---\nwebsite: khuyenhoc.vn\n", options: [], range: nil))
        let found = problems(site)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("content/organizations/hkh-tinh.md:") == true && found.first?.contains("`website` must start with http") == true)
    }

    @Test func permalinksThatBreakURLsAreRefused() {
        for bad in ["/a?b#c/:slug/", "/tin tuc/:slug/", "/50%/:slug/", "/tin#/:slug/"] {
            #expect(SiteConfigLoader.permalinkProblem(bad)?.contains("breaks URLs") == true, "\(bad)")
        }
        for good in ["/:year/:slug/", "/tin-tuc/:year/:month/:slug/", "/a_b.c~d/:organization/:slug/"] {
            #expect(SiteConfigLoader.permalinkProblem(good) == nil, "\(good)")
        }
    }

    @Test func everyDiagnosticIsOneLine() throws {
        let site = try fixture("basic")
        try write(site, "content/news/dòng\nmới\u{1B}[31m.md", "---\ntitle: X\n---\n")
        let result = try run(["check", "--source", site.path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(!result.stderr.contains("\u{1B}"))
        #expect(lines.allSatisfy { $0.hasPrefix("content/") || $0.contains("error") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("content/news/dòng\\nmới\\u{1B}[31m.md:1:1: error:") }, "\(lines)")
        #expect(Diagnostic.error(SourceLocation(path: "a\tb"), "x\ny").description == "a\\tb:1:1: error: x\\ny")
    }
}
