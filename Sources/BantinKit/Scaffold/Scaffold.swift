import Foundation

/// `bantin new …`: writes skeletons that build as they are. Never overwrites a file.
public enum Scaffold {
    public enum Failure: Error, CustomStringConvertible {
        case exists(String)
        case unknownOrganization(String, suggestion: String?)
        case invalid(String)

        public var description: String {
            switch self {
            case .exists(let p): "\(p) exists already; Bantin does not overwrite it"
            case .unknownOrganization(let id, let s):
                "the organization `\(id)` does not exist in content/organizations/" + (s.map { "; did you mean `\($0)`?" } ?? "")
            case .invalid(let m): m
            }
        }
    }

    /// A double-quoted YAML string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for ch in text.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }

    /// `content/tin/<organization>/<slug>.md`, dated now in the site's time zone.
    public static func article(title: String, organization: String, root: String, now: Date = Date()) throws -> String {
        var diagnostics = Diagnostics()
        guard let config = SiteConfigLoader.read(siteAt: root, &diagnostics)?.config else {
            throw Failure.invalid("site.yml is missing or has errors; run `bantin check` first")
        }
        let orgs = OrganizationReference.ids(inSiteAt: root)
        guard orgs.contains(organization) else {
            throw Failure.unknownOrganization(organization, suggestion: Suggest.closest(to: organization, in: orgs))
        }
        let slug = Slug.make(title)
        guard !slug.isEmpty else { throw Failure.invalid("the title has no letters or digits to make a URL from") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: now)
        let date = "\(CivilDate(year: c.year!, month: c.month!, day: c.day!)) \(CivilDate.pad(c.hour!, 2)):\(CivilDate.pad(c.minute!, 2))"
        let rel = "content/tin/\(organization)/\(slug).md"
        try create(root + "/" + rel, rel, """
        ---
        title: \(quoted(title))
        date: \(date)
        organization: \(organization)
        tags: []
        # summary: Một đoạn tóm tắt (mặc định: đoạn đầu của bài)
        # meeting:
        #   kind: tổng kết            # triển khai, giao ban, kế hoạch, đại hội
        #   date: \(CivilDate(year: c.year!, month: c.month!, day: c.day!))
        #   location: …
        #   period: "\(c.year! - 1)"             # 2023, 2022-Q3, 2019-2020
        #   chair: ["…"]
        #   attendees:
        #     - { name: …, role: … }
        # awards:
        #   - { title: Giấy khen, recipient_kind: collective, count: 1 }   # collective | individual
        # statistics:                     # label and unit from site.yml, or give them here
        #   - { key: members, value: "7.575" }          # in quotes: 7.575 is seven thousand…
        #   - { key: member_ratio, value: "29,5" }      # …and 29,5 a decimal; or 7575 and 29.5
        # Dates may be written 10/01/2024 17:50 or ngày 10 tháng 1 năm 2024 (day first).
        ---
        Viết nội dung bài ở đây.

        """)
        return rel
    }

    public static func organization(id: String, name: String, root: String) throws -> String {
        guard !id.isEmpty, Slug.make(id) == id else {
            throw Failure.invalid("an organization id is a URL name such as `\(Slug.make(id.isEmpty ? name : id))`")
        }
        let rel = "content/organizations/\(id).md"
        try create(root + "/" + rel, rel, """
        ---
        name: \(quoted(name))
        # short_name: …
        # level: huyện                   # tỉnh, huyện, quận, xã, trường …
        # parent: …                      # id of the organization above it
        # website: https://…
        ---
        Giới thiệu ngắn về tổ chức.

        """)
        return rel
    }

    /// The sample organisation and article that `new site --example` adds.
    public static let exampleFiles = ["content/organizations/hoi-vi-du.md", "content/tin/hoi-vi-du/hoi-nghi-dau-tien.md"]

    /// A starter site that builds as it is; with `example`, a sample organisation and article
    /// to learn from (and delete once the site has its own).
    public static func site(at dir: String, example: Bool = false) throws -> [String] {
        let fm = FileManager.default
        if fm.fileExists(atPath: dir), !((try? fm.contentsOfDirectory(atPath: dir)) ?? []).isEmpty {
            throw Failure.exists(dir)
        }
        let files: [(String, String)] = [
            ("site.yml", """
            title: Bản tin của chúng tôi
            base_url: https://example.org/
            language: vi
            timezone: Asia/Ho_Chi_Minh
            description: Tin hội nghị và kết quả hoạt động.
            permalink: "/:year/:slug/"
            paginate: 20
            statistics:
              members: { label: Hội viên, unit: người }
              scholarships: { label: Suất học bổng, unit: suất }

            """),
            ("content/organizations/hoi-vi-du.md", """
            ---
            name: Hội Khuyến học Ví dụ
            short_name: HKH Ví dụ
            level: huyện
            ---
            Thay tổ chức này bằng tổ chức của bạn: mỗi tổ chức một tệp trong content/organizations/.

            """),
            ("content/tin/hoi-vi-du/hoi-nghi-dau-tien.md", """
            ---
            title: Hội nghị đầu tiên
            date: 2025-01-10 09:00
            organization: hoi-vi-du
            tags: [tổng kết]
            meeting: { kind: tổng kết, period: "2024" }
            statistics:
              - { key: members, value: 1200 }
            ---
            Bài viết đầu tiên. Tạo bài mới bằng `bantin new article "Tiêu đề" --organization hoi-vi-du`.

            """),
            ("content/pages/gioi-thieu.md", """
            ---
            title: Giới thiệu
            ---
            Trang giới thiệu của bản tin.

            """),
            ("static/.gitkeep", ""),
            (".gitignore", "public/\n.bantin-cache/\n"),
        ]
        var written: [String] = []
        for (rel, text) in files where example || !exampleFiles.contains(rel) {
            try create(dir + "/" + rel, rel, text)
            written.append(rel)
        }
        return written
    }

    private static func create(_ path: String, _ rel: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        do {
            try FileWriter.create(Data(text.utf8), at: path)
        } catch let error as POSIXError {
            throw error.code == .EEXIST ? Failure.exists(rel) : Failure.invalid("cannot create \(rel)")
        }
    }
}
