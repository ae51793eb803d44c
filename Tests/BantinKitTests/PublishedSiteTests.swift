import Foundation
import Testing
@testable import BantinKit

@Suite struct ChartTests {
    func heights(_ svg: String) -> [Double] {
        svg.matches(of: /<rect class="chart-bar" x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"/).map { Double($0.1)! }
    }

    @Test func columnsAreProportionalToTheirValuesFromZero() {
        let chart = BarChart(id: "c", title: "Hội viên (người) – HKH Vũ Quang", bars: [
            ChartBar(label: "2021", value: 50, display: "50"),
            ChartBar(label: "2023", value: 100, display: "100"),
            ChartBar(label: "2024", value: 25, display: "25"),
        ], layout: .columns)
        let svg = chart.svg()
        let h = heights(svg)
        #expect(h.count == 3)
        #expect(abs(h[1] / h[0] - 2) < 0.02 && abs(h[1] / h[2] - 4) < 0.05)
        #expect(svg.hasPrefix("<svg class=\"chart chart-columns\" viewBox=\"0 0 320 170\" role=\"img\" aria-labelledby=\"c-title c-desc\""))
        #expect(svg.contains("<title id=\"c-title\">Hội viên (người) – HKH Vũ Quang</title>"))
        #expect(svg.contains("<desc id=\"c-desc\">2021: 50; 2023: 100; 2024: 25</desc>"))
        #expect(svg.contains(">2023</text>") && svg.contains(">100</text>"))
    }

    @Test func rowsCarryEveryLabelAndEscapeText() {
        let chart = BarChart(id: "r", title: "A < B & \"C\"", bars: [
            ChartBar(label: "<b>HKH</b>", value: 3, display: "3"), ChartBar(label: "Đoàn", value: 0, display: "0"),
        ], layout: .rows)
        let svg = chart.svg()
        #expect(svg.contains("viewBox=\"0 0 320 84\""))
        #expect(svg.contains("&lt;b&gt;HKH&lt;/b&gt;") && !svg.contains("<b>"))
        #expect(svg.contains("<title id=\"r-title\">A &lt; B &amp; &quot;C&quot;</title>"))
        #expect(Set(heights(svg)) == [16])  // rows: widths vary, heights do not
        let widths = svg.matches(of: /width="([0-9.]+)" height="16"/).map { Double($0.1)! }
        #expect(widths == [248, 0])
    }

    @Test func negativeValuesHangBelowTheAxisAndDegenerateDataDrawsNothingWrong() {
        let mixed = BarChart(id: "m", title: "t", bars: [
            ChartBar(label: "a", value: -10, display: "-10"), ChartBar(label: "b", value: 10, display: "10"),
        ], layout: .columns).svg()
        let h = heights(mixed)
        #expect(h.count == 2 && abs(h[0] - h[1]) < 0.2)
        let empty = BarChart(id: "e", title: "t", bars: [], layout: .columns).svg()
        #expect(empty.hasSuffix("</desc></svg>"))
        let zeros = BarChart(id: "z", title: "t", bars: [ChartBar(label: "a", value: 0, display: "0"), ChartBar(label: "b", value: .nan, display: "?")], layout: .columns).svg()
        #expect(!zeros.contains("nan") && !zeros.contains("inf"))
    }

    @Test func coordinatesAreShortAndStable() {
        #expect(1.0.svg == "1" && 2.25.svg == "2.3" && (-0.04).svg == "0" && 143.99.svg == "144")
        #expect((-0.5).svg == "-0.5" && (-12.34).svg == "-12.3" && 0.05.svg == "0.1" && 99.96.svg == "100")
        // The same text as the printf formatting it replaced, over a sweep of values.
        for k in -3000...3000 {
            let v = Double(k) * 0.037
            let tenths = (v * 10).rounded()
            let old = tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(format: "%.1f", tenths / 10)
            #expect(v.svg == old, "\(v)")
        }
    }
}

@Suite struct TotalsTests {
    func index(_ facts: [(String, Int, Number)], unit: String? = "người") -> (SiteIndex, StatisticSeries) {
        func org(_ id: String, _ parent: String?) -> Organization {
            Organization(id: id, name: id, shortName: nil, level: nil, parent: parent.map { Located($0, SourceLocation(path: "x")) },
                         website: nil, descriptionHTML: "", summary: nil, path: "content/organizations/\(id).md")
        }
        let orgs = ["tinh": org("tinh", nil), "huyen": org("huyen", "tinh"), "xa": org("xa", "huyen"), "khac": org("khac", nil)]
        let series = StatisticSeries(key: "members", label: "Hội viên", unit: unit, facts: facts.map {
            StatisticFact(organization: $0.0, key: "members", year: $0.1, value: $0.2, label: "Hội viên", unit: unit, article: 0)
        })
        let index = SiteIndex(config: SiteConfig(title: "t", baseURL: "https://e.org/"), organizations: orgs, organizationIDs: orgs.keys.sorted(),
                              children: [:], articles: [], pages: [], byOrganization: [:], byYear: [:], byOrganizationYear: [:], tags: [],
                              statistics: [series], awards: [])
        return (index, series)
    }

    @Test func aMemberUnitIsNotCountedAgainWhenItsParentReportsTheSameFigure() {
        let (index, series) = index([
            ("tinh", 2023, .integer(1000)), ("huyen", 2023, .integer(300)), ("xa", 2023, .integer(40)), ("khac", 2023, .integer(5)),
            ("huyen", 2024, .integer(320)), ("xa", 2024, .integer(45)),
        ])
        let totals = index.totals(of: series)!
        #expect(totals == [
            StatisticTotal(year: 2023, value: .integer(1005), organizations: ["tinh", "khac"]),
            StatisticTotal(year: 2024, value: .integer(320), organizations: ["huyen"]),
        ])
        #expect(index.isAncestor("tinh", of: "xa") && !index.isAncestor("xa", of: "tinh") && !index.isAncestor("khac", of: "xa"))
    }

    @Test func percentagesAreNotSummedAndDecimalsAddCleanly() {
        #expect(index([("tinh", 2023, .decimal(29.5))], unit: "%").0.totals(of: index([], unit: "%").1) == nil)
        let (i, s) = index([("tinh", 2023, .decimal(0.1)), ("khac", 2023, .decimal(0.2))], unit: "ha")
        #expect(i.totals(of: s)?.first?.value == .decimal(0.3))
        #expect(Number.sum([.integer(Int.max), .integer(1)]).double > 9e18)  // overflow falls back to decimals
    }

    func section(_ facts: [(String, Int, Number)]) throws -> StatisticSection {
        let (index, series) = index(facts)
        var d = Diagnostics()
        let templates = try #require(TemplateSet.load(overrides: [:], diagnostics: &d))
        return Renderer(index: index, templates: templates).views.statisticSection(series)
    }

    /// Issue #16: the province reports 100 one year and one district 50 the next; a "total"
    /// would show a halving that never happened. Each year says how many units reported instead.
    @Test func differentUnitsEachYearAreNotTotalled() throws {
        let s = try section([("tinh", 2023, .integer(100)), ("huyen", 2024, .integer(50))])
        #expect(s.chart == nil)
        #expect(s.table.totals.map(\.label) == ["Đơn vị báo cáo"])
        #expect(s.table.totals[0].cells.map(\.value) == ["1/2 đơn vị", "1/2 đơn vị"])
        #expect(s.table.coverage?.hasPrefix("Không tính tổng: mỗi năm có số đơn vị báo cáo khác nhau") == true)
    }

    /// The same units each year: a total and its chart, with the units it adds up named (the
    /// district is inside the province's figure, so only the province and the other unit count).
    @Test func theSameUnitsEachYearAreTotalledAndNamed() throws {
        let s = try section([
            ("tinh", 2023, .integer(1000)), ("huyen", 2023, .integer(300)), ("khac", 2023, .integer(5)),
            ("tinh", 2024, .integer(1100)), ("huyen", 2024, .integer(320)), ("khac", 2024, .integer(6)),
        ])
        #expect(s.chart != nil)
        #expect(s.table.totals.map(\.label) == ["Tổng"])
        #expect(s.table.totals[0].cells.map(\.value) == ["1.005", "1.106"])
        #expect(s.table.coverage == "Tổng cộng số liệu của 2 đơn vị: khac, tinh.")
    }
}

@Suite struct DataAndSearchTests {
    @Test func csvFieldsAreQuotedOnlyWhenTheyMustBe() {
        #expect(DataExport.csvField("Hội viên") == "Hội viên")
        #expect(DataExport.csvField("Bằng khen, Giấy khen") == "\"Bằng khen, Giấy khen\"")
        #expect(DataExport.csvField("nói \"hay\"") == "\"nói \"\"hay\"\"\"")
        #expect(DataExport.csvField("a\nb") == "\"a\nb\"")
    }

    @Test func jsonStringsAreSafeInsideAScriptElement() {
        #expect(JSONText.string("</script><!--") == #""\u003c/script\u003e\u003c!--""#)
        #expect(JSONText.string("a\"b\\c\n\u{1}\u{2028}") == #""a\"b\\c\n\u0001\u2028""#)
        #expect(JSONText.string(nil as String?) == "null")
    }

    /// The byte-level escaper against the rule written scalar by scalar, over random text of
    /// the characters that matter (dashes and line separators share their first byte).
    @Test func jsonEscapingMatchesTheScalarRule() {
        func reference(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "<": out += "\\u003c"
                case ">": out += "\\u003e"
                case "&": out += "\\u0026"
                case "\u{2028}": out += "\\u2028"
                case "\u{2029}": out += "\\u2029"
                default:
                    if scalar.value < 0x20 { out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16) }
                    else { out.unicodeScalars.append(scalar) }
                }
            }
            return out + "\""
        }
        let pieces: [String] = ["a", "ế", "–", "—", "\u{2028}", "\u{2029}", "\u{2027}", "\"", "\\", "<", ">", "&", "\n", "\r", "\t", "\u{1}", "\u{1F}", " ", "Hội"]
        var rng = SplitMix(state: 7)
        for _ in 0..<500 {
            let text = (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(JSONText.string(text) == reference(text), "\(text.debugDescription)")
        }
    }

    @Test func feedTextIsEscapedForXMLAndLosesControlCharacters() {
        #expect(escape("Hội & <b> \"c\" 'd' \u{1}e\u{7}\n\tf\r") == "Hội &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39; e\n\tf\r")
        #expect(escape("không cần gì") == "không cần gì")
    }

    @Test func foldingMatchesWithOrWithoutDiacritics() {
        #expect(SearchIndex.fold("Hội Khuyến học ĐOÀN trường, 2024!") == "hoi khuyen hoc doan truong 2024")
        #expect(SearchIndex.fold("  Quỹ   khuyến-học ") == "quy khuyen hoc")
        // Text saved decomposed (a letter, then its marks) folds the same as precomposed text.
        #expect(SearchIndex.fold("Khuye\u{302}\u{301}n ho\u{323}c") == "khuyen hoc")
        // Every letter folds as the slower Unicode route would.
        let sample = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
        for ch in sample {
            #expect(SearchIndex.fold(String(ch)) == Slug.slowFold(String(ch)), "\(ch)")
        }
        // The fast fold gives what Unicode normalization gives, for every scalar below U+2000
        // that is a letter, digit or combining mark (the rest only separates words in slugs).
        for v in 0x20..<0x2000 {
            guard let scalar = Unicode.Scalar(v), scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { continue }
            let s = String(scalar)
            #expect(Slug.make("a" + s + "b") == Slug.make(Slug.slowFold("a" + s + "b")), "U+\(String(v, radix: 16))")
        }
    }

    @Test func summariesAreShortened() {
        #expect(SearchIndex.shorten(String(repeating: "từ ", count: 200)).count <= SearchIndex.summaryLength + 1)
    }
}

@Suite struct PublishedSiteTests {
    func build(_ edit: (URL) throws -> Void = { _ in }) throws -> (out: URL, result: BuildResult) {
        let site = try fixture("basic")
        try edit(site)
        let result = Builder().build(BuildOptions(source: site.path))
        return (site.appendingPathComponent("public"), result)
    }

    @Test func organizationAndYearPagesDrawTheirFigures() throws {
        let (out, result) = try build()
        #expect(result.succeeded, "\(result.diagnostics.sorted)")
        // hkh-huyen reports members for 2022 (7.600 after the correction) and 2023 (8.000): one chart of two columns.
        let org = try read(out, "to-chuc/hkh-huyen/index.html")
        #expect(org.contains("<figure class=\"chart-figure\">"))
        #expect(org.contains("<desc id=\"chart-members-desc\">2022: 7.600; 2023: 8.000</desc>"))
        #expect(org.contains("<figcaption>Hội viên (người) – Hội Khuyến học huyện Đông</figcaption>"))
        // The same figures as a table, for screen readers and for copying.
        #expect(org.contains("<table class=\"results\">"))
        // hkh-tinh has a single figure: a one-bar chart compares nothing and is left out.
        #expect(!(try read(out, "to-chuc/hkh-tinh/index.html")).contains("<svg"))
        let statistics = try read(out, "so-lieu/index.html")
        #expect(statistics.contains("<tfoot>"))
        #expect(statistics.contains("<a href=\"/tin/so-lieu/data.csv\" type=\"text/csv\">CSV</a>"))
        #expect(statistics.contains(UIStrings(language: .vi)["not_summed"]))  // the % ratio
    }

    /// Issue #16, wide tables: the example site's year page compares seven figures. Their headings
    /// wrap so the table fits a wide screen (checked in Chromium by scripts/check-site); on a
    /// phone it scrolls, and a line under it says so. A table of three figures or fewer has no such line.
    @Test func wideTablesSayTheyScrollAndNarrowOnesDoNot() throws {
        let site = try BodyStreamingTests.exampleSite()
        var options = BuildOptions(source: site.path)
        options.makesPhotos = false
        let result = Builder().build(options)
        #expect(result.succeeded, "\(result.diagnostics.sorted)")
        let out = site.appendingPathComponent("public")
        let hint = #"<p class="scroll-hint">Bảng rộng: vuốt sang ngang để xem các cột khác →</p>"#
        let year = try read(out, "nam/2023/index.html")
        let columns = year.components(separatedBy: "<thead>")[1].components(separatedBy: "</thead>")[0].components(separatedBy: "<th scope=\"col\" class=\"num\">").count - 1
        #expect(columns == 7)
        #expect(year.contains(hint))
        // An organisation's page: years as columns, few of them.
        let org = try read(out, "to-chuc/hkh-yen-bai/index.html")
        #expect(org.contains("<table class=\"results\">") && !org.contains(hint))
        // The theme lets those headings wrap, and keeps the row's name in view on a phone.
        let css = try read(out, "style.css")
        #expect(css.contains("thead th.num { white-space: normal;") && css.contains(".results th[scope=\"row\"] { position: sticky;"))
    }

    @Test func dataFilesHoldEveryFigureAndAward() throws {
        let (out, _) = try build()
        let bytes = try Data(contentsOf: out.appendingPathComponent("so-lieu/data.csv"))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))  // the byte-order mark Excel needs
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = csv.components(separatedBy: "\r\n")
        // The columns promised before, in their order; what a correction replaced comes after.
        #expect(lines[0] == "type,organization,organization_name,year,key,label,value,unit,recipient_kind,recipient,issuer,source_url,replaced_value,replaced_source_url")
        #expect(lines.contains("statistic,hkh-huyen,Hội Khuyến học huyện Đông,2022,members,Hội viên,7600,người,,,,https://example.org/tin/2023/dinh-chinh-so-lieu-nam-2022/,7575,https://example.org/tin/2023/tong-ket-nam-2022/"))
        #expect(lines.contains("statistic,hkh-tinh,Hội Khuyến học tỉnh Thử,2023,ratio,Tỷ lệ,29.5,%,,,,https://example.org/tin/2024/tong-ket-nam-2023/,,"))
        #expect(lines.contains("award,hkh-huyen,Hội Khuyến học huyện Đông,2022,giay-khen,Giấy khen,3,,collective,,,https://example.org/tin/2023/tong-ket-nam-2022/,,"))
        let json = try JSONSerialization.jsonObject(with: Data(try read(out, "so-lieu/data.json").utf8)) as! [String: Any]
        let stats = json["statistics"] as! [[String: Any]]
        let awards = json["awards"] as! [[String: Any]]
        #expect(stats.count + awards.count == lines.count - 2)  // header, trailing empty line
        let ratio = stats.first { $0["key"] as? String == "ratio" }!
        #expect(ratio["value"] as? Double == 29.5 && ratio["year"] as? Int == 2023 && ratio["unit"] as? String == "%")
        #expect((ratio["replaced"] as? [Any])?.isEmpty == true)
        let corrected = stats.first { $0["key"] as? String == "members" && $0["year"] as? Int == 2022 }!
        #expect(corrected["value"] as? Int == 7600)
        let replaced = corrected["replaced"] as? [[String: Any]] ?? []
        #expect(replaced.count == 1 && replaced.first?["value"] as? Int == 7575
                 && replaced.first?["source_url"] as? String == "https://example.org/tin/2023/tong-ket-nam-2022/")
        #expect(awards.allSatisfy { $0["unit"] == nil && $0["recipient"] is NSNull == ($0["recipient"] as? String == nil) })
    }

    /// Python's csv module, as a spreadsheet reads the file (utf-8-sig takes the mark off),
    /// gets every Vietnamese name and the columns in their order.
    @Test func dataCSVReadsBackInPython() throws {
        let (out, _) = try build()
        let python = URL(fileURLWithPath: "/usr/bin/python3")
        try #require(FileManager.default.isExecutableFile(atPath: python.path), "python3 is needed to read the CSV back")
        let script = "import csv,sys\nrows=list(csv.reader(open(sys.argv[1],encoding='utf-8-sig',newline='')))\nprint(rows[0][0]);print(sorted({r[2] for r in rows[1:]}))"
        let r = try run(["-c", script, out.appendingPathComponent("so-lieu/data.csv").path], executable: python)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "type\n['Hội Khuyến học huyện Đông', 'Hội Khuyến học tỉnh Thử']\n")
    }

    /// LibreOffice (Debian's, headless) opens data.csv as UTF-8 and writes every Vietnamese name
    /// to the .xlsx as it is. Headless LibreOffice does not look at the byte-order mark (Excel and
    /// LibreOffice's import dialog do), so it is told the character set, as staff pick "Unicode
    /// (UTF-8)" in that dialog. Runs where `soffice` is installed (libreoffice-calc-nogui).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice")))
    func dataCSVOpensInLibreOffice() throws {
        let (out, _) = try build()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-lo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let r = try run(["--headless", "-env:UserInstallation=file://\(work.path)/profile", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx",
                         "--outdir", work.path, out.appendingPathComponent("so-lieu/data.csv").path],
                        executable: URL(fileURLWithPath: "/usr/bin/soffice"))
        #expect(r.status == 0, "\(r.stderr)")
        let python = "import zipfile,re,sys\ns=zipfile.ZipFile(sys.argv[1]).read('xl/sharedStrings.xml').decode()\nt=re.findall(r'<t[^>]*>([^<]*)</t>',s)\nprint(t[0]);print(sorted(x for x in set(t) if x.startswith('Hội Khuyến')))"
        let names = try run(["-c", python, work.appendingPathComponent("data.xlsx").path], executable: URL(fileURLWithPath: "/usr/bin/python3"))
        #expect(names.stdout == "type\n['Hội Khuyến học huyện Đông', 'Hội Khuyến học tỉnh Thử']\n", "\(names.stdout) \(names.stderr)")
    }

    @Test func searchIndexFindsVietnameseWithoutDiacritics() throws {
        let (out, _) = try build()
        let page = try read(out, "tim-kiem/index.html")
        #expect(page.contains("<form id=\"search-form\" class=\"search-form\" role=\"search\" action=\"/tin/tim-kiem/\" method=\"get\" data-index=\"/tin/tim-kiem/index.json\""))
        #expect(page.contains("<script src=\"/tin/search.js\" defer></script>"))
        #expect(page.contains("<noscript>"))
        let entries = try JSONSerialization.jsonObject(with: Data(try read(out, "tim-kiem/index.json").utf8)) as! [[String: String]]
        let article = entries.first { $0["u"] == "/tin/2024/tong-ket-nam-2023/" }!
        #expect(article["t"] == "Tổng kết năm 2023" && article["o"] == "Hội Khuyến học huyện Đông, HKH Thử")
        #expect(article["x"]!.contains("tong ket nam 2023") && article["x"]!.contains("hoi khuyen hoc huyen dong"))
        #expect(article["x"]!.contains("ty le 29 5"))  // the body, folded
        #expect(entries.contains { $0["u"] == "/tin/to-chuc/hkh-tinh/" && $0["k"] == "Tổ chức" })
        #expect(!entries.contains { $0["t"] == "Bản nháp" })  // drafts stay out of the index
        #expect(try read(out, "search.js").contains("normalize(\"NFD\")"))
    }

    @Test func articlesCarryOpenGraphAndNewsArticleWithTheMeetingAsAnEvent() throws {
        let (out, _) = try build()
        let html = try read(out, "2023/tong-ket-nam-2022/index.html")
        #expect(html.contains("<meta property=\"og:type\" content=\"article\">"))
        #expect(html.contains("<meta property=\"og:title\" content=\"Tổng kết năm 2022\">"))
        #expect(html.contains("<meta property=\"og:url\" content=\"https://example.org/tin/2023/tong-ket-nam-2022/\">"))
        #expect(html.contains("<meta property=\"og:locale\" content=\"vi_VN\">"))
        #expect(html.contains("<meta property=\"article:published_time\" content=\"2023-01-15T02:00:00Z\">"))
        let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let ld = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as! [String: Any]
        #expect(ld["@type"] as? String == "NewsArticle" && ld["headline"] as? String == "Tổng kết năm 2022")
        #expect(ld["datePublished"] as? String == "2023-01-15T02:00:00Z")
        let about = ld["about"] as! [[String: Any]]
        let event = about[0]
        #expect(event["@type"] as? String == "Event" && event["startDate"] as? String == "2023-01-15")
        #expect(event["name"] as? String == "Hội nghị tổng kết – Hội Khuyến học huyện Đông")
        #expect((event["location"] as? [String: Any])?["name"] as? String == "Huyện Đông")
        #expect(about[1]["url"] as? String == "https://example.org/tin/to-chuc/hkh-huyen/")
        // A lead image is shared by its absolute address.
        let bundle = try read(out, "2024/trao-hoc-bong/index.html")
        #expect(bundle.contains("<meta property=\"og:image\" content=\"https://example.org/tin/2024/trao-hoc-bong/anh.svg\">"))
        // Other pages are websites, without JSON-LD.
        let home = try read(out, "index.html")
        #expect(home.contains("<meta property=\"og:type\" content=\"website\">") && !home.contains("ld+json"))
    }

    @Test func englishSiteWithItsOwnWordsAndAlternateLanguages() throws {
        let (out, result) = try build { site in
            let yml = site.appendingPathComponent("site.yml")
            try (try String(contentsOf: yml, encoding: .utf8) + "language: en\nalternates:\n  vi: https://example.org/vi/\n").write(to: yml, atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(at: site.appendingPathComponent("i18n"), withIntermediateDirectories: true)
            try "latest: What happened\n".write(to: site.appendingPathComponent("i18n/en.yml"), atomically: true, encoding: .utf8)
            try "latest: Tin hoạt động\n".write(to: site.appendingPathComponent("i18n/vi.yml"), atomically: true, encoding: .utf8)
        }
        #expect(result.succeeded && result.diagnostics.items.isEmpty, "\(result.diagnostics.sorted)")
        let home = try read(out, "index.html")
        #expect(home.contains("<html lang=\"en\">"))
        #expect(home.contains("What happened") && !home.contains("Tin hoạt động"))
        #expect(home.contains(">Organizations</a>") && home.contains(">Search</a>"))
        #expect(home.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/tin/\">"))
        #expect(home.contains("<link rel=\"alternate\" hreflang=\"vi\" href=\"https://example.org/vi/\">"))
        #expect(home.contains("<meta property=\"og:locale\" content=\"en_US\">"))
        let article = try read(out, "2024/tong-ket-nam-2023/index.html")
        #expect(article.contains("<time datetime=\"2024-01-10\">10 January 2024</time>"))
        #expect(article.contains("<data value=\"8000\">8,000</data>"))
        #expect(!article.contains("hreflang"))
    }

    @Test func aMistakeInTheSitesWordsIsLocated() throws {
        let (_, result) = try build { site in
            try FileManager.default.createDirectory(at: site.appendingPathComponent("i18n"), withIntermediateDirectories: true)
            try "latest: Tin mới nhất\nlatets: x\nsearch: [a, b]\n".write(to: site.appendingPathComponent("i18n/vi.yml"), atomically: true, encoding: .utf8)
        }
        #expect(result.diagnostics.sorted.map(\.description) == [
            "i18n/vi.yml:2:1: warning: unknown UI string `latets` in i18n/vi.yml; did you mean `latest`?",
            "i18n/vi.yml:3:9: error: `search` must be text, found a list",
        ])
    }

    @Test func bothLanguagesHaveEveryWordTheThemeUses() throws {
        let vi = UIStrings(language: .vi).keys, en = UIStrings(language: .en).keys
        #expect(vi == en)
        var used = Set<String>()
        for text in BuiltinTheme.templates.values {
            for m in text.matches(of: /\{\{\s*t\.([a-z_]+)\s*\}\}/) { used.insert(String(m.1)) }
        }
        #expect(used.subtracting(vi).isEmpty, "\(used.subtracting(vi))")
        #expect(used.count > 40)
    }

    @Test func theSearchPageCanBeRenamed() throws {
        let (out, result) = try build { site in
            let yml = site.appendingPathComponent("site.yml")
            try (try String(contentsOf: yml, encoding: .utf8) + "paths:\n  search: tim\n").write(to: yml, atomically: true, encoding: .utf8)
        }
        #expect(result.succeeded, "\(result.diagnostics.sorted)")
        #expect(try read(out, "tim/index.html").contains("data-index=\"/tin/tim/index.json\""))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("tim/index.json").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("tim-kiem").path))
        #expect(try read(out, "index.html").contains("<a href=\"/tin/tim/\">Tìm kiếm</a>"))
    }

    @Test func badAlternatesAreErrors() {
        var d = Diagnostics()
        let config = SiteConfigLoader.load(text: "title: T\nbase_url: https://e.org/\nalternates:\n  english: https://e.org/en/\n  vi: /vi/\n", diagnostics: &d)
        #expect(config?.alternates.isEmpty == true)
        #expect(d.sorted.map(\.description) == [
            "site.yml:4:3: error: `alternates` keys are language codes such as `en` or `vi`, found `english`",
            "site.yml:5:7: error: `alternates.vi` must be an absolute URL such as https://example.org/en/, found `/vi/`",
        ])
    }
}

@Suite struct LiveSiteTests {
    /// Every file the live site serves is the file `bantin build --drafts` writes, and it serves
    /// no other.
    func expectSameAsBuild(_ site: URL, _ live: LiveSite) throws {
        var options = BuildOptions(source: site.path, output: site.appendingPathComponent("built").path)
        options.drafts = true
        let result = Builder().build(options)
        #expect(result.succeeded, "\(result.diagnostics.sorted)")
        // The build wrote exactly the files its plan named.
        let built = site.appendingPathComponent("built")
        #expect(Set(try LocalFileSystem().files(under: built.path)) == Set(result.files.map(\.path)))
        for file in result.files {
            let served = try #require(live.file(file.path), "\(file.path)")
            #expect(served.origin == file.origin, "\(file.path)")
            let bytes = try Data(contentsOf: built.appendingPathComponent(file.path))
            switch served.content {
            case .bytes(let a): #expect(a == bytes, "\(file.path) differs from the build")
            case .copy(let from): #expect(try Data(contentsOf: URL(fileURLWithPath: from)) == bytes, "\(file.path)")
            case .stream: #expect(served.data == bytes, "\(file.path) differs from the build")
            }
        }
        let planned = Set(result.files.map(\.path))
        #expect(live.file("no/such/page.html") == nil)
        #expect(planned.contains("tim-kiem/index.json") && planned.contains("sitemap.xml"))
    }

    @Test func servesWhatTheBuildWrites() throws {
        let site = try fixture("basic")
        let live = LiveSite(root: site.path)
        #expect(!live.refresh().hasErrors)
        try expectSameAsBuild(site, live)
        #expect(live.isFolder("nam/2023") && !live.isFolder("nam/1999"))
    }

    @Test func theExampleSiteToo() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        for item in ["site.yml", "content", "layouts", "static"] {
            try FileManager.default.copyItem(at: repo.appendingPathComponent(item), to: site.appendingPathComponent(item))
        }
        let live = LiveSite(root: site.path)
        #expect(!live.refresh().hasErrors)
        try expectSameAsBuild(site, live)
    }

    @Test func anEditIsShownAndOnlyItIsParsedAgain() throws {
        let site = try fixture("basic")
        let live = LiveSite(root: site.path)
        live.refresh()
        let before = try #require(live.file("tim-kiem/index.json"))
        let path = site.appendingPathComponent("content/news/a-2022.md")
        let text = try String(contentsOf: path, encoding: .utf8)
        try text.replacingOccurrences(of: "title: Tổng kết năm 2022", with: "title: Tổng kết năm 2022 (sửa)")
            .write(to: path, atomically: true, encoding: .utf8)
        #expect(!live.refresh().hasErrors)
        let article = try #require(live.file("2023/tong-ket-nam-2022-sua/index.html"))
        guard case .bytes(let data) = article.content else { Issue.record("not rendered"); return }
        #expect(String(decoding: data, as: UTF8.self).contains("<h1>Tổng kết năm 2022 (sửa)</h1>"))
        #expect(live.file("2023/tong-ket-nam-2022/index.html") == nil)  // the old URL is gone
        if case .bytes(let old) = before.content, case .bytes(let new) = live.file("tim-kiem/index.json")?.content {
            #expect(old != new && String(decoding: new, as: UTF8.self).contains("Tổng kết năm 2022 (sửa)"))
        } else {
            Issue.record("the home page is not rendered")
        }
        try expectSameAsBuild(site, live)
        // A photo added beside an unchanged bundle is served too.
        try "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".write(to: site.appendingPathComponent("content/news/bundle/moi.svg"), atomically: true, encoding: .utf8)
        live.refresh()
        #expect(live.file("2024/trao-hoc-bong/moi.svg") != nil)
        // site.yml changes how everything renders: the language switches every page.
        let yml = site.appendingPathComponent("site.yml")
        try (try String(contentsOf: yml, encoding: .utf8) + "language: en\n").write(to: yml, atomically: true, encoding: .utf8)
        live.refresh()
        try expectSameAsBuild(site, live)
    }

    @Test func aBodyEditTakesTheFastPathAndATitleEditTheFullOne() throws {
        let site = try fixture("basic")
        let live = LiveSite(root: site.path)
        live.refresh()
        _ = live.file("2024/tong-ket-nam-2023/index.html")  // rendered once before the edit
        let path = "content/news/b-2023.md"
        let url = site.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        try (text + "\nMột [liên kết hỏng](/khong-co/).\n").write(to: url, atomically: true, encoding: .utf8)
        let fast = live.refresh(changed: [path])
        #expect(live.lastRefresh == .articles(1))
        #expect(fast.sorted.map(\.description) == ["content/news/b-2023.md:13:5: warning: the link `/khong-co/` leads to a page this site does not have"])
        guard case .bytes(let page) = live.file("2024/tong-ket-nam-2023/index.html")?.content else { Issue.record("no page"); return }
        #expect(String(decoding: page, as: UTF8.self).contains("liên kết hỏng"))
        try expectSameAsBuild(site, live)
        // A new title moves the article in archives: the change is not only its page.
        try text.replacingOccurrences(of: "title: Tổng kết năm 2023", with: "title: Năm 2023").write(to: url, atomically: true, encoding: .utf8)
        live.refresh(changed: [path])
        #expect(live.lastRefresh == .full)
        #expect(live.file("2024/nam-2023/index.html") != nil && live.file("2024/tong-ket-nam-2023/index.html") == nil)
        try expectSameAsBuild(site, live)
        // An organization, a layout and site.yml edited: the whole way, parsing no article again.
        let org = site.appendingPathComponent("content/organizations/hkh-tinh.md")
        try (try String(contentsOf: org, encoding: .utf8)).replacingOccurrences(of: "short_name: HKH Thử", with: "short_name: HKH Thử Mới")
            .write(to: org, atomically: true, encoding: .utf8)
        let layout = site.appendingPathComponent("layouts/page.mustache")
        try (try String(contentsOf: layout, encoding: .utf8) + "\n").write(to: layout, atomically: true, encoding: .utf8)
        live.refresh(changed: ["content/organizations/hkh-tinh.md", "layouts/page.mustache"])
        #expect(live.lastRefresh == .full)
        #expect(live.lastParsedArticles == 0)  // a layout or an organization does not change how articles parse
        try expectSameAsBuild(site, live)
        let yml = site.appendingPathComponent("site.yml")
        try (try String(contentsOf: yml, encoding: .utf8)).replacingOccurrences(of: "paginate: 2", with: "paginate: 3")
            .write(to: yml, atomically: true, encoding: .utf8)
        live.refresh(changed: ["site.yml"])
        #expect(live.lastRefresh == .full)
        #expect(live.lastParsedArticles == 0)  // how articles parse does not depend on `paginate`
        try expectSameAsBuild(site, live)
        try (try String(contentsOf: yml, encoding: .utf8) + "timezone: Asia/Tokyo\n").write(to: yml, atomically: true, encoding: .utf8)
        live.refresh(changed: ["site.yml"])
        #expect(live.lastParsedArticles == 5)  // the time zone does: every article again (drafts included)
        #expect(live.problems.isEmpty, "\(live.problems)")
        try expectSameAsBuild(site, live)
        // A file the live site does not know yet, and an organization, go the full way too.
        try "---\nname: Hội mới\n---\n".write(to: site.appendingPathComponent("content/organizations/hoi-moi.md"), atomically: true, encoding: .utf8)
        live.refresh(changed: ["content/organizations/hoi-moi.md"])
        #expect(live.lastRefresh == .full)
        #expect(live.file("to-chuc/hoi-moi/index.html") != nil)
        try expectSameAsBuild(site, live)
    }

    @Test func aBrokenEditKeepsTheLastGoodSite() throws {
        let site = try fixture("basic")
        let live = LiveSite(root: site.path)
        live.refresh()
        let generation = live.generation
        try "---\ntitle: [oops\n---\n".write(to: site.appendingPathComponent("content/news/a-2022.md"), atomically: true, encoding: .utf8)
        let d = live.refresh()
        #expect(d.hasErrors && live.generation == generation + 1)
        #expect(live.problems.first?.description.hasPrefix("content/news/a-2022.md:") == true, "\(live.problems)")
        #expect(live.file("2023/tong-ket-nam-2022/index.html") != nil)  // still served
        try "---\ntitle: Lại đúng\ndate: 2023-01-15\norganization: hkh-huyen\n---\n".write(to: site.appendingPathComponent("content/news/a-2022.md"), atomically: true, encoding: .utf8)
        #expect(!live.refresh().hasErrors && live.problems.isEmpty)
        #expect(live.file("2023/lai-dung/index.html") != nil)
    }
}
