import Foundation
import Testing
@testable import BantinKit

/// The `bantin` executable that `swift test` builds beside the test bundle.
func bantinBinary() -> URL {
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("bantin")
    if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/bantin")
}

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

func run(_ arguments: [String], in directory: URL? = nil, executable: URL = bantinBinary()) throws -> Run {
    let process = Process()
    process.executableURL = executable
    // In English, as the tests read them, unless a test asks for a language (the sites are Vietnamese).
    process.arguments = executable != bantinBinary() || arguments.contains("--lang") ? arguments : ["--lang", "en"] + arguments
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

@Suite struct BadInputTests {
    static let expected = """
    content/news/a-yaml.md:3:5: error: invalid YAML: a list in `[ ]` (opened on line 2) is not closed: add `]` at its end, and put any item that holds a comma in quotes
    content/news/b-not-closed.md:1:1: error: the front-matter opened on line 1 is never closed: add a line `---` after its last field
    content/news/c-missing.md:1:1: error: the article has no `date`; add a line like `date: 2024-01-10`
    content/news/c-missing.md:1:1: error: the article has no `organization`; add the id of a file in content/organizations/, e.g. `organization: hkh-yen-bai`
    content/news/c-missing.md:1:1: error: the article has no `title`; add a line `title: …` to the front-matter
    content/news/d-date.md:3:7: error: `date` is not a real date: `2023-13-45` (months run from 01 to 12)
    content/news/e-org.md:4:15: error: the organization `hkh-aa` does not exist in content/organizations/; did you mean `hkh-a`?
    content/news/e-org.md:6:67: error: the award's organization `hkh-z` does not exist in content/organizations/; did you mean `hkh-a`?
    content/news/e-org.md:8:63: error: the statistic's organization `hkh-c` does not exist in content/organizations/; did you mean `hkh-a`?
    content/news/f-values.md:6:41: error: `recipient_kind` must be `collective` (tập thể) or `individual` (cá nhân), found `tập thể`
    content/news/f-values.md:7:60: error: `count` must be a positive whole number, found -3
    content/news/f-values.md:8:59: error: `count` must be a positive whole number, found `2.5`
    content/news/f-values.md:10:28: error: `value` must be a number (like 7575, 29,5 or \"26.330\"), found `nhiều`
    content/news/g-dup-1.md:1:1: error: this would be written to /2024/trung-dia-chi/index.html, which content/news/g-dup-2.md is written to already; give one of them another slug
    content/news/h-latin1.md:2:15: error: the file is not UTF-8 text; save it as UTF-8 (in Word: Save As › Plain Text › Unicode UTF-8)
    content/news/i-empty.md:1:1: error: the file is empty; an article needs front-matter between `---` lines with at least title, date and organization
    content/news/j-unknown-key.md:5:1: warning: unknown key `tag` in an article's front-matter is ignored; did you mean `tags`?
    content/news/j-unknown-key.md:7:5: warning: the link `/nam/1999/` leads to a page this site does not have
    content/organizations/hkh-b.md:3:9: error: the parent organization `hkh-khong-co` does not exist in content/organizations/ (known: hkh-a, hkh-b, vong-x, vong-y)
    content/organizations/vong-x.md:3:9: error: organizations form a cycle of parents: vong-x → vong-y → vong-x
    content/organizations/vong-y.md:3:9: error: organizations form a cycle of parents: vong-y → vong-x → vong-y
    layouts/home.mustache:2:1: error: the template does not parse: `{{#articles}}` is never closed with `{{/articles}}`
    layouts/tag.mustache:2:3: error: the template names `thanh-ben`, but there is no layouts/thanh-ben.mustache
    site.yml:3:1: warning: unknown key `theme` in site.yml; known keys: allow_remote_images, alternates, base_url, description, images, language, paginate, paths, permalink, relative_urls, statistics, timezone, title
    21 errors, 3 warnings

    """

    @Test func everyProblemOfTheBrokenSiteInOneRun() throws {
        let site = try fixture("broken")
        let check = try run(["check", "--source", site.path])
        #expect(check.status == 1)
        #expect(check.stderr == Self.expected)
        let build = try run(["build", "--source", site.path])
        #expect(build.status == 1)
        #expect(build.stderr == Self.expected)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("public").path))
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let site = try fixture("broken")
        let check = try run(["check", "--strict", "--source", site.path])
        #expect(check.status == 1)
        #expect(check.stderr.contains("content/news/j-unknown-key.md:5:1: error: unknown key `tag`"))
        #expect(check.stderr.hasSuffix("24 errors, 0 warnings\n"))
        // A site whose only problem is a warning builds, unless --strict.
        let good = try fixture("basic")
        try "---\ntitle: X\ndate: 2024-01-01\norganization: hkh-tinh\ncolour: red\n---\n".write(
            to: good.appendingPathComponent("content/news/x.md"), atomically: true, encoding: .utf8)
        #expect(try run(["build", "--source", good.path]).status == 0)
        let strict = try run(["build", "--strict", "--source", good.path])
        #expect(strict.status == 1)
        #expect(strict.stderr == "content/news/x.md:5:1: error: unknown key `colour` in an article's front-matter is ignored\n1 error, 0 warnings\n")
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try run(["build", "--no-such-flag"]).status == 2)
        #expect(try run(["publish"]).status == 2)
        let missing = try run(["build", "--source", "/nonexistent/site"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("the source folder /nonexistent/site does not exist"))
        #expect(try run(["check", "--source", "/nonexistent/site"]).status == 2)
        #expect(try run(["build", "--jobs", "0"]).status == 2)
        #expect(try run(["--help"]).status == 0)
    }

    @Test func brokenSiteConfigNamesItsLine() throws {
        let site = try fixture("basic")
        try "title: Trang\nbase_url: https://example.org/\npaginate: [2\nlanguage: vi\n".write(
            to: site.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        let check = try run(["check", "--source", site.path])
        #expect(check.status == 1)
        #expect(check.stderr.hasPrefix("site.yml:4:9: error: invalid YAML: a list in `[ ]` (opened on line 3) is not closed: add `]` at its end, and put any item that holds a comma in quotes"))
        try "title: Trang\n".write(to: site.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        #expect(try run(["check", "--source", site.path]).stderr.contains("site.yml:1:1: error: site.yml has no `base_url`"))
        try FileManager.default.removeItem(at: site.appendingPathComponent("site.yml"))
        #expect(try run(["check", "--source", site.path]).stderr.hasPrefix("site.yml:1:1: error: site.yml not found"))
    }

    @Test func unchangedSiteIsNotRebuilt() throws {
        let site = try fixture("basic")
        let out = site.appendingPathComponent("public")
        #expect(try run(["build", "--source", site.path]).stdout.contains(" pages, "))
        let first = try read(out, "index.html")
        #expect(try run(["build", "--source", site.path]).stdout.contains("nothing changed"))
        // An option that changes the output rebuilds.
        #expect(try run(["build", "--drafts", "--source", site.path]).stdout.contains(" pages, "))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("2024/ban-nhap/index.html").path))
        #expect(try run(["build", "--source", site.path]).stdout.contains(" pages, "))
        #expect(try run(["build", "--source", site.path]).stdout.contains("nothing changed"))
        // An edited body updates the output in place (see EngineRebuildTests).
        let article = site.appendingPathComponent("content/news/a-2022.md")
        try (String(contentsOf: article, encoding: .utf8) + "\nCâu mới.\n").write(to: article, atomically: true, encoding: .utf8)
        #expect(try run(["build", "--source", site.path]).stdout.contains(" changed in "))
        #expect(try read(out, "2023/tong-ket-nam-2022/index.html").contains("Câu mới."))
        #expect(try read(out, "index.html") == first)  // the edit is not in the home page's summary
        // A removed output is rebuilt, not trusted to the cache.
        try FileManager.default.removeItem(at: out)
        #expect(try run(["build", "--source", site.path]).stdout.contains(" pages, "))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
        // A failed build writes nothing and records nothing: fixing the error, the output is the
        // sources' again.
        try "---\ntitle: X\n---\n".write(to: site.appendingPathComponent("content/news/bad.md"), atomically: true, encoding: .utf8)
        #expect(try run(["build", "--source", site.path]).status == 1)
        #expect(try run(["build", "--source", site.path]).status == 1)
        try FileManager.default.removeItem(at: site.appendingPathComponent("content/news/bad.md"))
        #expect(try run(["build", "--source", site.path]).stdout.contains("nothing changed"))
    }

    /// Run as `bantin` from the PATH, `argv[0]` names no file: the fingerprint must find the
    /// executable another way, or no build would ever be skipped.
    @Test func aBantinFoundOnThePathSkipsUnchangedBuilds() throws {
        let site = try fixture("basic")
        func viaPath() throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["PATH=\(bantinBinary().deletingLastPathComponent().path)", "bantin", "build", "--lang", "en", "--source", site.path]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try viaPath().contains(" pages, "))
        #expect(try viaPath().contains("nothing changed"))
    }

    @Test func successfulBuildPrintsASummary() throws {
        let site = try fixture("basic")
        let build = try run(["build", "--source", site.path])
        #expect(build.status == 0)
        #expect(build.stdout.hasPrefix("bantin: "))
        #expect(build.stderr.isEmpty)
    }
}

@Suite struct OutputSafetyTests {
    @Test func pathsThatLeaveTheOutputAreUnsafe() {
        for bad in ["../x", "a/../../x", "/etc/passwd", "", "a//b", "a/./b", "a/.."] { #expect(!OutputWriter.isSafe(bad), "\(bad)") }
        for good in ["index.html", "2024/a/index.html", "to-chuc/x/feed.xml", ".well-known/x"] { #expect(OutputWriter.isSafe(good), "\(good)") }
    }

    @Test func writerRefusesAnUnsafePathAndKeepsThePreviousOutput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-w-\(UUID().uuidString)")
        let out = dir.appendingPathComponent("public")
        try OutputWriter().write([OutputFile(path: "index.html", text: "cũ", origin: SourceLocation(path: "x"))], to: out.path)
        #expect(throws: WriteError.self) {
            try OutputWriter().write([OutputFile(path: "index.html", text: "mới", origin: SourceLocation(path: "x")),
                                      OutputFile(path: "../escape.html", text: "x", origin: SourceLocation(path: "x"))], to: out.path)
        }
        #expect(try read(out, "index.html") == "cũ")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("escape.html").path))
        // A copy that fails half way (its source vanished) also leaves the previous output.
        #expect(throws: (any Error).self) {
            try OutputWriter().write([OutputFile(path: "index.html", text: "mới", origin: SourceLocation(path: "x")),
                                      OutputFile(path: "a.jpg", copying: dir.appendingPathComponent("missing.jpg").path, origin: SourceLocation(path: "x"))], to: out.path)
        }
        #expect(try read(out, "index.html") == "cũ")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["public"])
    }

    @Test func successfulWriteReplacesTheWholeFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-w-\(UUID().uuidString)")
        let out = dir.appendingPathComponent("public")
        try OutputWriter().write([OutputFile(path: "old.html", text: "1", origin: SourceLocation(path: "x"))], to: out.path)
        try OutputWriter().write([OutputFile(path: "new.html", text: "2", origin: SourceLocation(path: "x"))], to: out.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [OutputFolder.markerName, "new.html"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["public"])
    }

    @Test func interruptedFallbackSwapIsRepaired() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-w-\(UUID().uuidString)")
        let out = dir.appendingPathComponent("public")
        let previous = dir.appendingPathComponent(".public.bantin-old")
        try FileManager.default.createDirectory(at: previous, withIntermediateDirectories: true)
        try "cũ".write(to: previous.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try OutputWriter.recover(output: out, previous: previous)
        #expect(try read(out, "index.html") == "cũ")
    }

    @Test func killedBuildLeavesThePreviousOutputWhole() throws {
        // A site large enough that the build is still running when it is killed.
        let site = try fixture("basic")
        let config = site.appendingPathComponent("site.yml")
        try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "paginate: 2\n", with: "paginate: 20\n")
            .write(to: config, atomically: true, encoding: .utf8)
        let news = site.appendingPathComponent("content/news")
        let body = String(repeating: "Nội dung hội nghị. ", count: 60)
        for i in 0..<800 {
            try "---\ntitle: Bài số \(i)\ndate: 2023-05-\(String(format: "%02d", i % 28 + 1))\norganization: hkh-tinh\ntags: [t\(i % 40)]\n---\n\(body)\n"
                .write(to: news.appendingPathComponent("bai-\(i).md"), atomically: false, encoding: .utf8)
        }
        let out = site.appendingPathComponent("public")
        let started = Date()
        #expect(try run(["build", "--source", site.path]).status == 0)
        let duration = Date().timeIntervalSince(started)
        let before = try snapshot(out)
        try "---\ntitle: Bài mới\ndate: 2024-01-01\norganization: hkh-tinh\n---\n".write(
            to: news.appendingPathComponent("moi.md"), atomically: true, encoding: .utf8)
        // What a complete build of the new sources gives (output is deterministic).
        let reference = site.deletingLastPathComponent().appendingPathComponent(site.lastPathComponent + "-reference")
        #expect(try run(["build", "--source", site.path, "--output", reference.path]).status == 0)
        let complete = try snapshot(reference)
        #expect(complete != before)
        for fraction in [0.1, 0.4, 0.7, 0.95] {
            let process = Process()
            process.executableURL = bantinBinary()
            process.arguments = ["build", "--source", site.path]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: duration * fraction)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let after = try snapshot(out)
            // Untouched, or (if the build won the race) the complete new site: never a mix.
            #expect(after == before || after == complete, "partial output after a kill at \(fraction) of a build")
        }
        // The next build cleans up whatever the killed ones left.
        #expect(try run(["build", "--source", site.path]).status == 0)
        #expect(try snapshot(out) == complete)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasPrefix(".public") }.isEmpty)
        // What the command line hands to a background `rm` goes away by itself.
        var left: [String] = []
        for _ in 0..<100 {
            left = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasPrefix(".bantin-trash-") }
            if left.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(left.isEmpty)
    }

    func snapshot(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for path in try LocalFileSystem().files(under: dir.path) {
            out[path] = try Data(contentsOf: dir.appendingPathComponent(path))
        }
        return out
    }

    @Test func atomicExchangeSwapsTwoFolders() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-x-\(UUID().uuidString)")
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: a, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: b, withIntermediateDirectories: true)
        try "A".write(to: a.appendingPathComponent("f"), atomically: true, encoding: .utf8)
        try "B".write(to: b.appendingPathComponent("f"), atomically: true, encoding: .utf8)
        #expect(exchangePaths(a.path, b.path))
        #expect(try read(a, "f") == "B" && read(b, "f") == "A")
    }
}

@Suite struct SafeByDefaultTests {
    @Test func frontMatterTextIsEscapedInPages() throws {
        let site = try fixture("basic")
        try "---\ntitle: \"<script>alert(1)</script> & <b onmouseover=x>\"\ndate: 2024-01-01\norganization: hkh-tinh\nauthor: \"<img src=x onerror=alert(1)>\"\n---\n<div onclick=\"x()\">raw</div>\n\n[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) ![c](vbscript:x)\n".write(
            to: site.appendingPathComponent("content/news/xss.md"), atomically: true, encoding: .utf8)
        let result = Builder().build(BuildOptions(source: site.path))
        #expect(result.succeeded, "\(result.diagnostics.sorted)")
        let out = site.appendingPathComponent("public")
        for path in try LocalFileSystem().files(under: out.path) where path.hasSuffix(".html") {
            let html = try read(out, path)
            #expect(!html.contains("<script>alert"), "\(path)")
            // No tag carries an event-handler attribute. Quoted attribute values are blanked first:
            // escaped text inside them, such as `content="&lt;b onmouseover=x&gt;"`, is harmless.
            let tags = html.replacingOccurrences(of: #""[^"]*""#, with: "\"\"", options: .regularExpression)
            #expect(tags.range(of: #"<[a-zA-Z][^<>]*\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(path)")
            // The only scripts are the JSON-LD data block and the theme's own search script.
            let scripts = html.components(separatedBy: "<script").dropFirst().map { String($0.prefix(40)) }
            #expect(scripts.allSatisfy { $0.hasPrefix(" type=\"application/ld+json\">") || $0.hasPrefix(" src=\"/tin/search.js\"") }, "\(path): \(scripts)")
            #expect(!html.lowercased().contains("javascript:"), "\(path)")
            #expect(!html.contains("vbscript:"), "\(path)")
        }
        let page = try read(out, "2024/script-alert-1-script-b-onmouseover-x/index.html")
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b onmouseover=x&gt;"))
    }
}
