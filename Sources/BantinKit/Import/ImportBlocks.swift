import Foundation

/// An old page's body as Bantin writes it back: the few shapes Markdown has.
enum ImportBlock: Equatable, Sendable {
    case heading(Int, [ImportInline])
    case paragraph([ImportInline])
    case list(ordered: Bool, items: [[ImportInline]])
    case quote([ImportBlock])
    case table(header: [[ImportInline]], rows: [[[ImportInline]]])
    case image(src: String, alt: String)

    /// What a reader sees of it, for finding facts (dates, figures) and for the round-trip tests.
    var text: String {
        switch self {
        case .heading(_, let s), .paragraph(let s): return ImportInline.text(s)
        case .list(_, let items): return items.map(ImportInline.text).joined(separator: "\n")
        case .quote(let blocks): return blocks.map(\.text).joined(separator: "\n")
        case .table(let header, let rows): return ([header] + rows).map { $0.map(ImportInline.text).joined(separator: " ") }.joined(separator: "\n")
        case .image(_, let alt): return alt
        }
    }
}

indirect enum ImportInline: Equatable, Sendable {
    case text(String)
    case strong([ImportInline])
    case emphasis([ImportInline])
    case link(href: String, [ImportInline])
    case image(src: String, alt: String)
    case lineBreak

    static func text(_ inlines: [ImportInline]) -> String {
        var out = ""
        for inline in inlines {
            switch inline {
            case .text(let s): out += s
            case .strong(let c), .emphasis(let c), .link(_, let c): out += text(c)
            case .image(_, let alt): out += alt
            case .lineBreak: out += "\n"
            }
        }
        return out
    }
}

/// Text as a reader sees it: every run of white space (non-breaking ones too) one space, and
/// Vietnamese letters composed (a Windows-1258 page decodes to letters plus combining marks).
enum ImportText {
    static func collapse(_ s: String) -> String {
        var out = ""
        var space = false
        for scalar in s.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{00A0}" || scalar == "\u{200B}" || scalar == "\u{FEFF}" {
                space = true
                continue
            }
            if space && !out.isEmpty { out += " " }
            space = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// Lower case without marks, `đ` as `d`: for matching labels like "Lượt xem" however written.
    static func fold(_ s: String) -> String { Slug.fold(s) }
}
