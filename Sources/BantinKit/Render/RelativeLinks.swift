import Foundation

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
    /// The attribute names, each with the space before it (the `="` after is checked apart).
    private static let attributes: [[UInt8]] = [" href", " src", " action", " data-index"].map { Array($0.utf8) }

    /// `html` with the links that start with `basePath` made relative to `file` (a path inside
    /// the output folder, such as `2024/tong-ket/index.html`).
    static func rewrite(_ html: [UInt8], file: String, basePath: String) -> [UInt8] {
        let base = Array(basePath.utf8)
        let depth = file.split(separator: "/").count - 1
        let up: [UInt8] = depth == 0 ? Array("./".utf8) : Array(String(repeating: "../", count: depth).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(html.count + 256)
        var copied = 0
        html.withUnsafeBufferPointer { bytes in
            guard let start = bytes.baseAddress else { return }
            var i = 0
            // Each `=` is found with memchr; an attribute is `="` with one of the names before it.
            while i < bytes.count, let hit = memchr(start + i, 0x3D, bytes.count - i) {
                let equals = start.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                i = equals + 1
                guard i < bytes.count, bytes[i] == 0x22,
                      attributes.contains(where: { equals >= $0.count && html.has($0, at: equals - $0.count) }) else { continue }
                let value = i + 1
                // `//host/…` is another site; `/` alone, or the base path, is the home page.
                guard html.has(base, at: value), !(base == [0x2F] && value + 1 < bytes.count && bytes[value + 1] == 0x2F) else { continue }
                out.append(contentsOf: bytes[copied..<value])
                out.append(contentsOf: up)
                copied = value + base.count
                i = copied
            }
        }
        out.append(contentsOf: html[copied...])
        return out
    }
}
