import Foundation
import Testing
@testable import BantinKit

/// `bantin import` (`Import/`): old portal pages in, draft articles out. The fixtures under
/// Fixtures/import/ are pages written in the shapes of Vietnamese portals (Joomla, WordPress,
/// a provincial portal laid out with tables, a Windows-1258 page) and text copies in the shapes
/// of the five seed pages, with the seeds' facts and our own sentences.
@Suite struct ImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/import").path
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A site with the example's site.yml (its statistics catalog) and one organisation.
    static func site() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-import-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/content/organizations", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repository + "/site.yml", toPath: root + "/site.yml")
        try Data("---\nname: Hội Khuyến học tỉnh Thử\n---\n".utf8).write(to: URL(fileURLWithPath: root + "/content/organizations/hkh-thu.md"))
        return root
    }

    static func importing(_ paths: [String], into root: String, dryRun: Bool = false) throws -> [Importer.Line] {
        let importer = try Importer(root: root, organization: "hkh-thu", dryRun: dryRun)
        return importer.run(try Importer.inputs(paths))
    }

    static func written(_ line: Importer.Line, in root: String) throws -> String {
        guard case .imported(let path) = line.outcome else { Issue.record("not imported: \(line.description)"); return "" }
        return try String(contentsOfFile: root + "/" + path, encoding: .utf8)
    }

    static func frontMatter(_ text: String) -> String { text.components(separatedBy: "\n---\n").first ?? "" }
    static func body(_ text: String) -> String { text.components(separatedBy: "\n---\n").dropFirst().joined(separator: "\n---\n") }

    // MARK: Text copies (the seeds' shapes)

    @Test(arguments: [
        ("ky-tuc-xa.txt", "Trung tâm Quản lý Ký túc xá họp bàn kế hoạch hoạt động năm 2023", "date: 2023-02-14 15:20\n",
         ["Tin nổi bật", "Các bài viết khác", "Ngày hội việc làm", "•"]),
        ("vu-quang.txt", "Hội Khuyến học huyện Vũ Quang triển khai nhiệm vụ năm 2023", "date: 2023-02-09 ",
         ["Đánh giá", "lượt đánh giá", "Mã xác thực", "Thống kê", "Trong ngày", "Online", "Bản đồ hành chính"]),
        ("quang-ninh.txt", "Tổng kết công tác Đoàn, Đội trường học năm học 2019 – 2020", "date: 2020-09-10 ",
         ["\nê\n", "Nguồn Báo"]),
        ("yen-bai.txt", "Hội nghị tổng kết công tác khuyến học năm 2023, triển khai nhiệm vụ năm 2024", "date: 2024-01-10 17:50\n",
         ["Loading", "Chào mừng", "Lượt đọc", "1924", "Thư viện video", "Lượt truy cập", "visitor counter"]),
        ("tan-binh.txt", "Thành phố Hồ Chí Minh: Hội Khuyến học Tân Bình giao ban công tác khuyến học quý III", "date: 2022-09-24 18:10\n",
         ["Hotline", "2473.098.555", "Hà Nội,"]),
    ])
    func textCopiesGiveTitleDateAndNoPortalClutter(file: String, title: String, date: String, clutter: [String]) throws {
        let root = try Self.site()
        let lines = try Self.importing([Self.fixtures + "/text/" + file], into: root)
        #expect(lines.count == 1)
        let text = try Self.written(lines[0], in: root)
        #expect(text.contains("title: \"\(title)\"\n"), "\(text)")
        #expect(text.contains("\n" + date), "\(text)")
        #expect(text.contains("\ndraft: true\n"))
        for word in clutter { #expect(!text.contains(word), "`\(word)` is still in:\n\(text)") }
        // The title is the front-matter's, not a paragraph of the body too.
        #expect(!Self.body(text).split(separator: "\n").contains { $0 == title })
    }

    @Test func textCopiesKeepListsBylinesAndSources() throws {
        let root = try Self.site()
        let lines = try Self.importing(["ky-tuc-xa.txt", "quang-ninh.txt", "yen-bai.txt", "tan-binh.txt", "vu-quang.txt"].map { Self.fixtures + "/text/" + $0 }, into: root)
        let texts = try lines.map { try Self.written($0, in: root) }
        #expect(texts[0].contains("\n- Mỗi đơn vị nêu rõ việc, người làm, kinh phí và thời hạn của từng nhiệm vụ;\n- Các hoạt động"))
        #expect(texts[0].contains("meeting:\n  kind: kế hoạch\n  date: 2023-02-12\n"))
        // A caption printed twice is kept once; the signature and the source line leave the body.
        #expect(texts[1].components(separatedBy: "Quang cảnh hội nghị").count == 2)
        #expect(texts[1].contains("author: \"Dương Hương\"") && texts[1].contains("source: { name: \"Báo Quảng Ninh\" }"))
        #expect(texts[2].contains("author: \"Minh Đức, CVP Hội Khuyến học tỉnh Yên Bái\""))
        #expect(texts[3].contains("author: \"PV\"") && texts[3].contains("kind: giao ban"))
        // No date line: the meeting's day, its year from the text, said in the file and the report.
        #expect(texts[4].contains("date: 2023-02-09   # the page prints no date"))
        #expect(lines[4].notes.contains { $0.contains("date guessed") })
        // The lead paragraph printed above the title stays.
        #expect(Self.body(texts[4]).hasPrefix("Sáng ngày 9/2 Hội Khuyến học huyện Vũ Quang"))
    }

    /// The five seed pages themselves, where the shared specification is beside the repository
    /// (it is not in a clone of it alone; the fixtures above have the same shapes).
    static let seeds = repository + "/../shared/seeds"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: seeds)))
    func theSeedPagesImportWithTitleDateAndNoClutter() throws {
        let root = try Self.site()
        let expected = [
            ("000", "Trung tâm Quản lý Ký túc xá tổ chức Hội nghị kế hoạch hoạt động năm 2023", "date: 2023-02-14 15:20\n"),
            ("001", "Hội nghị triển khai nhiệm vụ khuyến học, khuyến tài xây dựng xã hội học tập và hoạt động của Trung tâm học tập cộng đồng năm 2023", "date: 2023-02-09 "),
            ("002", "Tổng kết công tác Đoàn, Đội trường học, phong trào sinh viên", "date: 2020-09-10 "),
            ("003", "Hội nghị tổng kết công tác khuyến học, khuyến tài, xây dựng xã hội học tập năm 2023, triển khai phương hướng nhiệm vụ năm 2024", "date: 2024-01-10 17:50\n"),
            ("004", "Thành phố Hồ Chí Minh: Hội Khuyến học Tân Bình tổ chức hội nghị giao ban công tác khuyến học", "date: 2022-09-24 18:10\n"),
        ]
        let lines = try Self.importing([Self.seeds], into: root)
        #expect(lines.count == 5)
        for (line, (seed, title, date)) in zip(lines, expected) {
            #expect(line.input.contains(seed + "_"))
            let text = try Self.written(line, in: root)
            #expect(text.contains("title: \"\(title)\"\n"), "\(seed): \(text.prefix(300))")
            #expect(text.contains("\n" + date), "\(seed): \(text.prefix(300))")
            for clutter in ["Lượt đọc", "Lượt truy cập", "Thống kê:", "Đánh giá:", "lượt đánh giá", "Mã xác thực", "visitor counter", "Loading",
                            "Các bài viết khác", "Online:", "Trong ngày:", "Hotline", "Chào mừng bạn", "Thư viện video", "Tin nổi bật"] {
                #expect(!text.contains(clutter), "\(seed): `\(clutter)` is still there")
            }
        }
    }

    // MARK: Saved HTML pages

    @Test func aJoomlaPageWithItsPhotoBesideIt() throws {
        let root = try Self.site()
        let lines = try Self.importing([Self.fixtures + "/joomla"], into: root)
        #expect(lines.count == 1)
        guard case .imported(let path) = lines[0].outcome else { Issue.record("\(lines[0].description)"); return }
        // A page with a local photo is a bundle; the photo is copied beside it.
        #expect(path == "content/tin/hkh-thu/hoi-khuyen-hoc-huyen-vu-quang-trien-khai-nhiem-vu-nam-2023/index.md")
        let photo = root + "/" + (path as NSString).deletingLastPathComponent + "/hoi-nghi.jpg"
        #expect(FileManager.default.contents(atPath: photo) == FileManager.default.contents(atPath: Self.fixtures + "/joomla/images/2023/hoi-nghi.jpg"))
        let text = try Self.written(lines[0], in: root)
        #expect(text.contains("title: \"Hội Khuyến học huyện Vũ Quang triển khai nhiệm vụ năm 2023\"\n"))
        #expect(text.contains("date: 2023-02-09 10:15\n"))
        #expect(text.contains("author: \"Văn Thọ\"\n"))
        #expect(text.contains("source: { name: \"khuyenhoc.hatinh.example.vn\", url: \"https://khuyenhoc.hatinh.example.vn/tin-tuc/123-trien-khai-2023.html\" }"))
        let body = Self.body(text)
        #expect(body.contains("Sáng **ngày 9/2**, Hội Khuyến học"))
        #expect(body.contains("Toàn huyện hiện có 7.575 hội viên, sinh hoạt tại"))  // white space as a browser shows it
        #expect(body.contains("![Quang cảnh hội nghị triển khai](hoi-nghi.jpg)"))
        #expect(body.contains("- Thành lập *Quỹ khuyến học* của huyện;\n- Phối hợp"))
        #expect(body.contains("| Chỉ tiêu | Số lượng |\n| --- | --- |\n| Hội viên | 7.575 |"))
        // A link from the site's root, made absolute; a `*` in the text escaped.
        #expect(body.contains("[bài tổng kết năm 2022](https://khuyenhoc.hatinh.example.vn/tin-tuc/100-tong-ket-2022.html) và kế hoạch 2023\\*."))
        for clutter in ["Lượt xem", "In bài", "Gửi email", "Đánh giá", "Bình chọn", "Bài viết liên quan", "truy cập", "Trang chủ", "hits", "document.write"] {
            #expect(!body.contains(clutter), "`\(clutter)` in:\n\(body)")
        }
        // The figures the text reports, commented out under their sentence.
        #expect(text.contains("# statistics:\n#   # Toàn huyện hiện có 7.575 hội viên, sinh hoạt tại 10 hội cơ sở và 79 chi hội;\n#   - { key: members, value: 7575 }"))
        #expect(text.contains("#   - { key: learning_centers, value: 10 }"))
    }

    @Test func aWordPressPage() throws {
        let root = try Self.site()
        let lines = try Self.importing([Self.fixtures + "/wordpress/tong-ket-doan-doi.html"], into: root)
        let text = try Self.written(lines[0], in: root)
        #expect(text.contains("title: \"Tổng kết công tác Đoàn, Đội trường học năm học 2019 – 2020\"\n"))
        // 01:00 UTC is 08:00 in the site's time zone (Asia/Ho_Chi_Minh).
        #expect(text.contains("date: 2020-09-11 08:00\n"))
        #expect(text.contains("author: \"Dương Hương\"\n"))
        #expect(text.contains("source: { name: \"Tỉnh Đoàn Quảng Ninh\", url: \"https://tinhdoan.quangninh.example.vn/2020/09/tong-ket-doan-doi/\" }"))
        let body = Self.body(text)
        #expect(body.contains("## Năm học 2020 – 2021"))
        #expect(body.contains("> Mỗi trường học là một “pháo đài” của phong trào thanh niên."))
        #expect(body.contains("*Quang cảnh hội nghị.*"))
        // A photo on another site: kept as a link, and said in the report.
        #expect(body.contains("[Ảnh: Quang cảnh hội nghị](https://tinhdoan.quangninh.example.vn/wp-content/uploads/2020/09/quang-canh.jpg)"))
        #expect(lines[0].notes.contains { $0.contains("kept as a link") && $0.contains("quang-canh.jpg") })
        for clutter in ["Chia sẻ", "Facebook", "Có liên quan", "Bình luận", "Mã xác thực", "Tin mới", "Trang chủ", "bởi"] {
            #expect(!text.contains(clutter), "`\(clutter)` in:\n\(text)")
        }
        #expect(text.contains("#   - { title: \"Bằng khen\", recipient_kind: collective, count: 12 }"))
    }

    @Test func aProvincialPortalLaidOutWithTables() throws {
        let root = try Self.site()
        let lines = try Self.importing([Self.fixtures + "/cong-thong-tin/tong-ket-2023.htm"], into: root)
        let text = try Self.written(lines[0], in: root)
        #expect(text.contains("title: \"Hội nghị tổng kết công tác khuyến học năm 2023, triển khai nhiệm vụ năm 2024\"\n"))
        #expect(text.contains("date: 2024-01-10 17:50\n"))  // 5:50:00 CH: chiều, after noon
        #expect(text.contains("author: \"Minh Đức\"\n"))
        #expect(text.contains("meeting:\n  kind: tổng kết\n  date: 2024-01-10\n"))
        let body = Self.body(text)
        #expect(body.hasPrefix("Ngày 10/01/2024, Hội Khuyến học tỉnh Yên Bái tổng kết công tác năm 2023"))
        for clutter in ["Thống kê", "Trong ngày", "Online", "Lượt đọc", "Các tin khác", "Chào mừng", "Giới thiệu", "Bản quyền", "|"] {
            #expect(!body.contains(clutter), "`\(clutter)` in:\n\(body)")
        }
        #expect(text.contains("#   - { key: member_ratio, value: 29.5 }"))
        #expect(text.contains("#   - { key: students_supported, value: 26330 }"))
        #expect(text.contains("#   - { title: \"Khen thưởng\", recipient_kind: individual, count: 26 }"))
    }

    @Test func aWindows1258PageAndOneInACharsetNobodyReads() throws {
        let root = try Self.site()
        // The unreadable page fails on its own; the other is imported in the same run.
        let lines = try Self.importing([Self.fixtures + "/unknown-charset/trang.html", Self.fixtures + "/windows-1258/giao-ban-quy-3.html"], into: root)
        guard case .failed(let why) = lines[0].outcome else { Issue.record("\(lines[0].description)"); return }
        #expect(why.contains("`x-viet-vni-old`") && why.contains("save the page as UTF-8"))
        let text = try Self.written(lines[1], in: root)
        // Windows-1258 writes tones as combining marks: they come out composed, as typed.
        #expect(text.contains("title: \"Hội Khuyến học quận Tân Bình giao ban quý III năm 2022\"\n"))
        #expect(text.contains("date: 2022-09-24 18:10\n"))
        #expect(text.contains("Quận hiện có 60.358 hội viên, bằng 17,34% dân số"))
        #expect(!text.contains("Lượt xem") && !text.contains("Trang chủ"))
        #expect(text.unicodeScalars.allSatisfy { !(0x300...0x323).contains($0.value) })
        // The same page without its <meta>: not UTF-8, and nothing says what it is.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-nometa-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/windows-1258/giao-ban-quy-3.html"))
        let withoutMeta = String(decoding: bytes, as: UTF8.self).contains("charset") ? Data(String(data: bytes, encoding: .isoLatin1)!
            .replacingOccurrences(of: "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">", with: "").data(using: .isoLatin1)!) : bytes
        try withoutMeta.write(to: URL(fileURLWithPath: dir + "/trang.html"))
        let undeclared = try Self.importing([dir + "/trang.html"], into: root)
        guard case .failed(let reason) = undeclared[0].outcome else { Issue.record("\(undeclared[0].description)"); return }
        #expect(reason.contains("does not say which character set") && reason.contains("windows-1258"))
    }

    // MARK: Round trip: what the build shows is what the page said

    static func paragraphs(ofPage html: Data) -> [String] {
        guard case .success(let tree) = HTMLTree.parse(html) else { return [] }
        var out: [String] = []
        tree.elements { if $0.name == "p" { out.append($0.text) } }
        return out
    }

    @Test func anImportedArticleBuildsToTheSameParagraphs() throws {
        let root = try Self.site()
        let page = Self.fixtures + "/joomla/trien-khai-2023.html"
        let lines = try Self.importing([page, Self.fixtures + "/text/yen-bai.txt"], into: root)
        #expect(lines.allSatisfy { if case .imported = $0.outcome { return true }; return false })
        var options = BuildOptions(source: root, output: root + "/public")
        options.drafts = true
        let result = Builder().build(options)
        #expect(result.succeeded, "\(result.diagnostics.sorted)")
        let built = (FileManager.default.enumerator(atPath: root + "/public")?.allObjects as? [String] ?? []).filter { $0.hasSuffix("/index.html") }
        func paragraphsOfArticle(_ title: String) -> [String] {
            for file in built {
                guard let data = FileManager.default.contents(atPath: root + "/public/" + file),
                      String(decoding: data, as: UTF8.self).contains("<h1>\(title)</h1>") else { continue }
                return Self.paragraphs(ofPage: data)
            }
            Issue.record("no page with the title \(title)")
            return []
        }
        // The saved page's own paragraphs (its article body's, read by the same parser).
        guard case .success(let tree) = HTMLTree.parse(FileManager.default.contents(atPath: page)!),
              let source = tree.first(where: { $0.attribute("itemprop") == "articleBody" }) else { Issue.record("fixture"); return }
        var expected: [String] = []
        source.elements { if $0.name == "p", !$0.text.isEmpty { expected.append($0.text) } }
        let shown = paragraphsOfArticle("Hội Khuyến học huyện Vũ Quang triển khai nhiệm vụ năm 2023")
        #expect(expected.count == 4)
        for p in expected { #expect(shown.contains(p), "`\(p)` not among \(shown)") }
        let yenBai = paragraphsOfArticle("Hội nghị tổng kết công tác khuyến học năm 2023, triển khai nhiệm vụ năm 2024")
        for p in ["Ngày 10/01/2024, Hội Khuyến học tỉnh Yên Bái tổng kết công tác năm 2023 và bàn nhiệm vụ năm 2024.",
                  "Đến nay trên 29,5% dân số toàn tỉnh tham gia hội; hội đã giúp đỡ 26.330 học sinh, sinh viên có hoàn cảnh khó khăn.",
                  "Hội nghị khen thưởng 23 tập thể và 26 cá nhân có thành tích xuất sắc năm 2023."] {
            #expect(yenBai.contains(p), "`\(p)` not among \(yenBai)")
        }
    }

    @Test func uncommentedFiguresAreFiguresABuildReads() throws {
        let root = try Self.site()
        let lines = try Self.importing([Self.fixtures + "/cong-thong-tin/tong-ket-2023.htm"], into: root)
        guard case .imported(let path) = lines[0].outcome else { Issue.record("\(lines[0].description)"); return }
        var text = try Self.written(lines[0], in: root)
        // What the comment tells staff to do: take the # from `statistics:`, `awards:` and the lines to publish.
        text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("# statistics:") || line.hasPrefix("# awards:") ? String(line.dropFirst(2))
                : line.hasPrefix("#   - ") ? String(line.dropFirst(2)) : String(line)
        }.joined(separator: "\n").replacingOccurrences(of: "draft: true", with: "draft: false")
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path))
        let (index, result) = Builder().index(BuildOptions(source: root))
        #expect(result.succeeded, "\(result.diagnostics.sorted)")
        let facts = index?.statistics.flatMap { s in s.facts.map { "\(s.key)=\($0.value.plain)" } } ?? []
        #expect(facts.contains("member_ratio=29.5") && facts.contains("students_supported=26330"), "\(facts)")
        #expect(index?.awards.map(\.award.count).sorted() == [23, 26])
    }

    // MARK: Safe and repeatable

    @Test func importingAgainImportsNothingAndNothingIsOverwritten() throws {
        let root = try Self.site()
        let page = Self.fixtures + "/text/tan-binh.txt"
        // Another article already has the path this page's title gives.
        let taken = root + "/content/tin/hkh-thu/thanh-pho-ho-chi-minh-hoi-khuyen-hoc-tan-binh-giao-ban-cong-tac-khuyen-hoc-quy.md"
        try FileManager.default.createDirectory(atPath: (taken as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("đã có\n".utf8).write(to: URL(fileURLWithPath: taken))
        let first = try Self.importing([page], into: root)
        guard case .imported(let path) = first[0].outcome else { Issue.record("\(first[0].description)"); return }
        #expect(path.hasPrefix("content/tin/hkh-thu/thanh-pho-ho-chi-minh-hoi-khuyen-hoc-tan-binh-giao-ban-cong-tac-khuyen-hoc-quy-"))
        #expect(try String(contentsOfFile: taken, encoding: .utf8) == "đã có\n")
        // Again, and with the page given twice: skipped, pointing at the first import.
        let again = try Self.importing([page, page], into: root)
        #expect(again.map(\.outcome) == [.skipped("already imported, as \(path)"), .skipped("already imported, as \(path)")])
        // A fresh site gives the same page the same path.
        let other = try Self.site()
        let there = try Self.importing([page], into: other)
        #expect(there[0].outcome == .imported("content/tin/hkh-thu/thanh-pho-ho-chi-minh-hoi-khuyen-hoc-tan-binh-giao-ban-cong-tac-khuyen-hoc-quy.md"))
    }

    @Test func anArticleTheSiteCannotBuildWithIsTakenAwayAgain() throws {
        let root = try Self.site()
        // An article of the site already has the address the import would take (same title, same year).
        let other = root + "/content/tin/khac/bai.md"
        try FileManager.default.createDirectory(atPath: (other as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("---\ntitle: Hội nghị tổng kết công tác khuyến học năm 2023, triển khai nhiệm vụ năm 2024\ndate: 2024-03-01\norganization: hkh-thu\n---\nĐã có.\n".utf8)
            .write(to: URL(fileURLWithPath: other))
        let lines = try Self.importing([Self.fixtures + "/text/yen-bai.txt", Self.fixtures + "/text/tan-binh.txt"], into: root)
        guard case .failed(let why) = lines[0].outcome else { Issue.record("\(lines[0].description)"); return }
        #expect(why.contains("would not build with the site") && why.contains("nothing kept"), "\(why)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/content/tin/hkh-thu").count == 1)
        if case .imported = lines[1].outcome {} else { Issue.record("\(lines[1].description)") }
        #expect(try String(contentsOfFile: other, encoding: .utf8).hasSuffix("Đã có.\n"))
        #expect(try Builder().build({ var o = BuildOptions(source: root); o.write = false; o.makesPhotos = false; return o }()).diagnostics.sorted.isEmpty)
    }

    @Test func aSavedErrorPageNamedLikeAPhotoIsLeftOut() throws {
        let root = try Self.site()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-mirror-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/images", withIntermediateDirectories: true)
        try Data("<html><body>404 Not Found</body></html>".utf8).write(to: URL(fileURLWithPath: dir + "/images/anh.jpg"))
        try Data(#"<html><head><meta charset="utf-8"><title>Hội nghị giao ban quý III năm 2023</title></head><body><article><h1>Hội nghị giao ban quý III năm 2023</h1><time datetime="2023-09-20T09:00:00+07:00">20/09/2023</time><p>Ngày 20/9/2023, hội họp giao ban quý III với đủ các chi hội, bàn việc chuẩn bị năm học mới.</p><p><img src="images/anh.jpg" alt="Hội trường"></p></article></body></html>"#.utf8)
            .write(to: URL(fileURLWithPath: dir + "/trang.html"))
        let lines = try Self.importing([dir + "/trang.html"], into: root)
        #expect(lines[0].outcome == .imported("content/tin/hkh-thu/hoi-nghi-giao-ban-quy-iii-nam-2023.md"), "\(lines[0].description)")
        #expect(lines[0].notes.contains { $0.contains("images/anh.jpg") && $0.contains("left out") })
        #expect(try !Self.written(lines[0], in: root).contains("anh.jpg"))
    }

    @Test func aDryRunWritesNothing() throws {
        let root = try Self.site()
        let lines = try Self.importing([Self.fixtures + "/joomla", Self.fixtures + "/text"], into: root, dryRun: true)
        #expect(lines.count == 6 && lines.allSatisfy { if case .imported = $0.outcome { return true }; return false })
        #expect(!FileManager.default.fileExists(atPath: root + "/content/tin"))
    }

    @Test func aPageThatCannotMakeAnArticleIsNotWritten() throws {
        let root = try Self.site()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-pages-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("Hội nghị không ghi ngày tháng nào cả\n\nMột đoạn văn không có ngày, dài hơn một chút để là một đoạn văn thật sự của bài viết.\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/khong-ngay.txt"))
        try Data([0x48, 0xEF, 0xBF, 0x00, 0xC3, 0x28]).write(to: URL(fileURLWithPath: dir + "/hong.txt"))
        let lines = try Self.importing([dir], into: root)
        #expect(lines.map(\.outcome).allSatisfy { if case .failed = $0 { return true }; return false }, "\(lines.map(\.description))")
        #expect(lines.contains { $0.description.contains("hong.txt: failed: the text is not UTF-8") })
        #expect(lines.contains { $0.description.contains("khong-ngay.txt: failed: no date found") })
        #expect(!FileManager.default.fileExists(atPath: root + "/content/tin"))
        // Refused before anything: an organisation that does not exist, a path that does not.
        #expect(throws: Importer.Refusal.self) { try Importer(root: root, organization: "hkh-khong-co", dryRun: false) }
        #expect(throws: Importer.Refusal.self) { try Importer.inputs([dir + "/khong-co.html"]) }
    }

    @Test func theCommandLineReportsEachPageAndExitsAsTheContractSays() throws {
        let root = try Self.site()
        let good = Self.fixtures + "/text/yen-bai.txt", bad = Self.fixtures + "/unknown-charset/trang.html"
        let dry = try run(["import", good, "--organization", "hkh-thu", "--source", root, "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("yen-bai.txt: imported → content/tin/hkh-thu/"))
        #expect(dry.stdout.contains("bantin: 1 would be imported (dry run: nothing written), 0 skipped, 0 failed"))
        #expect(!FileManager.default.fileExists(atPath: root + "/content/tin"))
        // A page that fails: exit 1, the other page imported all the same.
        let mixed = try run(["import", bad, good, "--organization", "hkh-thu", "--source", root])
        #expect(mixed.status == 1)
        #expect(mixed.stdout.contains("trang.html: failed: the page says its text is in the character set `x-viet-vni-old`"))
        #expect(mixed.stdout.contains("bantin: 1 imported, 0 skipped, 1 failed"))
        let again = try run(["import", good, "--organization", "hkh-thu", "--source", root])
        #expect(again.status == 0 && again.stdout.contains("yen-bai.txt: skipped: already imported, as content/tin/hkh-thu/"))
        // Usage errors: exit 2, nothing read.
        let unknown = try run(["import", good, "--organization", "hkh-th", "--source", root])
        #expect(unknown.status == 2 && unknown.stderr.contains("the organization `hkh-th` does not exist") && unknown.stderr.contains("did you mean `hkh-thu`?"))
        let missing = try run(["import", root + "/khong-co", "--organization", "hkh-thu", "--source", root])
        #expect(missing.status == 2 && missing.stderr.contains("does not exist"))
    }

    // MARK: The parts

    @Test func datesAsPortalsPrintThem() {
        func first(_ line: String) -> String? {
            DateFinder.dates(in: line).first.map { d in "\(d.year.map(String.init) ?? "?")-\(d.month)-\(d.day)" + (d.hour.map { " \($0):\(d.minute!)" } ?? "") }
        }
        #expect(first("14/02/2023 15:20     Tin nổi bật") == "2023-2-14 15:20")
        #expect(first("Thứ Ba, 14/02/2023 - 15:20") == "2023-2-14 15:20")
        #expect(first("18:10 - 24/09/2022") == "2022-9-24 18:10")
        #expect(first("Ngày xuất bản: 10/01/2024 5:50:00 CH") == "2024-1-10 17:50")
        #expect(first("Cập nhật: 14/02/2023") == "2023-2-14")
        #expect(first("ngày 14 tháng 2 năm 2023") == "2023-2-14")
        #expect(first("Sáng ngày 9/2 Hội Khuyến học") == "?-2-9")
        #expect(first("Ngày 12 tháng 2, hội họp") == "?-2-12")
        #expect(first("tỷ số 9/2 và 31/02/2023") == nil)  // no "ngày", and no 31 February
    }

    @Test func markdownWrittenBackReadsAsTheSameText() {
        let tricky = ["# không phải tiêu đề", "1. không phải danh sách", "- cũng không", "*sao* và _gạch_ [ngoặc] <b>thẻ</b> `mã` \\ & ~",
                      "+ cộng", "> không trích", "2023) năm", "a | b"]
        let renderer = MarkdownRenderer()
        for text in tricky {
            let markdown = MarkdownOut.document([.paragraph([.text(text)])])
            var diagnostics = Diagnostics()
            let html = renderer.render(markdown, in: "x.md", fromLine: 1, &diagnostics).html
            let shown = Self.paragraphs(ofPage: Data(("<html><body>" + html + "</body></html>").utf8))
            #expect(shown == [text], "\(markdown) → \(html)")
        }
    }

    @Test func figuresAreFoundWithTheirUnitsAndNotInDatesOrCodes() {
        let catalog = [StatisticDefinition(key: "members", label: "Hội viên", unit: "người"),
                       StatisticDefinition(key: "member_ratio", label: "Tỷ lệ hội viên trên dân số", unit: "%", kind: .percent)]
        let hints = FigureHints.find(in: [.paragraph([.text("Ngày 10/01/2024, theo Quyết định số 118-QĐ/TW, tỉnh có 7.575 hội viên, bằng 29,5% dân số; 58.234/64.536 gia đình; 50% cán bộ.")])],
                                     catalog: catalog)
        #expect(hints.map(\.value) == ["7575", "29.5"], "\(hints)")
    }
}

/// #16, part 4: an article whose front-matter has errors still has its body's links checked in
/// the same run, as far as they can be without its address, and again at every build.
@Suite struct BrokenArticleLinksTests {
    @Test func aBrokenFrontMatterDoesNotHideTheBodysMissingLinks() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-broken-links-\(UUID().uuidString)").path
        for (path, text) in [
            "site.yml": "title: T\nbase_url: https://example.org/\n",
            "content/organizations/x.md": "---\nname: Hội X\n---\n",
            "content/tin/a.md": "---\ntitle: Bài a\ndate: 2024-01-02\norganization: x\n---\nA.\n",
            "content/tin/b/index.md": "---\ntitle: Bài b\ndate: 2024-02-30\norganization: x\n---\nXem ![ảnh](khong-co.jpg), ![ảnh có](co.jpg), [tệp](bao-cao.pdf), [bài](../a.md) và [bài khác](../khong.md).\n",
            "content/tin/b/co.jpg": "x",
        ] {
            try FileManager.default.createDirectory(atPath: (root + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path))
        }
        func problems() -> [String] {
            var options = BuildOptions(source: root)
            options.reusesUnchangedOutput = true
            return Builder().build(options).diagnostics.sorted.map(\.description)
        }
        let first = problems()
        #expect(first.contains { $0.hasPrefix("content/tin/b/index.md:3:7: error: `date` is not a real date") })
        #expect(first.contains { $0.hasPrefix("content/tin/b/index.md:6:5: error: the photo `khong-co.jpg` is not in the site") })
        #expect(first.contains { $0.hasPrefix("content/tin/b/index.md:6:") && $0.contains(": error: the file `bao-cao.pdf` is not in the site") })
        #expect(first.contains { $0.hasPrefix("content/tin/b/index.md:6:") && $0.contains(": error: the link `../khong.md` names a Markdown file this site does not have") })
        #expect(first.count == 4, "\(first)")  // co.jpg and ../a.md are there
        // The missing article appears: the next build, with b unchanged, no longer reports it.
        try Data("---\ntitle: Không\ndate: 2024-01-03\norganization: x\n---\nK.\n".utf8).write(to: URL(fileURLWithPath: root + "/content/tin/khong.md"))
        let second = problems()
        #expect(second.count == 3 && !second.contains { $0.contains("khong.md") }, "\(second)")
    }
}
