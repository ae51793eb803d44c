/// `site.yml`'s `images`: how photos are published (see `Photos/`).
public struct ImageSettings: Sendable, Equatable {
    /// The widths published, smallest first; a photo is never made wider than it is.
    public var widths = [480, 960, 1600]
    /// Whether the photo itself is published too (oriented and stripped all the same).
    public var publishOriginals = false
    /// Photos with more pixels are refused before they are decoded (decompression bombs).
    public var maxPixels = 100_000_000
    public var jpegQuality = 82
    public var webpQuality = 80
    /// The width of the JPEG that link previews (`og:image`) show.
    public static let previewWidth = 1200

    public init() {}

    static let knownKeys = ["max_pixels", "publish_originals", "quality", "widths"]
}

extension SiteConfigLoader {
    /// `images: { widths, publish_originals, max_pixels, quality: { jpeg, webp } }`.
    static func readImages(_ node: YAMLNode, into config: inout SiteConfig, _ reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, "`images`") else { return }
        var settings = ImageSettings()
        for (key, keyNode, value) in pairs {
            switch key {
            case "widths":
                guard let items = reader.sequence(value, "images.widths") else { continue }
                var widths: [Int] = []
                for item in items {
                    guard let width = reader.integer(item, "images.widths") else { continue }
                    if (16...10_000).contains(width) { widths.append(width) } else {
                        reader.diagnostics.error(reader.location(item), "a width in `images.widths` is a number of pixels from 16 to 10000, such as 960; found \(width)")
                    }
                }
                if items.isEmpty {
                    reader.diagnostics.error(reader.location(value), "`images.widths` needs at least one width, such as [480, 960, 1600]")
                } else if !widths.isEmpty {
                    settings.widths = Array(Set(widths)).sorted()
                }
            case "publish_originals":
                if let publish = reader.bool(value, "images.publish_originals") { settings.publishOriginals = publish }
            case "max_pixels":
                guard let n = reader.integer(value, "images.max_pixels") else { continue }
                if n >= 1 { settings.maxPixels = n } else {
                    reader.diagnostics.error(reader.location(value), "`images.max_pixels` is a number of pixels, such as 100000000 (100 megapixels); found \(n)")
                }
            case "quality":
                guard let qualities = reader.mapping(value, "`images.quality`") else { continue }
                for (format, formatNode, q) in qualities {
                    guard format == "jpeg" || format == "webp" else {
                        reader.diagnostics.warning(reader.location(formatNode), "unknown key `\(format)` in `images.quality`; known: jpeg, webp")
                        continue
                    }
                    guard let n = reader.integer(q, "images.quality.\(format)") else { continue }
                    guard (1...100).contains(n) else {
                        reader.diagnostics.error(reader.location(q), "`images.quality.\(format)` is from 1 to 100 (80 is a good choice); found \(n)")
                        continue
                    }
                    if format == "jpeg" { settings.jpegQuality = n } else { settings.webpQuality = n }
                }
            default:
                reader.diagnostics.warning(reader.location(keyNode), "unknown key `\(key)` in `images`; known: \(ImageSettings.knownKeys.joined(separator: ", "))")
            }
        }
        config.images = settings
    }
}
