/// A photo as it is published: its size upright, the widths made of it (each as WebP and as
/// the fallback format), the JPEG link previews show and, when `site.yml` asks, the photo
/// itself; every file oriented and stripped of its metadata. Kept in the photo cache
/// (`PhotoCache`) under `key`.
struct ProcessedPhoto: Sendable, Equatable {
    struct Size: Sendable, Equatable {
        var width: Int
        var height: Int
    }

    enum Fallback: String, Sendable {
        /// Photos.
        case jpeg = "jpg"
        /// A PNG with transparency stays a PNG: a JPEG would lose it.
        case png
        var mime: String { self == .jpeg ? "image/jpeg" : "image/png" }
    }

    var key: UInt64
    /// Upright, as the photo was taken.
    var width: Int
    var height: Int
    var fallback: Fallback
    /// Ascending; the widths of `images.widths` no wider than the photo, and its own width when
    /// it is narrower than the widest of them.
    var sizes: [Size]
    /// The JPEG link previews show (`og:image`), made for a lead photo (`image:`) only.
    var preview: Size?
    var original: Size?

    /// The widths to make of a photo `width` pixels wide: never wider than it is.
    static func widths(for width: Int, settings: ImageSettings) -> [Int] {
        var out = settings.widths.filter { $0 < width }
        if settings.widths.contains(where: { $0 >= width }) { out.append(width) }
        return Array(Set(out)).sorted()
    }

    /// The file names in the cache entry and as published beside the page, for a photo named
    /// `name` (`hoi-truong.jpg` → `hoi-truong-480.webp`, `hoi-truong-480.jpg`, …).
    func files(publishedAs name: String) -> [(published: String, cached: String)] {
        let stem = Self.stem(name)
        var out: [(String, String)] = []
        for size in sizes {
            out.append(("\(stem)-\(size.width).webp", "\(size.width).webp"))
            out.append(("\(stem)-\(size.width).\(fallback.rawValue)", "\(size.width).\(fallback.rawValue)"))
        }
        if let preview, !previewIsASize { out.append(("\(stem)-\(preview.width).jpg", "preview.jpg")) }
        if original != nil { out.append((originalName(name), "original.\(fallback.rawValue)")) }
        return out
    }

    /// Whether the preview is one of the sizes' JPEGs already.
    var previewIsASize: Bool { preview.map { fallback == .jpeg && sizes.contains($0) } ?? false }

    /// The name the photo itself is published under: its own, unless its format is not one a
    /// browser shows (HEIC, TIFF) or is not the fallback's.
    func originalName(_ name: String) -> String {
        let ext = Self.ext(name)
        let same = fallback == .jpeg ? ["jpg", "jpeg"].contains(ext) : ext == "png"
        return same ? name : Self.stem(name) + "." + fallback.rawValue
    }

    func sizeName(_ name: String, _ size: Size, webp: Bool) -> String {
        "\(Self.stem(name))-\(size.width).\(webp ? "webp" : fallback.rawValue)"
    }

    func previewName(_ name: String) -> String? { preview.map { "\(Self.stem(name))-\($0.width).jpg" } }

    /// What a link to the photo itself leads to: the photo when it is published, else its widest size.
    func linkTarget(_ name: String) -> String {
        original != nil ? originalName(name) : sizeName(name, sizes[sizes.count - 1], webp: false)
    }

    static func stem(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex, !name[dot...].contains("/") else { return name }
        return String(name[..<dot])
    }

    static func ext(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// The photos Bantin processes, by extension. GIFs (which may move) and SVGs (drawings,
    /// not pixels) are published as they are.
    static let extensions: Set<String> = ["jpg", "jpeg", "png", "webp", "heic", "heif", "avif", "tif", "tiff"]

    static func isPhoto(_ name: String) -> Bool { extensions.contains(ext(name)) }

    // MARK: The cache entry's manifest

    static let header = "bantin-photo 1"

    func manifest() -> String {
        var lines = [Self.header, "size \(width) \(height)", "fallback \(fallback.rawValue)"]
        if let preview { lines.append("preview \(preview.width) \(preview.height)") }
        for size in sizes { lines.append("width \(size.width) \(size.height)") }
        if let original { lines.append("original \(original.width) \(original.height)") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func read(manifest text: String, key: UInt64) -> ProcessedPhoto? {
        let lines = text.split(separator: "\n")
        guard lines.first == Substring(header) else { return nil }
        var photo = ProcessedPhoto(key: key, width: 0, height: 0, fallback: .jpeg, sizes: [], preview: nil, original: nil)
        for line in lines.dropFirst() {
            let f = line.split(separator: " ")
            guard f.count >= 2 else { return nil }
            let size = f.count == 3 ? Int(f[1]).flatMap { w in Int(f[2]).map { Size(width: w, height: $0) } } : nil
            switch (f[0], size) {
            case ("size", let s?): (photo.width, photo.height) = (s.width, s.height)
            case ("fallback", _): guard let fb = Fallback(rawValue: String(f[1])) else { return nil }; photo.fallback = fb
            case ("preview", let s?): photo.preview = s
            case ("width", let s?): photo.sizes.append(s)
            case ("original", let s?): photo.original = s
            default: return nil
            }
        }
        return photo.width > 0 && !photo.sizes.isEmpty ? photo : nil
    }
}
