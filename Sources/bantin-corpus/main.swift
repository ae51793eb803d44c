// Writes a synthetic Bantin site of N meeting articles over M organisations and Y years, realistic
// in size and shape (about 4 KB of Vietnamese Markdown each, with meeting, awards and statistics
// front-matter), for benchmarks. With --hugo DIR it also writes the same content as a Hugo site
// with equivalent templates. Deterministic: the same arguments give the same bytes.
import Foundation

struct Generator {
    var articles = 1000
    var organizations = 200
    var years = 5
    var out = "corpus"
    var hugo: String?
    var state: UInt64 = 0x5EED

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    static let provinces = ["Yên Bái", "Hà Tĩnh", "Quảng Ninh", "Đồng Tháp", "Nghệ An", "Thanh Hóa", "Lào Cai", "Bắc Giang",
                            "Thái Bình", "Nam Định", "Quảng Nam", "Bình Định", "Đắk Lắk", "Cần Thơ", "An Giang", "Sóc Trăng"]
    static let kinds = ["tổng kết", "triển khai", "giao ban", "kế hoạch", "đại hội"]
    static let tags = ["tổng kết", "học bổng", "xã hội học tập", "trung tâm học tập cộng đồng", "công dân học tập",
                       "gia đình học tập", "khen thưởng", "sinh viên", "quỹ khuyến học", "đại hội", "giao ban", "dòng họ học tập"]
    static let sentences = [
        "Hội nghị đánh giá kết quả công tác khuyến học, khuyến tài, xây dựng xã hội học tập trong năm qua.",
        "Các cấp hội tiếp tục củng cố tổ chức, phát triển hội viên và nâng cao chất lượng hoạt động của chi hội.",
        "Phong trào xây dựng gia đình học tập, dòng họ học tập, cộng đồng học tập được triển khai rộng khắp.",
        "Nhiều suất học bổng được trao cho học sinh, sinh viên có hoàn cảnh khó khăn vươn lên trong học tập.",
        "Trung tâm học tập cộng đồng ở các xã, phường tổ chức các lớp chuyên đề theo nhu cầu của người dân.",
        "Đại biểu thảo luận sôi nổi, đề xuất giải pháp huy động nguồn lực xã hội cho quỹ khuyến học.",
        "Hội phối hợp chặt chẽ với ngành giáo dục, đoàn thanh niên và hội phụ nữ trong các hoạt động chung.",
        "Lãnh đạo địa phương ghi nhận những đóng góp của hội và đề nghị tiếp tục đổi mới phương thức hoạt động.",
        "Công tác truyền thông về lợi ích của học tập suốt đời được đẩy mạnh trên nhiều phương tiện.",
        "Mô hình công dân học tập được thí điểm và nhân rộng trong cán bộ, công chức, viên chức.",
    ]

    /// Article `n`: a meeting of a random organisation, with awards and plausible figures.
    mutating func article(_ n: Int, firstYear: Int, organizationNames: [String]) throws {
        let fm = FileManager.default
        let org = Int(next() % UInt64(organizations))
        let year = firstYear + n % years
        let month = int(1...12), day = int(1...28)
        let kind = pick(Self.kinds)
        let title = "Hội nghị \(kind) số \(n) của \(organizationNames[org])"
        var tags = Set<String>()
        for _ in 0..<int(1...3) { tags.insert(pick(Self.tags)) }
        let tagList = tags.sorted()
        // Figures a real unit could report: a province ten times its districts, a year within
        // a few percent of the one before, so Bantin's plausibility checks stay quiet.
        let size = org < 16 ? 20.0 : 1.0
        let base = 1.0 + Double((org * 7919) % 97) / 97
        let drift = (1 + 0.04 * Double(year - firstYear)) * (0.97 + Double(int(0...6)) / 100)
        let members = Int(2500 * size * base * drift), scholarships = Int(40 * size * base * drift)
        let families = Int(1200 * size * base * drift)
        let collective = int(1...30), individual = int(1...40)
        var body = ""
        for p in 0..<8 {
            body += "## Phần \(p + 1)\n\n"
            for _ in 0..<4 { body += pick(Self.sentences) + " " }
            body += "\n\n"
        }
        body += "| Chỉ tiêu | Kết quả |\n|---|---:|\n| Hội viên | \(members) |\n| Học bổng | \(scholarships) |\n"
        let date = String(format: "%04d-%02d-%02d 09:%02d", year, month, day, n % 60)
        let meeting = "meeting:\n  kind: \(kind)\n  location: \(Self.provinces[org % Self.provinces.count])\n  period: \"\(year)\"\n  chair: [\"Chủ tịch hội\"]\n"
        let awards = "awards:\n  - { title: Giấy khen, recipient_kind: collective, count: \(collective) }\n  - { title: Giấy khen, recipient_kind: individual, count: \(individual) }\n"
        let stats = "statistics:\n  - { key: members, value: \(members) }\n  - { key: scholarships, value: \(scholarships) }\n  - { key: learning_families, value: \(families) }\n  - { key: member_ratio, value: \(15 + org % 15).\(int(1...9)) }\n"
        let dir = "\(out)/content/\(year)/\(organizationID(org))"
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let front = "title: \(title)\ndate: \(date)\norganization: \(organizationID(org))\ntags: [\(tagList.joined(separator: ", "))]\n" + meeting + awards + stats
        try "---\n\(front)---\n\(body)".write(toFile: "\(dir)/bai-\(n).md", atomically: false, encoding: .utf8)
        if let hugo {
            try Hugo.article(hugo, n: n, front: front, year: year, organization: organizationID(org), body: body)
        }
    }

    func organizationID(_ i: Int) -> String { i < 16 ? "hkh-tinh-\(i)" : "hkh-huyen-\(i)" }

    mutating func run() throws {
        let fm = FileManager.default
        try? fm.removeItem(atPath: out)
        try fm.createDirectory(atPath: out + "/content/organizations", withIntermediateDirectories: true)
        var site = """
        title: Bản tin Khuyến học (thử tải)
        base_url: https://bench.example.org/
        paginate: 20
        statistics:
          members: { label: Hội viên, unit: người }
          scholarships: { label: Suất học bổng, unit: suất }
          learning_families: { label: Gia đình học tập, unit: gia đình }
          member_ratio: { label: Tỷ lệ hội viên, unit: "%" }

        """
        try site.write(toFile: out + "/site.yml", atomically: true, encoding: .utf8)
        site = ""
        var orgNames: [String] = []
        for i in 0..<organizations {
            let province = Self.provinces[i % Self.provinces.count]
            let name = i < 16 ? "Hội Khuyến học tỉnh \(province)" : "Hội Khuyến học huyện Số \(i) (\(province))"
            orgNames.append(name)
            let parent = i < 16 ? "" : "parent: \(organizationID(i % 16))\n"
            try "---\nname: \(name)\nlevel: \(i < 16 ? "tỉnh" : "huyện")\n\(parent)---\nHội khuyến học thử tải số \(i).\n"
                .write(toFile: "\(out)/content/organizations/\(organizationID(i)).md", atomically: false, encoding: .utf8)
        }
        if let hugo { try Hugo.prepare(hugo, organizations: organizations, names: orgNames) }
        let firstYear = 2025 - years + 1
        for n in 0..<articles { try article(n, firstYear: firstYear, organizationNames: orgNames) }
    }
}

var generator = Generator()
var photos: Int?
var args = CommandLine.arguments.dropFirst()
while let flag = args.popFirst() {
    guard let value = args.popFirst() else { FileHandle.standardError.write(Data("\(flag) needs a value\n".utf8)); exit(2) }
    switch flag {
    case "--articles": generator.articles = Int(value) ?? generator.articles
    case "--organizations": generator.organizations = Int(value) ?? generator.organizations
    case "--years": generator.years = Int(value) ?? generator.years
    case "--out": generator.out = value
    case "--hugo": generator.hugo = value
    case "--photos": photos = Int(value)
    default: FileHandle.standardError.write(Data("unknown option \(flag)\n".utf8)); exit(2)
    }
}
do { if let photos { try PhotoSite.write(photos: photos, out: generator.out) } else { try generator.run() } } catch {
    FileHandle.standardError.write(Data("bantin-corpus: \(error)\n".utf8))
    exit(1)
}
