import Foundation

/// A photo as a page shows it: `<picture>`, WebP at every width and the fallback (JPEG, or PNG
/// for a PNG with transparency) for browsers without it, with `width` and `height` so the page
/// does not jump as it loads. Addresses are relative to the article's page, beside which the
/// files are published.
struct PhotoView {
    var src: String
    var srcset: String
    var webpSrcset: String
    var type: String
    var sizes: String
    var width: Int
    var height: Int
    var alt: String
    /// The photo at its largest (or itself, when `images.publish_originals`).
    var link: String
    /// Below the fold: loaded when scrolled to. Not the lead photo.
    var lazy: Bool
}

extension PhotoView: ViewModel {
    static let schema = ViewSchema<Self>("a photo", [
        .text("src", "the fallback (JPEG or PNG) about 960 pixels wide") { $0.src },
        .text("srcset", "every width of the fallback") { $0.srcset },
        .text("webp_srcset", "every width as WebP") { $0.webpSrcset },
        .text("type", "the fallback's type: image/jpeg or image/png") { $0.type },
        .text("sizes", "how wide it shows, for the browser to choose") { $0.sizes },
        .number("width", "of src") { $0.width },
        .number("height", "of src") { $0.height },
        .text("alt", "its description") { $0.alt },
        .text("link", "the photo at its largest") { $0.link },
        .flag("lazy", "loaded when scrolled to (every photo but the lead)") { $0.lazy },
    ])
}

enum PhotoMarkup {
    /// The article's column (`--measure`, 46rem) on a wide screen, the screen on a phone.
    static let sizes = "(min-width: 48rem) 46rem, 100vw"
    /// A gallery's column: three or so across the article, two on a phone.
    static let gallerySizes = "(min-width: 48rem) 15rem, 50vw"
    /// The fallback's width `src` names: what most screens take from `srcset` anyway.
    static let srcWidth = 960

    static func view(_ photo: ProcessedPhoto, name: String, alt: String, lazy: Bool) -> PhotoView {
        let src = photo.sizes.last(where: { $0.width <= srcWidth }) ?? photo.sizes[0]
        return PhotoView(
            src: href(photo.sizeName(name, src, webp: false)),
            srcset: photo.sizes.map { "\(href(photo.sizeName(name, $0, webp: false))) \($0.width)w" }.joined(separator: ", "),
            webpSrcset: photo.sizes.map { "\(href(photo.sizeName(name, $0, webp: true))) \($0.width)w" }.joined(separator: ", "),
            type: photo.fallback.mime, sizes: sizes, width: src.width, height: src.height, alt: alt,
            link: href(photo.linkTarget(name)), lazy: lazy)
    }

    /// The same markup as the theme's `photo.mustache`, for photos placed in the body. `alt`
    /// and `title` come escaped, as cmark-gfm wrote them.
    static func html(_ v: PhotoView, escapedAlt: String, escapedTitle: String?) -> String {
        let title = escapedTitle.map { " title=\"\($0)\"" } ?? ""
        return "<picture><source type=\"image/webp\" srcset=\"\(escapeHTML(v.webpSrcset))\" sizes=\"\(v.sizes)\">"
            + "<img src=\"\(escapeHTML(v.src))\" srcset=\"\(escapeHTML(v.srcset))\" sizes=\"\(v.sizes)\" width=\"\(v.width)\" height=\"\(v.height)\" alt=\"\(escapedAlt)\"\(title)"
            + (v.lazy ? " loading=\"lazy\" decoding=\"async\"" : "") + "></picture>"
    }

    /// A file name as an address relative to the page (`anh hội trường.jpg` → `anh%20h%E1…`).
    static func href(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
    }

    private static let allowed: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        set.insert(charactersIn: "-._~/")
        return set
    }()

    /// The body with each of its bundle's photos as `<picture>`, and each link to one leading to
    /// the published file. The body is cmark-gfm's own HTML, which writes an image as
    /// `<img src="…" alt="…" />` (with ` title="…"` before the end when it has one) and escapes
    /// every `"` in a value: the scan reads that form, nothing else.
    static func rewrite(_ html: String, _ article: Article, _ catalog: PhotoCatalog, lead: String?) -> String {
        guard !catalog.isEmpty, article.bundleDirectory != nil, html.contains("<img src=\"") || html.contains(" href=\"") else { return html }
        var out = ""
        var rest = Substring(html)
        // The next image and the next link, each found once (searching again for the one not
        // taken would cost a long body its length for every photo).
        var nextImage = rest.range(of: "<img src=\"")
        var nextLink = rest.range(of: " href=\"")
        while nextImage != nil || nextLink != nil {
            if let link = nextLink, nextImage.map({ link.lowerBound < $0.lowerBound }) ?? true {
                out += rest[..<link.upperBound]
                rest = rest[link.upperBound...]
                if let end = rest.firstIndex(of: "\"") {
                    let value = String(rest[..<end])
                    out += catalog.photo(article, unescape(value)).map { escapeHTML(href($0.linkTarget(unescape(value)))) } ?? value
                    rest = rest[end...]
                }
                nextLink = rest.range(of: " href=\"")
                if let image = nextImage, image.lowerBound < rest.startIndex { nextImage = rest.range(of: "<img src=\"") }
                continue
            }
            let hit = nextImage!
            var consumed = hit.upperBound
            if let srcEnd = rest[hit.upperBound...].firstIndex(of: "\""), rest[srcEnd...].hasPrefix("\" alt=\""),
               let close = rest[srcEnd...].range(of: " />") {
                let src = unescape(String(rest[hit.upperBound..<srcEnd]))
                consumed = close.upperBound
                if let photo = catalog.photo(article, src) {
                    // alt="…", then perhaps title="…", then " />".
                    let attributes = rest[rest.index(srcEnd, offsetBy: 7)..<close.lowerBound]
                    var alt = attributes.dropLast()
                    var title: Substring?
                    if let t = attributes.range(of: "\" title=\"") {
                        alt = attributes[..<t.lowerBound]
                        title = attributes[t.upperBound...].dropLast()
                    }
                    let isLead = lead.map { PhotoCatalog.sitePath(article, $0) == PhotoCatalog.sitePath(article, src) } ?? false
                    out += rest[..<hit.lowerBound]
                    out += Self.html(view(photo, name: src, alt: "", lazy: !isLead), escapedAlt: String(alt), escapedTitle: title.map(String.init))
                    rest = rest[consumed...]
                    nextImage = rest.range(of: "<img src=\"")
                    if let link = nextLink, link.lowerBound < rest.startIndex { nextLink = rest.range(of: " href=\"") }
                    continue
                }
            }
            out += rest[..<consumed]
            rest = rest[consumed...]
            nextImage = rest.range(of: "<img src=\"")
            if let link = nextLink, link.lowerBound < rest.startIndex { nextLink = rest.range(of: " href=\"") }
        }
        return out + rest
    }

    private static func unescape(_ value: String) -> String {
        value.contains("&") ? value.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#x27;", with: "'") : value
    }
}
