/// Links of a rendered page made relative to it (Hugo's `relativeURLs`), so that a built site
/// works opened from disk (`file://`) as well as served from any folder: `/style.css` on
/// `2024/tong-ket/index.html` becomes `../../style.css`.
///
/// Only the values of `href`, `src`, `action` and `data-index` that start with the site's base
/// path are changed; absolute addresses (canonical, OpenGraph, feeds, sitemap, JSON-LD) are left
/// as they are. The page is Bantin's own output, where attribute values are escaped and quoted
/// with `"`, so a scan for those attribute names is exact. `404.html` keeps root-relative links:
/// a server sends it for missing pages at any depth.
enum RelativeLinks {
    private static let attributes: [[UInt8]] = [" href=\"", " src=\"", " action=\"", " data-index=\""].map { Array($0.utf8) }

    /// `html` with the links that start with `basePath` made relative to `file` (a path inside
    /// the output folder, such as `2024/tong-ket/index.html`).
    static func rewrite(_ html: [UInt8], file: String, basePath: String) -> [UInt8] {
        let base = Array(basePath.utf8)
        let depth = file.split(separator: "/").count - 1
        let up: [UInt8] = depth == 0 ? Array("./".utf8) : Array(String(repeating: "../", count: depth).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(html.count + 256)
        var i = 0, copied = 0
        let last = html.count - 1
        while i < last {
            // Only a space followed by the first letter of an attribute can start one: text is
            // mostly spaces and letters, and this keeps the scan to two byte compares.
            let next = html[i + 1]
            guard html[i] == 0x20, next == 0x68 || next == 0x73 || next == 0x61 || next == 0x64,
                  let attribute = attributes.first(where: { html.has($0, at: i) }) else {
                i += 1
                continue
            }
            let value = i + attribute.count
            i = value
            // `//host/…` is another site; `/` alone, or the base path, is the home page.
            guard html.has(base, at: value), !(base == [0x2F] && value + 1 < html.count && html[value + 1] == 0x2F) else { continue }
            out.append(contentsOf: html[copied..<value])
            out.append(contentsOf: up)
            copied = value + base.count
            i = copied
        }
        out.append(contentsOf: html[copied...])
        return out
    }
}
