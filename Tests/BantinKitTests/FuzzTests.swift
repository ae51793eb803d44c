import Foundation
import Testing
@testable import BantinKit

/// SplitMix64: a small deterministic generator, so a failing case can be replayed by its seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutates valid sources in the ways staff and tools damage them.
struct Mutator {
    var rng: SplitMix

    static let oddText = [
        "\u{202E}", "\u{0301}\u{0301}\u{0301}", "\u{FEFF}", "\u{0000}", "👩‍👩‍👧", "Ω", "\u{200B}", "ệ", "\r", "\t",
        ": ", "- ", "*a", "&a ", "!!str ", "|", ">", "{", "}", "[", "]", "%", "@", "`", "#", "'", "\"", "---", "...", "? ",
    ]

    mutating func mutate(_ text: String) -> Data {
        var bytes = Array(text.utf8)
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: bytes = Array(bytes.prefix(at))  // truncation
            case 1: bytes.insert(contentsOf: (0..<Int.random(in: 1...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &rng)))
            case 3:  // duplicate a run
                let run = bytes[at..<min(bytes.count, at + Int.random(in: 1...80, using: &rng))]
                bytes.insert(contentsOf: run, at: at)
            case 4:  // deep nesting
                let depth = Int.random(in: 10...5000, using: &rng)
                let open = Bool.random(using: &rng) ? "[" : (Bool.random(using: &rng) ? "{a: " : "- ")
                bytes.insert(contentsOf: Array(("\nx: " + String(repeating: open, count: depth)).utf8), at: at)
            case 5:  // a huge value
                bytes.insert(contentsOf: Array(("\nsummary: " + String(repeating: "khuyến học ", count: Int.random(in: 1000...12000, using: &rng)) + "\n").utf8), at: at)
            case 6, 7:
                bytes.insert(contentsOf: Array(Self.oddText.randomElement(using: &rng)!.utf8), at: at)
            case 8:  // invalid UTF-8 sequences
                bytes.insert(contentsOf: [[0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xFF], [0xE1, 0xBB]].randomElement(using: &rng)!, at: at)
            default:  // an alias bomb
                bytes.insert(contentsOf: Array("\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ntags: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n".utf8), at: at)
            }
        }
        return Data(bytes)
    }
}

@Suite struct FuzzTests {
    static let root = "/fuzz"
    static let siteYML = """
    title: Thử
    base_url: https://example.org/
    paginate: 2
    statistics:
      members: { label: Hội viên, unit: người }
    """
    static let articles = [
        """
        ---
        title: Hội nghị tổng kết năm 2023
        date: 2024-01-10 17:50
        organization: [hkh-a, hkh-b]
        tags: [tổng kết, học bổng]
        meeting: { kind: tổng kết, period: "2023", attendees: [{ name: A, role: B }] }
        awards:
          - { title: Bằng khen, recipient_kind: collective, count: 23 }
        statistics:
          - { key: members, value: 7575 }
          - { key: ratio, value: 29.5, label: Tỷ lệ, unit: "%" }
        ---
        Đoạn **một** với [liên kết](/nam/2023/) và bảng:

        | a | b |
        |---|---|
        | 1 | 2 |
        """,
        """
        ---
        title: "Giao ban: quý III"
        date: 2022-09-24T18:10:00+07:00
        organization: hkh-b
        meeting:
          kind: giao ban
          period: 2022-Q3
          chair:
            - Dương Tấn Thanh
        statistics:
          - key: members
            value: 60358
        ---
        Nội dung[^1].

        [^1]: Chú thích.
        """,
    ]

    static func site(_ files: [String: Data]) -> MemoryFileSystem {
        var fs = MemoryFileSystem([
            "\(root)/content/organizations/hkh-a.md": "---\nname: Hội A\nlevel: tỉnh\n---\nMô tả.\n",
            "\(root)/content/organizations/hkh-b.md": "---\nname: Hội B\nparent: hkh-a\n---\n",
            "\(root)/content/pages/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nTrang.\n",
        ])
        for (path, data) in files { fs.contents["\(root)/\(path)"] = data }
        return fs
    }

    static var cases: Int { Int(ProcessInfo.processInfo.environment["BANTIN_FUZZ_CASES"] ?? "") ?? 3000 }

    @Test(.timeLimit(.minutes(5))) func mutatedSourcesNeverCrashOrHang() {
        var mutator = Mutator(rng: SplitMix(state: UInt64(ProcessInfo.processInfo.environment["BANTIN_FUZZ_SEED"] ?? "") ?? 20261123))
        var built = 0, rejected = 0
        let known = Set(["site.yml", "content/news/a.md", "content/news/b.md", "content/organizations/hkh-a.md",
                         "content/organizations/hkh-b.md", "content/pages/gioi-thieu.md"])
        for n in 0..<Self.cases {
            var files: [String: Data] = [
                "site.yml": Data(Self.siteYML.utf8),
                "content/news/a.md": Data(Self.articles[0].utf8),
                "content/news/b.md": Data(Self.articles[1].utf8),
            ]
            // Mostly one article; sometimes site.yml, sometimes both articles.
            switch n % 10 {
            case 0: files["site.yml"] = mutator.mutate(Self.siteYML)
            case 1: files["content/news/a.md"] = mutator.mutate(Self.articles[0]); files["content/news/b.md"] = mutator.mutate(Self.articles[1])
            case 2...5: files["content/news/a.md"] = mutator.mutate(Self.articles[0])
            default: files["content/news/b.md"] = mutator.mutate(Self.articles[1])
            }
            var options = BuildOptions(source: Self.root)
            options.write = false
            let result = Builder(fileSystem: Self.site(files)).build(options)
            if result.succeeded {
                built += 1
                #expect(result.files.contains { $0.path == "index.html" })
            } else {
                rejected += 1
                for d in result.diagnostics.items where d.severity == .error {
                    #expect(d.location.line >= 1 && d.location.column >= 1, "case \(n): \(d)")
                    #expect(known.contains(d.location.path), "case \(n): \(d)")
                }
            }
        }
        #expect(built + rejected == Self.cases)
        #expect(built > 0 && rejected > 0)  // the mutations exercise both paths
        print("fuzz: \(Self.cases) cases, \(built) built, \(rejected) reported errors")
    }
}

/// The file system's own hazards, mutated at random on a real site folder: links out of the
/// site, to its own folders and in loops, FIFOs, very long and strange file names, long titles.
/// Whatever the mix, a build ends, names every problem at a path inside the site on one line,
/// publishes nothing from outside, and writes no link.
@Suite struct FileSystemFuzzTests {
    static var cases: Int { Int(ProcessInfo.processInfo.environment["BANTIN_FS_FUZZ_CASES"] ?? "") ?? 60 }

    @Test(.timeLimit(.minutes(3))) func hazardsOnDiskNeverHangLeakOrCrash() throws {
        var rng = SplitMix(state: UInt64(ProcessInfo.processInfo.environment["BANTIN_FUZZ_SEED"] ?? "") ?? 20261124)
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-fsfuzz-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside.appendingPathComponent("dir"), withIntermediateDirectories: true)
        let secret = "BÍ-MẬT-\(UUID().uuidString)"
        try secret.write(to: outside.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try secret.write(to: outside.appendingPathComponent("dir/secret.md"), atomically: true, encoding: .utf8)
        let folders = ["content/news", "content/news/bundle", "static", "static/img", "layouts", "content"]
        let article = "---\ntitle: T\ndate: 2024-01-01\norganization: hkh-tinh\n---\nThân bài.\n"
        var built = 0, refused = 0
        for n in 0..<Self.cases {
            let site = try fixture("basic")
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let folder = site.appendingPathComponent(folders[Int(rng.next() % UInt64(folders.count))])
                let name = "x\(rng.next() % 1000)"
                let at = folder.appendingPathComponent(name + (rng.next() % 2 == 0 ? ".md" : ".txt")).path
                switch rng.next() % 9 {
                case 0: try? FileManager.default.createSymbolicLink(atPath: at, withDestinationPath: outside.appendingPathComponent("secret.txt").path)
                case 1: try? FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(name).path, withDestinationPath: outside.path)
                case 2: try? FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(name).path, withDestinationPath: "..")
                case 3: try? FileManager.default.createSymbolicLink(atPath: at, withDestinationPath: site.appendingPathComponent("site.yml").path)
                case 4: mkfifo(at, 0o644)
                case 5: try? article.write(toFile: folder.appendingPathComponent(String(repeating: "dài", count: 80) + ".md").path, atomically: false, encoding: .utf8)
                case 6: try? article.write(toFile: folder.appendingPathComponent("dòng\nmới\u{1B}[31m.md").path, atomically: false, encoding: .utf8)
                case 7: try? article.replacingOccurrences(of: "title: T", with: "title: " + String(repeating: "Hội nghị tổng kết ", count: 20))
                    .write(toFile: at, atomically: false, encoding: .utf8)
                default: try? FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(name).path, withDestinationPath: "nowhere")
                }
            }
            var options = BuildOptions(source: site.path)
            options.jobs = 2
            let result = Builder().build(options)
            if result.succeeded { built += 1 } else { refused += 1 }
            for d in result.diagnostics.items {
                #expect(!d.location.path.hasPrefix("/"), "case \(n): \(d)")
                #expect(!d.description.contains("\n") && !d.description.contains("\u{1B}"), "case \(n): \(d)")
            }
            let out = site.appendingPathComponent("public")
            guard result.succeeded else {
                #expect(!FileManager.default.fileExists(atPath: out.path), "case \(n): a failed build wrote")
                continue
            }
            for path in FileManager.default.subpaths(atPath: out.path) ?? [] {
                var info = stat()
                #expect(lstat(out.path + "/" + path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFLNK, "case \(n): \(path) is a link")
                if (info.st_mode & S_IFMT) == S_IFREG, let data = FileManager.default.contents(atPath: out.path + "/" + path) {
                    #expect(!String(decoding: data, as: UTF8.self).contains(secret), "case \(n): \(path) leaks")
                }
            }
        }
        #expect(built > 0 && refused > 0, "built \(built), refused \(refused)")
        print("fs fuzz: \(Self.cases) cases, \(built) built, \(refused) refused")
    }
}
