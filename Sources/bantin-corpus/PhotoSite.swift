import CPhotos
import Dispatch
import Foundation
import Synchronization

/// `--photos N --out DIR`: the site `bench/images` measures. N/10 articles, each with 10 photos
/// (4000 × 3000 JPEGs made by libvips: gradients under noise, about the bytes of a phone's):
/// the lead photo (`image:`), three placed in the text, six for the gallery. Beside it,
/// `DIR-without` (the same articles with no photo) and `DIR-hugo` (the same photos as page
/// bundles, with a template that resizes each to the same widths as WebP, as Hugo sites do).
enum PhotoSite {
    static let widths = [480, 960, 1600]

    static func write(photos: Int, out: String, width: Int = 4000, height: Int = 3000) throws {
        let fm = FileManager.default
        let articles = max(1, photos / 10)
        for dir in [out, out + "-without", out + "-hugo"] {
            try? fm.removeItem(atPath: dir)
            try fm.createDirectory(atPath: dir + "/content", withIntermediateDirectories: true)
        }
        let config = "title: Ảnh hội nghị\nbase_url: https://example.org/\n"
        for site in [out, out + "-without"] {
            try config.write(toFile: site + "/site.yml", atomically: false, encoding: .utf8)
            try fm.createDirectory(atPath: site + "/content/organizations", withIntermediateDirectories: true)
            try "---\nname: Hội Khuyến học tỉnh Thử\nlevel: tỉnh\n---\nHội thử ảnh.\n"
                .write(toFile: site + "/content/organizations/hkh-thu.md", atomically: false, encoding: .utf8)
        }
        try hugoFrame(out + "-hugo")
        guard bantin_photos_start() == 0 else { throw Failure(String(cString: bantin_photos_problem())) }
        // The photos on every core: each is a few hundred milliseconds of libvips.
        let failed = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: photos) { i in
            let a = i / 10, n = i % 10
            let dir = "\(out)/content/anh/bai-\(a)"
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            var error = [CChar](repeating: 0, count: 512)
            let path = "\(dir)/anh-\(n).jpg"
            if bantin_photo_sample(path + "[Q=88]", Int32(width), Int32(height), 0, Int32(i + 1), &error, error.count) != 0 {
                let why = String(cString: error)
                failed.withLock { $0.append(why) }
            }
        }
        if let first = failed.withLock({ $0.first }) { throw Failure(first) }
        for a in 0..<articles {
            let date = "2024-0\(1 + a % 9)-1\(a % 10)"
            let text = "Hội nghị tổng kết công tác khuyến học năm 2023 của đơn vị số \(a), với các đại biểu và học sinh nhận học bổng."
            let placed = (1...3).map { "![Ảnh \($0) của hội nghị số \(a)](anh-\($0).jpg)" }.joined(separator: "\n\n")
            let withPhotos = "---\ntitle: Hội nghị có ảnh số \(a)\ndate: \(date)\norganization: hkh-thu\nimage: anh-0.jpg\nimage_alt: Toàn cảnh hội nghị số \(a)\n---\n\(text)\n\n\(placed)\n\nCác ảnh khác của hội nghị.\n"
            try withPhotos.write(toFile: "\(out)/content/anh/bai-\(a)/index.md", atomically: false, encoding: .utf8)
            try fm.createDirectory(atPath: "\(out)-without/content/anh/bai-\(a)", withIntermediateDirectories: true)
            try "---\ntitle: Hội nghị có ảnh số \(a)\ndate: \(date)\norganization: hkh-thu\n---\n\(text)\n\nCác ảnh khác của hội nghị.\n"
                .write(toFile: "\(out)-without/content/anh/bai-\(a)/index.md", atomically: false, encoding: .utf8)
            let hugoDir = "\(out)-hugo/content/anh/bai-\(a)"
            try fm.createDirectory(atPath: hugoDir, withIntermediateDirectories: true)
            try "---\ntitle: Hội nghị có ảnh số \(a)\ndate: \(date)\n---\n\(text)\n".write(toFile: hugoDir + "/index.md", atomically: false, encoding: .utf8)
            for n in 0..<10 { try fm.linkItem(atPath: "\(out)/content/anh/bai-\(a)/anh-\(n).jpg", toPath: "\(hugoDir)/anh-\(n).jpg") }
        }
    }

    /// A Hugo site whose pages show each bundle photo at every width, as WebP.
    static func hugoFrame(_ dir: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/layouts/_default", withIntermediateDirectories: true)
        try "baseURL = 'https://example.org/'\ntitle = 'Ảnh hội nghị'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n[imaging]\nquality = 80\n"
            .write(toFile: dir + "/hugo.toml", atomically: false, encoding: .utf8)
        let resize = widths.map { "{{ with $img.Resize \"\($0)x webp\" }}<source srcset=\"{{ .RelPermalink }} \($0)w\">{{ end }}" }.joined()
        try """
        <!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}
        {{ range .Resources.ByType "image" }}{{ $img := . }}<picture>\(resize)</picture>{{ end }}
        </body></html>
        """.write(toFile: dir + "/layouts/_default/single.html", atomically: false, encoding: .utf8)
        try "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</body></html>\n"
            .write(toFile: dir + "/layouts/_default/list.html", atomically: false, encoding: .utf8)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }
}
