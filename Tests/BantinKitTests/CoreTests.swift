import Foundation
import Testing
@testable import BantinKit
import Mustache

@Suite struct SlugTests {
    @Test(arguments: [
        ("Hội nghị Đoàn trường", "hoi-nghi-doan-truong"),
        ("Tổng kết năm 2023, triển khai nhiệm vụ năm 2024", "tong-ket-nam-2023-trien-khai-nhiem-vu-nam-2024"),
        ("  Đắk Lắk -- Quý III!  ", "dak-lak-quy-iii"),
        ("ĐOÀN THANH NIÊN", "doan-thanh-nien"),
        ("Ưu tiên ơn nghĩa", "uu-tien-on-nghia"),
        ("../../etc/passwd", "etc-passwd"),
        ("「」", ""),
    ])
    func slugs(_ input: String, _ expected: String) {
        #expect(Slug.make(input) == expected)
    }

    @Test func foldKeepsCaseInsensitiveAccentlessText() {
        #expect(Slug.fold("Khuyến Học") == "khuyen hoc")
    }

    /// The one-pass slug against its definition: `fold`, then ASCII letters and digits joined by
    /// single dashes, over random text mixing ASCII, Vietnamese (precomposed and decomposed),
    /// other scripts and marks.
    @Test func oneFoldingPassMatchesTheDefinition() {
        func reference(_ text: String) -> String {
            var out = "", pending = false
            for scalar in Slug.fold(text).unicodeScalars {
                let v = scalar.value
                if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
                    if pending && !out.isEmpty { out += "-" }
                    pending = false
                    out.unicodeScalars.append(scalar)
                } else {
                    pending = true
                }
            }
            return Slug.capped(out)
        }
        let pieces = ["Hội", "KHUYẾN", "học", "Đ", "đ", "İ", "ß", "Ω", "ж", "e\u{301}", "\u{300}", "-", " ", "!", "2024", "「", "ﬁ", "Å", "ǅ", "\u{2160}"]
        var rng = SplitMix(state: 11)
        for _ in 0..<400 {
            let text = (0..<Int(rng.next() % 10)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(Slug.make(text) == reference(text), "\(text.debugDescription)")
        }
    }
}

@Suite struct DateTests {
    let hcm = DateParser(timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)

    @Test func dateWithoutOffsetIsInSiteTimeZone() throws {
        let t = try hcm.timestamp("2024-01-10 17:50").get()
        #expect(t.local == CivilDate(year: 2024, month: 1, day: 10))
        #expect(t.rfc3339 == "2024-01-10T10:50:00Z")
    }

    @Test func offsetDateIsPlacedOnTheSiteLocalDay() throws {
        // 20:00 UTC on New Year's Eve is already 2024 in Vietnam: the article belongs to 2024.
        let t = try hcm.timestamp("2023-12-31T20:00:00Z").get()
        #expect(t.local == CivilDate(year: 2024, month: 1, day: 1))
        let u = try DateParser(timeZone: TimeZone(identifier: "UTC")!).timestamp("2023-12-31T20:00:00Z").get()
        #expect(u.local.year == 2023)
    }

    @Test func explicitOffsetAndFractions() throws {
        let t = try hcm.timestamp("2022-09-24T18:10:00.5+07:00").get()
        #expect(t.rfc3339 == "2022-09-24T11:10:00Z")
        #expect(try hcm.timestamp("2022-09-24").get().rfc3339 == "2022-09-23T17:00:00Z")
    }

    @Test(arguments: ["2023-13-45", "2023-02-29", "2024-04-31"])
    func nonexistentDates(_ text: String) {
        guard case .failure(.nonexistent) = hcm.timestamp(text) else {
            Issue.record("\(text) accepted")
            return
        }
    }

    @Test(arguments: ["10/01/2024", "2024-1-10", "2024-01-10 25:00", "2024-01-10 10:00 tomorrow", "", "2024-01-10T"])
    func malformedDates(_ text: String) {
        #expect(throws: DateParseError.self) { try hcm.timestamp(text).get() }
    }

    @Test func leapDayExists() throws {
        #expect(try hcm.timestamp("2024-02-29").get().local.day == 29)
    }

    /// `10/01/2024` is 10 January in a Vietnamese site (day first, never month first), and
    /// refused in an English one, where it could be either.
    @Test func vietnameseForms() throws {
        let vi = DateParser(timeZone: hcm.timeZone, vietnameseForms: true)
        func day(_ text: String) throws -> CivilDate { try vi.timestamp(text).get().local }
        #expect(try day("10/01/2024") == CivilDate(year: 2024, month: 1, day: 10))
        #expect(try day("1/2/2024") == CivilDate(year: 2024, month: 2, day: 1))
        #expect(try day("14-02-2023") == CivilDate(year: 2023, month: 2, day: 14))
        #expect(try day("ngày 10 tháng 1 năm 2024") == CivilDate(year: 2024, month: 1, day: 10))
        #expect(try day("Ngày  9 tháng 12 năm 2023") == CivilDate(year: 2023, month: 12, day: 9))
        #expect(try day("nga\u{300}y 10 tha\u{301}ng 1 na\u{306}m 2024") == CivilDate(year: 2024, month: 1, day: 10))
        #expect(try day("2024-01-10") == CivilDate(year: 2024, month: 1, day: 10))
        let evening = try vi.timestamp("10/01/2024 17:50").get()
        #expect(evening.instant == (try hcm.timestamp("2024-01-10 17:50").get()).instant)
        #expect(vi.timestamp("32/01/2024") == .failure(.nonexistent(CivilDate(year: 2024, month: 1, day: 32))))
        #expect(vi.timestamp("10/13/2024") == .failure(.nonexistent(CivilDate(year: 2024, month: 13, day: 10))))
        #expect(vi.timestamp("ngày 30 tháng 2 năm 2024") == .failure(.nonexistent(CivilDate(year: 2024, month: 2, day: 30))))
        #expect(vi.timestamp("10/01/2024 25:00") == .failure(.badTime))
        for bad in ["10/01/24", "10/01/2024 17h50", "ngày 10 tháng 1", "10//2024"] {
            #expect(throws: DateParseError.self, "\(bad)") { try vi.timestamp(bad).get() }
        }
    }

    @Test func dateMessagesNameTheFormsOfTheSite() {
        let (_, d) = article("---\ntitle: A\ndate: 2024/01/10\norganization: x\n---\n")
        #expect(d == ["content/a.md:3:7: error: `date` must be a date like 10/01/2024, 10/01/2024 17:50 or 2024-01-10, found `2024/01/10`"])
        let (a, none) = article("---\ntitle: A\ndate: 10/01/2024\norganization: x\nmeeting: { date: ngày 9 tháng 1 năm 2024 }\n---\n")
        #expect(none.isEmpty && a?.date.local == CivilDate(year: 2024, month: 1, day: 10) && a?.meeting?.date == CivilDate(year: 2024, month: 1, day: 9))
        let (_, en) = article("---\ntitle: A\ndate: 10/01/2024\norganization: x\n---\n", config: config { $0.language = .en })
        #expect(en == ["content/a.md:3:7: error: `date` must be a date like 2024-01-10 or 2024-01-10 17:50, found `10/01/2024`"])
    }
}

@Suite struct FormatTests {
    @Test func vietnameseNumbers() {
        #expect(SiteLanguage.vi.format(Number.integer(7575)) == "7.575")
        #expect(SiteLanguage.vi.format(Number.decimal(29.5)) == "29,5")
        #expect(SiteLanguage.vi.format(Number.integer(1_234_567)) == "1.234.567")
        #expect(SiteLanguage.vi.format(Number.integer(-60358)) == "-60.358")
        #expect(SiteLanguage.vi.format(Number.integer(100)) == "100")
    }

    @Test func englishNumbers() {
        #expect(SiteLanguage.en.format(Number.integer(7575)) == "7,575")
        #expect(SiteLanguage.en.format(Number.decimal(29.5)) == "29.5")
        #expect(SiteLanguage.en.format(Number.decimal(1234.25)) == "1,234.25")
    }

    /// The byte-level grouping against the rule written plainly: groups of three from the
    /// right, the sign kept in front, the fraction as it is.
    @Test func groupingMatchesThePlainRule() {
        func reference(_ plain: String, _ group: String, _ decimal: String) -> String {
            let negative = plain.hasPrefix("-")
            let body = negative ? String(plain.dropFirst()) : plain
            let parts = body.split(separator: ".", maxSplits: 1).map(String.init)
            var digits = Array(parts[0]), grouped = ""
            while digits.count > 3 {
                grouped = group + String(digits.suffix(3)) + grouped
                digits.removeLast(3)
            }
            grouped = String(digits) + grouped
            return (negative ? "-" : "") + grouped + (parts.count > 1 ? decimal + parts[1] : "")
        }
        var values: [Number] = [.integer(0), .integer(-1), .integer(999), .integer(1000), .integer(-1000), .integer(Int.max), .integer(Int.min + 1)]
        for k in 0..<60 { values += [.integer(k * 7919 * (k % 2 == 0 ? 1 : -1) * Int(pow(10.0, Double(k % 12)))), .decimal(Double(k) * 1234.5678 - 999)] }
        for n in values where !n.plain.contains("e") {
            #expect(SiteLanguage.vi.format(n) == reference(n.plain, ".", ","), "\(n.plain)")
            #expect(SiteLanguage.en.format(n) == reference(n.plain, ",", "."), "\(n.plain)")
        }
    }

    @Test func dates() {
        let d = CivilDate(year: 2024, month: 1, day: 10)
        #expect(SiteLanguage.vi.format(d) == "10/01/2024")
        #expect(SiteLanguage.en.format(d) == "10 January 2024")
    }

    @Test func yamlNumbers() {
        #expect(Number(yaml: "7575") == .integer(7575))
        #expect(Number(yaml: "29.5") == .decimal(29.5))
        #expect(Number(yaml: "-3") == .integer(-3))
        #expect(Number(yaml: "7.575,5") == nil)
        #expect(Number(yaml: "nhiều") == nil)
        #expect(Number(yaml: "nan") == nil)
        #expect(Number(yaml: ".inf") == nil)
    }
}

@Suite struct VietnameseOrderTests {
    @Test func alphabetNotCodePoints() {
        let names = ["Đồng Tháp", "Yên Bái", "An Giang", "Ân Thi", "Ăn", "Bắc Ninh", "Dĩ An", "Ô Môn", "Ơ", "Ưu", "Uông Bí", "Z"]
        let sorted = names.sorted { VietnameseOrder.less($0, $1) }
        #expect(sorted == ["An Giang", "Ăn", "Ân Thi", "Bắc Ninh", "Dĩ An", "Đồng Tháp", "Ô Môn", "Ơ", "Uông Bí", "Ưu", "Yên Bái", "Z"])
    }

    @Test func tonesOrderAfterLetters() {
        #expect(["má", "mà", "ma", "mạ"].sorted { VietnameseOrder.less($0, $1) } == ["ma", "mà", "má", "mạ"])
    }
}

@Suite struct DiagnosticTests {
    @Test func formatAndSummary() {
        var d = Diagnostics()
        d.warning(SourceLocation(path: "content/b.md", line: 2, column: 1), "w")
        d.error(SourceLocation(path: "content/a.md", line: 9, column: 3), "e2")
        d.error(SourceLocation(path: "content/a.md", line: 3, column: 7), "e1")
        #expect(d.sorted.map(\.description) == [
            "content/a.md:3:7: error: e1", "content/a.md:9:3: error: e2", "content/b.md:2:1: warning: w",
        ])
        #expect(d.summary == "2 errors, 1 warning")
        #expect(d.promotingWarnings(true).errorCount == 3)
    }
}

@Suite struct EscapingTests {
    @Test func sameAsMustacheDefault() throws {
        let samples = ["", "Hội nghị", "<script>alert('x')</script> & \"q\"", "a&&b", "👩‍👩‍👧<", "\u{0301}'"]
        let plain = try MustacheTemplate(string: "{{v}}")
        for s in samples {
            #expect(escapeHTML(s) == plain.render(["v": s]))
        }
    }
}
