import Foundation
import Testing
@testable import BantinKit

/// Bantin speaks Vietnamese to Vietnamese users (#16): every message it can print has its
/// Vietnamese, and the `PATH:LINE:COLUMN: error:` prefix stays as tools read it.
@Suite struct MessageTranslationTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/BantinKit")

    /// The message templates written at `.error(…, "…")` and `.warning(…, "…")` in the sources,
    /// each `\(…)` as `{}`.
    static func callSiteTemplates() throws -> [(file: String, template: String)] {
        var out: [(String, String)] = []
        let files = FileManager.default.enumerator(atPath: sources.path)?.allObjects as? [String] ?? []
        for file in files where file.hasSuffix(".swift") && !file.hasSuffix("VietnameseMessages.swift") {
            let text = Array(try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8))
            var i = 0
            while i < text.count {
                guard let call = [".error(", ".warning("].first(where: { matches(text, i, $0) }) else { i += 1; continue }
                i += call.count
                // The message is the argument after the first comma at this call's own depth.
                var depth = 0
                while i < text.count {
                    let c = text[i]
                    if c == "(" || c == "[" { depth += 1 } else if c == ")" || c == "]" { if depth == 0 { break }; depth -= 1 }
                    else if c == "," && depth == 0 { break }
                    else if c == "\"" { i = skipString(text, i) ; continue }
                    i += 1
                }
                guard i < text.count, text[i] == "," else { continue }
                i += 1
                while i < text.count, text[i] == " " || text[i] == "\n" { i += 1 }
                guard i < text.count, text[i] == "\"", !matches(text, i, "\"\"\"") else { continue }
                let (template, end) = literal(text, i)
                out.append((file, template))
                i = end
            }
        }
        return out
    }

    static func matches(_ text: [Character], _ i: Int, _ s: String) -> Bool {
        let chars = Array(s)
        return i + chars.count <= text.count && Array(text[i..<(i + chars.count)]) == chars
    }

    static func skipString(_ text: [Character], _ start: Int) -> Int { literal(text, start).end }

    /// The string literal at `start` (its opening quote) as a template, and where it ends.
    static func literal(_ text: [Character], _ start: Int) -> (template: String, end: Int) {
        var i = start + 1
        var out = ""
        while i < text.count, text[i] != "\"" {
            if text[i] == "\\", i + 1 < text.count {
                if text[i + 1] == "(" {
                    var depth = 1
                    i += 2
                    while i < text.count, depth > 0 {
                        if text[i] == "(" { depth += 1 } else if text[i] == ")" { depth -= 1 } else if text[i] == "\"" { i = skipString(text, i); continue }
                        i += 1
                    }
                    out += "{}"
                    continue
                }
                let escaped: [Character: String] = ["n": "\n", "t": "\t", "\"": "\"", "\\": "\\"]
                out += escaped[text[i + 1]] ?? String(text[i + 1])
                i += 2
                continue
            }
            out.append(text[i])
            i += 1
        }
        return (out, i + 1)
    }

    /// A message as a case of it would read: each `{}` a value.
    static func sample(_ template: String) -> String { template.replacingOccurrences(of: "{}", with: "x1") }

    @Test func everyMessageWrittenInTheSourcesHasItsVietnamese() throws {
        let templates = try Self.callSiteTemplates()
        #expect(templates.count > 90)  // the scanner finds them
        let missing = templates.filter { MessageTranslator.vietnamese(Self.sample($0.template)) == nil }
        #expect(missing.isEmpty, "no Vietnamese for:\n\(missing.map { "\($0.file): \($0.template)" }.joined(separator: "\n"))")
    }

    @Test func messagesMadeByHelpersHaveTheirVietnameseToo() {
        var messages = [
            PhotoProblem.unreadable("x").message(photo: "a.jpg"), PhotoProblem.damaged("x").message(photo: "a.jpg"),
            PhotoProblem.tooLarge(width: 30000, height: 30000, limit: 100).message(photo: "a.jpg"),
            ContentParser.remoteImageProblem("https://x.vn/a.jpg"),
            OrganizationReference.unknown("hkh-x", what: "the organization", known: ["hkh-y"]),
            OrganizationReference.unknown("abc", what: "the organization", known: ["hkh-y"]),
            OrganizationReference.unknown("abc", what: "the organization", known: []),
            ContentParser.commaSplitProblem("29", "5", .vi), ContentParser.commaSplitProblem("26", "330", .en),
            SourcePaths.missingSource("../khong.md"), SourcePaths.missingFile("a.jpg", photo: true),
            SourcePaths.missingFile("a.pdf", to: " (/2024/x/a.pdf)", photo: false),
        ]
        for kind in [FigureKind.count, .percent, .money] {
            for value in [Number.integer(-3), .decimal(12.5), .integer(129)] {
                if let m = FigureInput.boundsProblem(value, kind: kind, key: "members", unit: nil, language: .vi) { messages.append(m) }
            }
        }
        for problem in ["found character that cannot start any token", "mapping values are not allowed in this context", "did not find expected key",
                        "did not find expected '-' indicator", "did not find expected ',' or ']'", "did not find expected ',' or '}'",
                        "found unknown escape character", "could not find expected ':'", "block sequence entries are not allowed in this context",
                        "did not find expected node content", "did not find expected alphabetic or numeric character",
                        // Every other problem libyaml's scanner and parser can give (Yams' CYaml).
                        "found a tab character that violates indentation", "found a tab character where an indentation space is expected",
                        "control characters are not allowed", "found an incorrect leading UTF-8 octet", "found an incorrect trailing UTF-8 octet",
                        "invalid leading UTF-8 octet", "invalid trailing UTF-8 octet", "incomplete UTF-8 octet sequence",
                        "invalid length of a UTF-8 sequence", "invalid Unicode character", "incomplete UTF-16 character", "incomplete UTF-16 surrogate pair",
                        "could not find expected directive name", "found unknown directive name", "found duplicate %YAML directive",
                        "found duplicate %TAG directive", "found incompatible YAML document", "did not find expected version number",
                        "found extremely long version number", "did not find expected digit or '.' character", "did not find expected whitespace",
                        "found unexpected non-alphabetical character", "did not find expected '!'", "did not find expected tag URI",
                        "did not find URI escaped octet", "found undefined tag handle", "did not find the expected '>'", "found unexpected ':'",
                        "found unexpected document indicator", "found unexpected end of stream", "found invalid Unicode character escape code",
                        "did not find expected hexdecimal number", "found an indentation indicator equal to 0",
                        "did not find expected comment or line break", "did not find expected whitespace or line break",
                        "mapping keys are not allowed in this context", "did not find expected <document start>"] {
            let human = YAMLMessages.human(problem, context: nil, contextLine: 3, at: YAMLMark(line: 1, column: 1), in: "a: b")
            #expect(human != problem, "libyaml's own words for: \(problem)")
            messages.append("invalid YAML: " + human)
        }
        messages.append("invalid YAML: " + YAMLMessages.human("x", context: nil, contextLine: nil, at: YAMLMark(line: 1, column: 1), in: "\tb: c"))
        for message in messages {
            #expect(MessageTranslator.vietnamese(message) != nil, "no Vietnamese for: \(message)")
        }
    }

    @Test func everyProblemOfABrokenSiteIsSaidInVietnamese() throws {
        let site = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/broken").path
        var options = BuildOptions(source: site)
        options.write = false
        options.makesPhotos = false
        let diagnostics = Builder().build(options).diagnostics.sorted
        #expect(diagnostics.count > 15)
        for d in diagnostics {
            #expect(MessageTranslator.vietnamese(d.message) != nil, "no Vietnamese for: \(d.message)")
            // The parts a message quotes stay as written; the words around them are Vietnamese.
            let line = d.description(in: .vi)
            #expect(line.hasPrefix("\(d.location.path):\(d.location.line):\(d.location.column): \(d.severity.rawValue): \(d.severity == .error ? "lỗi" : "cảnh báo"): "))
        }
    }

    @Test func partsAreFilledInTheirVietnameseOrder() {
        #expect(MessageTranslator.vietnamese("unknown key `abc` in `statistics.members`; known: label, unit, kind")
                == "`statistics.members` không có mục `abc`; chỉ có: label, unit, kind")
        #expect(MessageTranslator.vietnamese("`date` is not a real date: `2023-02-30` (month 2 has 28 days)")
                == "`date` không phải là ngày có thật: `2023-02-30` (tháng 2 có 28 ngày)")
        #expect(MessageTranslator.vietnamese("a message Bantin does not have") == nil)
        #expect(MessageTranslator.translate("a message Bantin does not have", to: .vi) == "a message Bantin does not have")
        #expect(Diagnostics([.error(SourceLocation(path: "a.md"), "x"), .warning(SourceLocation(path: "a.md"), "y")]).summary(in: .vi) == "1 lỗi, 1 cảnh báo")
    }

    @Test func theCommandLineSpeaksTheSitesLanguageOrTheOneAskedFor() throws {
        let broken = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/broken").path
        // A Vietnamese site: Vietnamese, the prefix as tools parse it, the summary in Vietnamese.
        let vi = try run(["check", "--lang", "vi", "--source", broken])
        #expect(vi.status == 1)
        #expect(vi.stderr.contains("content/news/c-missing.md:1:1: error: lỗi: bài viết chưa có `date` (ngày đăng)"), "\(vi.stderr)")
        #expect(vi.stderr.contains(" lỗi, ") && vi.stderr.hasSuffix(" cảnh báo\n"))
        let en = try run(["check", "--lang", "en", "--source", broken])
        #expect(en.stderr.contains("content/news/c-missing.md:1:1: error: the article has no `date`"))
        #expect(en.stderr.contains(" errors, "))
        let github = try run(["check", "--lang", "vi", "--diagnostics", "github", "--source", broken])
        #expect(github.stderr.contains("::error file=content/news/c-missing.md,line=1,col=1::lỗi: bài viết chưa có `date`"))
        // Without --lang: the site's language (vi by default), else LANG.
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-lang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("content/organizations"), withIntermediateDirectories: true)
        try "title: Tin\nbase_url: https://example.org/\nlanguage: en\n".write(to: site.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        try "---\nname: Hội\n---\n".write(to: site.appendingPathComponent("content/organizations/hoi.md"), atomically: true, encoding: .utf8)
        try "---\ntitle: Bài\norganization: hoi\n---\nx\n".write(to: site.appendingPathComponent("content/bai.md"), atomically: true, encoding: .utf8)
        func check(_ environment: [String: String]) throws -> String {
            let process = Process()
            process.executableURL = bantinBinary()
            process.arguments = ["check", "--source", site.path]
            process.environment = environment
            let err = Pipe()
            process.standardError = err
            process.standardOutput = Pipe()
            try process.run()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text
        }
        #expect(try check(["LANG": "C.UTF-8"]).contains("error: the article has no `date`"))
        #expect(try check(["LANG": "vi_VN.UTF-8"]).contains("error: lỗi: bài viết chưa có `date`"))
        try "title: Tin\nbase_url: https://example.org/\n".write(to: site.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        #expect(try check(["LANG": "C.UTF-8"]).contains("error: lỗi: bài viết chưa có `date`"))
        // A language Bantin does not speak is a usage error.
        let bad = try run(["check", "--lang", "fr", "--source", broken])
        #expect(bad.status == 2 && bad.stderr.contains("--lang is vi (tiếng Việt) or en (English)"))
    }
}
