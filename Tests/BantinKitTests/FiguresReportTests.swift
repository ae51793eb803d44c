import Foundation
import Testing
@testable import BantinKit

/// `bantin figures` against tables worked out by hand from the fixture's articles.
@Suite struct FiguresReportTests {
    @Test func theFixturesFiguresAsATable() throws {
        let site = try fixture("basic")
        let r = try run(["figures", "--source", site.path])
        #expect(r.status == 0 && r.stderr.isEmpty)
        #expect(r.stdout == """
            Tổ chức    Năm   Chỉ tiêu  Giá trị  Đơn vị  Nguồn
            hkh-huyen  2022  members     7.600  người   content/news/c-2023-correction.md:6:28
                         thay cho 7.575 (content/news/a-2022.md:8:28)
            hkh-huyen  2023  members     8.000  người   content/news/b-2023.md:8:28
            hkh-tinh   2023  ratio        29,5  %       content/news/b-2023.md:9:26
            3 số liệu

            """)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("public").path))
    }

    @Test func filtersAndMachineFormats() throws {
        let site = try fixture("basic")
        let csv = try run(["figures", "--source", site.path, "--organization", "hkh-huyen", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout == "organization,organization_name,year,key,label,value,number,unit,source,replaced\r\n"
            + "hkh-huyen,Hội Khuyến học huyện Đông,2022,members,Hội viên,7.600,7600,người,content/news/c-2023-correction.md:6:28,7.575 at content/news/a-2022.md:8:28\r\n"
            + "hkh-huyen,Hội Khuyến học huyện Đông,2023,members,Hội viên,8.000,8000,người,content/news/b-2023.md:8:28,\r\n")
        let json = try run(["figures", "--source", site.path, "--year", "2022", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        #expect(rows.count == 1)
        #expect(rows[0]["value"] as? Int == 7600 && rows[0]["shown"] as? String == "7.600" && rows[0]["source"] as? String == "content/news/c-2023-correction.md:6:28")
        let replaced = rows[0]["replaced"] as! [[String: Any]]
        #expect(replaced.count == 1 && replaced[0]["value"] as? Int == 7575 && replaced[0]["source"] as? String == "content/news/a-2022.md:8:28")
        let ratio = try run(["figures", "--source", site.path, "--key", "ratio", "--year", "2023"])
        #expect(ratio.stdout.hasSuffix("\nhkh-tinh  2023  ratio        29,5  %       content/news/b-2023.md:9:26\n1 số liệu\n"))
    }

    @Test func exitCodesFollowTheContract() throws {
        let site = try fixture("basic")
        let unknown = try run(["figures", "--source", site.path, "--organization", "hkh-huyn"])
        #expect(unknown.status == 2 && unknown.stdout.isEmpty)
        #expect(unknown.stderr == "bantin: error: there is no organization `hkh-huyn`; did you mean `hkh-huyen`?\n")
        let key = try run(["figures", "--source", site.path, "--key", "member"])
        #expect(key.status == 2 && key.stderr == "bantin: error: no article reports the statistic `member`; did you mean `members`?\n")
        let format = try run(["figures", "--source", site.path, "--format", "xlsx"])
        #expect(format.status == 2)
        let broken = try run(["figures", "--source", try fixture("broken").path])
        #expect(broken.status == 1 && broken.stdout.isEmpty && broken.stderr.contains("content/news/f-values.md:10:28: error:"))
    }

    @Test func theExampleSiteListsEveryFigureOnce() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (index, result) = Builder().index(BuildOptions(source: root.path))
        #expect(result.succeeded)
        let report = FiguresReport(index: try #require(index))
        #expect(report.rows.count == index!.statistics.reduce(0) { $0 + $1.facts.count })
        // Vũ Quang's members as the example's articles give them, year by year.
        let members = report.rows.filter { $0.organization == "hkh-vu-quang" && $0.key == "members" }
        #expect(members.map(\.year) == [2021, 2023, 2024] && members.map(\.value) == ["7.120", "7.575", "7.940"])
        #expect(members[1].source == "content/tin/vu-quang/trien-khai-2023.md:15:28")
    }

    @Test func versionIsPrinted() throws {
        let r = try run(["--version"])
        #expect(r.status == 0 && r.stdout == BantinVersion.current + "\n")
    }
}
