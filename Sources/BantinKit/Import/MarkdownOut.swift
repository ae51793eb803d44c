import Foundation

/// `ImportBlock`s as Markdown that cmark-gfm reads back to the same text: every character
/// Markdown would take as syntax is escaped where it would be taken so.
enum MarkdownOut {
    static func document(_ blocks: [ImportBlock]) -> String {
        blocks.map(block).joined(separator: "\n\n") + "\n"
    }

    static func block(_ block: ImportBlock) -> String {
        switch block {
        case .heading(let level, let inlines):
            return String(repeating: "#", count: level) + " " + inline(inlines, atLineStart: false)
        case .paragraph(let inlines):
            return inline(inlines, atLineStart: true)
        case .list(let ordered, let items):
            return items.enumerated().map { n, item in
                let marker = ordered ? "\(n + 1). " : "- "
                let text = inline(item, atLineStart: false).replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: marker.count))
                return marker + text
            }.joined(separator: "\n")
        case .quote(let blocks):
            return blocks.map(Self.block).joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
        case .table(let header, let rows):
            let width = header.count
            func row(_ cells: [[ImportInline]]) -> String {
                "| " + (0..<width).map { i in i < cells.count ? inline(cells[i], atLineStart: false, inTable: true) : "" }.joined(separator: " | ") + " |"
            }
            return ([row(header), "|" + String(repeating: " --- |", count: width)] + rows.map(row)).joined(separator: "\n")
        case .image(let src, let alt):
            return "![\(escape(alt, atLineStart: false))](\(destination(src)))"
        }
    }

    static func inline(_ inlines: [ImportInline], atLineStart: Bool, inTable: Bool = false) -> String {
        var out = ""
        var lineStart = atLineStart
        for inline in inlines {
            switch inline {
            case .text(let s):
                out += escape(s, atLineStart: lineStart, inTable: inTable)
            case .strong(let c):
                out += "**" + Self.inline(c, atLineStart: false, inTable: inTable) + "**"
            case .emphasis(let c):
                out += "*" + Self.inline(c, atLineStart: false, inTable: inTable) + "*"
            case .link(let href, let c):
                let text = Self.inline(c, atLineStart: false, inTable: inTable)
                out += "[" + (text.isEmpty ? escape(href, atLineStart: false) : text) + "](" + destination(href) + ")"
            case .image(let src, let alt):
                out += "![" + escape(alt, atLineStart: false, inTable: inTable) + "](" + destination(src) + ")"
            case .lineBreak:
                out += inTable ? " " : "\\\n"
                lineStart = !inTable
                continue
            }
            lineStart = false
        }
        return out
    }

    /// A link destination: in `<…>` when it has spaces or parentheses.
    static func destination(_ url: String) -> String {
        url.contains(where: { $0 == " " || $0 == "(" || $0 == ")" }) ? "<" + url.replacingOccurrences(of: ">", with: "%3E") + ">" : url
    }

    /// Text with Markdown's syntax characters escaped: everywhere the inline ones (`*`, `_`,
    /// `` ` ``, `[`, `]`, `<`, `\`, `!` before `[`, `|` in tables), and at the start of a line
    /// what would make it a heading, a list, a quote or a rule.
    static func escape(_ text: String, atLineStart: Bool, inTable: Bool = false) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\", "*", "_", "`", "[", "]", "<", ">", "~": out += "\\" + String(ch)
            case "|" where inTable: out += "\\|"
            case "&": out += "&amp;"
            default: out.append(ch)
            }
        }
        guard atLineStart, let first = out.first else { return out }
        if "#+-=".contains(first) { return "\\" + out }
        // `1. ` or `1) ` at the start would be a numbered list.
        let digits = out.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let rest = out.dropFirst(digits.count)
            if rest.hasPrefix(".") || rest.hasPrefix(")") {
                return String(digits) + "\\" + String(rest)
            }
        }
        return out
    }
}
