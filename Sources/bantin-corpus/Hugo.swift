import Foundation

/// The same corpus as a Hugo site, with templates equivalent to Bantin's default theme: article
/// pages with the meeting, awards and statistics tables; organisations, years and tags as
/// taxonomies with paginated term pages; a paginated home; RSS; sitemap.
enum Hugo {
/// Templates equivalent to Bantin's default theme.
static let layouts: [String: String] = [
        "_default/baseof.html": """
        <!DOCTYPE html>
        <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{ .Title }} – {{ site.Title }}</title><link rel="canonical" href="{{ .Permalink }}"><link rel="stylesheet" href="/style.css">
        {{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
        </head><body><header><a href="/">{{ site.Title }}</a><nav><ul><li><a href="/organizations/">Tổ chức</a></li><li><a href="/years/">Năm</a></li><li><a href="/tags/">Chủ đề</a></li></ul></nav></header>
        <main>{{ block "main" . }}{{ end }}</main><footer>{{ site.Title }}</footer></body></html>
        """,
        "_default/single.html": """
        {{ define "main" }}<article><h1>{{ .Title }}</h1><p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time>
        {{ range .GetTerms "organizations" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
        {{ with .Params.meeting }}<aside><h2>Hội nghị</h2><dl><dt>Loại</dt><dd>{{ .kind }}</dd><dt>Địa điểm</dt><dd>{{ .location }}</dd><dt>Kỳ</dt><dd>{{ .period }}</dd><dt>Chủ trì</dt><dd>{{ delimit .chair "; " }}</dd></dl></aside>{{ end }}
        <div class="body">{{ .Content }}</div>
        {{ with .Params.statistics }}<table><thead><tr><th>Chỉ tiêu</th><th>Giá trị</th></tr></thead><tbody>{{ range . }}<tr><th>{{ .key }}</th><td>{{ lang.FormatNumberCustom 0 .value "- , ." }}</td></tr>{{ end }}</tbody></table>{{ end }}
        {{ with .Params.awards }}<table><thead><tr><th>Hình thức</th><th>Đối tượng</th><th>Số lượng</th></tr></thead><tbody>{{ range . }}<tr><td>{{ .title }}</td><td>{{ .recipient_kind }}</td><td>{{ .count }}</td></tr>{{ end }}</tbody></table>{{ end }}
        <p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p></article>{{ end }}
        """,
        "_default/list.html": """
        {{ define "main" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Pages }}{{ range $p.Pages }}{{ partial "card.html" . }}{{ end }}{{ partial "pager.html" $p }}{{ end }}
        """,
        "_default/terms.html": """
        {{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByTerm }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
        """,
        "index.html": """
        {{ define "main" }}<h1>Tin mới</h1>{{ $p := .Paginate (where site.RegularPages "Section" "posts") }}{{ range $p.Pages }}{{ partial "card.html" . }}{{ end }}{{ partial "pager.html" $p }}{{ end }}
        """,
        "partials/card.html": """
        <article class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time> · {{ .Params.meeting.kind }}</p><p>{{ .Summary | plainify | truncate 300 }}</p></article>
        """,
        "partials/pager.html": """
        {{ if gt .TotalPages 1 }}<nav class="pagination">{{ with .Prev }}<a rel="prev" href="{{ .URL }}">Trang trước</a>{{ end }} {{ .PageNumber }}/{{ .TotalPages }} {{ with .Next }}<a rel="next" href="{{ .URL }}">Trang sau</a>{{ end }}</nav>{{ end }}
        """,
    ]

    static func prepare(_ dir: String, organizations: Int, names: [String]) throws {
        let fm = FileManager.default
        try? fm.removeItem(atPath: dir)
        for sub in ["content/posts", "layouts/_default", "layouts/partials", "content/organizations"] {
            try fm.createDirectory(atPath: "\(dir)/\(sub)", withIntermediateDirectories: true)
        }
        try """
        baseURL = "https://bench.example.org/"
        languageCode = "vi"
        title = "Bản tin Khuyến học (thử tải)"
        disableKinds = []
        [pagination]
          pagerSize = 20
        [taxonomies]
          tag = "tags"
          organization = "organizations"
          year = "years"
        [markup.goldmark.renderer]
          unsafe = false
        [markup.goldmark.extensions]
          footnote = true
          table = true
          strikethrough = true
          linkify = true
          taskList = true

        """.write(toFile: "\(dir)/hugo.toml", atomically: false, encoding: .utf8)
        for i in 0..<organizations {
            let id = i < 16 ? "hkh-tinh-\(i)" : "hkh-huyen-\(i)"
            try fm.createDirectory(atPath: "\(dir)/content/organizations/\(id)", withIntermediateDirectories: true)
            try "---\ntitle: \(names[i])\n---\nHội khuyến học thử tải số \(i).\n"
                .write(toFile: "\(dir)/content/organizations/\(id)/_index.md", atomically: false, encoding: .utf8)
        }
        for (name, text) in layouts {
            try text.write(toFile: "\(dir)/layouts/\(name)", atomically: false, encoding: .utf8)
        }
    }

    static func article(_ dir: String, n: Int, front: String, year: Int, organization: String, body: String) throws {
        // Hugo reads an ISO date; the taxonomies stand for Bantin's organisation and year archives.
        var lines = front.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in lines.indices where lines[i].hasPrefix("date: ") {
            let value = lines[i].dropFirst(6)
            lines[i] = "date: \(value.replacingOccurrences(of: " ", with: "T")):00+07:00"
        }
        let extra = "organizations: [\(organization)]\nyears: [\"\(year)\"]\n"
        let path = "\(dir)/content/posts/\(year)/\(organization)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try "---\n\(lines.joined(separator: "\n"))\(extra)---\n\(body)".write(toFile: "\(path)/bai-\(n).md", atomically: false, encoding: .utf8)
    }
}
