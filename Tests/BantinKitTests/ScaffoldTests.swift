import Foundation
import Testing
@testable import BantinKit

@Suite struct ScaffoldTests {
    func tempDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("bantin-new-\(UUID().uuidString)").path
    }

    @Test func starterSiteBuildsAsItIs() throws {
        // Without --example: no sample organisation or article, and it builds.
        let bare = tempDir()
        let plain = try Scaffold.site(at: bare)
        #expect(plain.contains("site.yml") && !plain.contains { Scaffold.exampleFiles.contains($0) })
        #expect(Builder().build(BuildOptions(source: bare)).succeeded)
        let dir = tempDir()
        let files = try Scaffold.site(at: dir, example: true)
        #expect(files.contains("site.yml") && Scaffold.exampleFiles.allSatisfy(files.contains))
        let result = Builder().build(BuildOptions(source: dir))
        #expect(result.succeeded && result.diagnostics.items.isEmpty, "\(result.diagnostics.sorted)")
        #expect(FileManager.default.fileExists(atPath: dir + "/public/to-chuc/hoi-vi-du/index.html"))
        #expect(throws: Scaffold.Failure.self) { try Scaffold.site(at: dir) }  // not empty any more
    }

    @Test func articleIsDatedInTheSiteTimeZoneAndBuilds() throws {
        let dir = tempDir()
        _ = try Scaffold.site(at: dir, example: true)
        // 20:30 UTC on 31 December is already New Year's Day in Vietnam.
        let now = ISO8601DateFormatter().date(from: "2024-12-31T20:30:00Z")!
        let rel = try Scaffold.article(title: "Giao ban: \"quý I\" \\ 2025", organization: "hoi-vi-du", root: dir, now: now)
        #expect(rel == "content/tin/hoi-vi-du/giao-ban-quy-i-2025.md")
        let text = try String(contentsOfFile: dir + "/" + rel, encoding: .utf8)
        #expect(text.contains("title: \"Giao ban: \\\"quý I\\\" \\\\ 2025\"\ndate: 2025-01-01 03:30\norganization: hoi-vi-du\n"))
        let result = Builder().build(BuildOptions(source: dir))
        #expect(result.succeeded, "\(result.diagnostics.sorted)")
        #expect(FileManager.default.fileExists(atPath: dir + "/public/2025/giao-ban-quy-i-2025/index.html"))
        let page = try String(contentsOfFile: dir + "/public/2025/giao-ban-quy-i-2025/index.html", encoding: .utf8)
        #expect(page.contains("Giao ban: &quot;quý I&quot; \\ 2025"))
    }

    @Test func refusals() throws {
        let dir = tempDir()
        _ = try Scaffold.site(at: dir, example: true)
        _ = try Scaffold.article(title: "Một", organization: "hoi-vi-du", root: dir)
        let before = try String(contentsOfFile: dir + "/content/tin/hoi-vi-du/mot.md", encoding: .utf8)
        #expect(throws: Scaffold.Failure.self) { try Scaffold.article(title: "Một", organization: "hoi-vi-du", root: dir) }
        #expect(try String(contentsOfFile: dir + "/content/tin/hoi-vi-du/mot.md", encoding: .utf8) == before)
        do {
            _ = try Scaffold.article(title: "Hai", organization: "hoi-vi-dư", root: dir)
            Issue.record("unknown organization accepted")
        } catch let failure as Scaffold.Failure {
            #expect(failure.description == "the organization `hoi-vi-dư` does not exist in content/organizations/; did you mean `hoi-vi-du`?")
        }
        #expect(throws: Scaffold.Failure.self) { try Scaffold.organization(id: "Hội Mới", name: "Hội Mới", root: dir) }
        #expect(try Scaffold.organization(id: "hoi-moi", name: "Hội Mới", root: dir) == "content/organizations/hoi-moi.md")
        #expect(throws: Scaffold.Failure.self) { try Scaffold.organization(id: "hoi-moi", name: "Khác", root: dir) }
        #expect(Builder().build(BuildOptions(source: dir)).succeeded)
    }

    @Test func commandLine() throws {
        let dir = tempDir()
        let site = try run(["new", "site", dir, "--example"])
        #expect(site.status == 0 && site.stdout.contains("delete content/organizations/hoi-vi-du.md and content/tin/hoi-vi-du/hoi-nghi-dau-tien.md"))
        let bare = try run(["new", "site", tempDir()])
        #expect(bare.status == 0 && bare.stdout.contains("next, add your organisation with `bantin new organization"))
        let new = try run(["new", "article", "Tổng kết năm", "--organization", "hoi-vi-du", "--source", dir])
        #expect(new.status == 0 && new.stdout == "bantin: wrote content/tin/hoi-vi-du/tong-ket-nam.md\n")
        let again = try run(["new", "article", "Tổng kết năm", "--organization", "hoi-vi-du", "--source", dir])
        #expect(again.status == 1)
        #expect(again.stderr == "bantin: error: content/tin/hoi-vi-du/tong-ket-nam.md exists already; Bantin does not overwrite it\n")
        #expect(try run(["new", "article", "X", "--source", dir]).status == 2)  // --organization is required
        #expect(try run(["build", "--source", dir]).status == 0)
    }
}

@Suite struct AnnotationTests {
    @Test func githubFormat() {
        let d = Diagnostic.error(SourceLocation(path: "content/a,b.md", line: 3, column: 7), "100% sai:\ndòng hai")
        #expect(d.githubAnnotation == "::error file=content/a%2Cb.md,line=3,col=7::100%25 sai:%0Adòng hai")
        #expect(Diagnostic.warning(SourceLocation(path: "site.yml"), "w").githubAnnotation == "::warning file=site.yml,line=1,col=1::w")
    }

    @Test func commandLineAnnotations() throws {
        let site = try fixture("broken")
        let check = try run(["check", "--diagnostics", "github", "--source", site.path])
        #expect(check.status == 1)
        #expect(check.stderr.hasPrefix("::error file=content/news/a-yaml.md,line=3,col=5::invalid YAML"))
        #expect(check.stderr.hasSuffix("\n21 errors, 3 warnings\n"))
        #expect(try run(["check", "--diagnostics", "xml", "--source", site.path]).status == 2)
    }
}

@Suite struct ProgressLineTests {
    @Test func aTerminalSeesProgressThatIsErasedBeforeTheSummary() throws {
        let site = try fixture("basic")
        // Enough articles that the build lasts a while even on a fast machine.
        for n in 1...400 {
            try "---\ntitle: Bài \(n)\ndate: 2023-05-\(10 + n % 18)\norganization: hkh-huyen\ntags: [chủ đề \(n % 30)]\n---\nNội dung **\(n)**.\n"
                .write(to: site.appendingPathComponent("content/news/bai-\(n).md"), atomically: true, encoding: .utf8)
        }
        let out = site.appendingPathComponent("out").path
        // `script` gives the build a terminal, as a person at a shell would.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "\(bantinBinary().path) build --lang en --source \(site.path) --output \(out)", "/dev/null"]
        process.environment = ProcessInfo.processInfo.environment.merging(["BANTIN_PROGRESS_AFTER": "0", "TERM": "xterm"]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("\r\u{1B}[Kbantin: "), "\(text.debugDescription)")
        #expect(text.range(of: #"bantin: (reading articles|rendering|writing) \d+/\d+ \d+%"#, options: .regularExpression) != nil)
        // Erased, then the one summary line.
        #expect(text.range(of: "\r\u{1B}\\[Kbantin: \\d+ pages, \\d+ files written to ", options: .regularExpression) != nil, "\(text.debugDescription)")
        // Without a terminal (CI, logs) there is no progress at all.
        try FileManager.default.removeItem(atPath: out)
        let plain = try run(["build", "--source", site.path, "--output", out])
        #expect(!plain.stderr.contains("\r") && !plain.stdout.contains("\r") && plain.stdout.hasPrefix("bantin: "))
    }
}
