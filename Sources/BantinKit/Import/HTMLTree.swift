import CHTML
import Foundation

/// A saved web page as libxml2's HTML parser reads it (recovering from broken markup, never
/// touching the network), copied into plain Swift values so that the rest of the import never
/// sees a C pointer.
indirect enum HTMLNode: Sendable {
    case element(name: String, attributes: [String: String], children: [HTMLNode])
    case text(String)

    var name: String? { if case .element(let n, _, _) = self { return n }; return nil }
    var children: [HTMLNode] { if case .element(_, _, let c) = self { return c }; return [] }
    func attribute(_ key: String) -> String? { if case .element(_, let a, _) = self { return a[key] }; return nil }

    /// The text a reader sees, white space collapsed.
    var text: String { ImportText.collapse(rawText) }

    var rawText: String {
        switch self {
        case .text(let s): return s
        case .element(let name, _, let children):
            if name == "script" || name == "style" || name == "noscript" { return "" }
            let inner = children.map(\.rawText).joined()
            return HTMLTree.blockNames.contains(name) || name == "br" ? " " + inner + " " : inner
        }
    }

    /// `class` and `id` together, lower-cased: what CMS templates name their parts with.
    var marks: String { ((attribute("class") ?? "") + " " + (attribute("id") ?? "")).lowercased() }

    /// Every element under this one (itself included), depth first.
    func elements(_ visit: (HTMLNode) -> Void) {
        guard case .element(_, _, let children) = self else { return }
        visit(self)
        for child in children { child.elements(visit) }
    }

    func first(where test: (HTMLNode) -> Bool) -> HTMLNode? {
        if test(self) { return self }
        for child in children { if let found = child.first(where: test) { return found } }
        return nil
    }
}

enum HTMLTree {
    static let blockNames: Set<String> = [
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "blockquote", "figure", "figcaption", "pre",
        "form", "dl", "dt", "dd", "center", "body", "html", "caption",
    ]

    enum Failure: Error, Equatable {
        /// The page declares a character set libxml2 (through iconv) cannot decode.
        case unknownEncoding(String)
        /// The page names no character set and is not UTF-8 (a Windows-1258 page saved without its `<meta>`).
        case undeclaredNotUTF8
        case unreadable
    }

    /// The document's root element. A page's declared character set (`<meta charset>` or the
    /// `http-equiv` form) is honoured; without one, UTF-8 is assumed.
    static func parse(_ data: Data) -> Result<HTMLNode, Failure> {
        let declared = declaredEncoding(data)
        if let declared, !declared.isEmpty, bantin_html_encoding_known(declared) == 0 {
            return .failure(.unknownEncoding(declared))
        }
        if declared == nil, String(data: data, encoding: .utf8) == nil { return .failure(.undeclaredNotUTF8) }
        return read(data, encoding: nil).map(Result.success) ?? .failure(.unreadable)
    }

    private static func read(_ data: Data, encoding: String?) -> HTMLNode? {
        let doc: UnsafeMutableRawPointer? = data.withUnsafeBytes { raw in
            raw.baseAddress.flatMap { bantin_html_read($0.assumingMemoryBound(to: CChar.self), raw.count, encoding) }
        }
        guard let doc else { return nil }
        defer { bantin_html_free(doc) }
        return bantin_html_root(doc).map(copy)
    }

    /// The character set the page names in its `<meta>`, found with libxml2 itself: the page's
    /// start is read as Latin-1 (every byte is a character there), which is enough to see its head.
    static func declaredEncoding(_ data: Data) -> String? {
        guard let head = read(data.prefix(16_384), encoding: "ISO-8859-1") else { return nil }
        var found: String?
        head.elements { node in
            guard found == nil, node.name == "meta" else { return }
            if let charset = node.attribute("charset") {
                found = charset.trimmingCharacters(in: .whitespaces)
            } else if node.attribute("http-equiv")?.lowercased() == "content-type", let content = node.attribute("content") {
                for part in content.split(separator: ";") {
                    let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    if pair.count == 2, pair[0].lowercased() == "charset" { found = pair[1] }
                }
            }
        }
        return found
    }

    private static func copy(_ node: UnsafeMutableRawPointer) -> HTMLNode {
        let name = String(cString: bantin_html_name(node)).lowercased()
        var attributes: [String: String] = [:]
        var attribute = bantin_html_first_attribute(node)
        while let a = attribute {
            let key = String(cString: bantin_html_attribute_name(a)).lowercased()
            if let value = bantin_html_attribute_value(node, a) {
                attributes[key] = String(cString: value)
                bantin_html_free_string(value)
            } else {
                attributes[key] = ""
            }
            attribute = bantin_html_next_attribute(a)
        }
        var children: [HTMLNode] = []
        var child = bantin_html_first_child(node)
        while let c = child {
            switch bantin_html_kind(c) {
            case 1: children.append(copy(c))
            case 2: if let text = bantin_html_text(c) { children.append(.text(String(cString: text))) }
            default: break
            }
            child = bantin_html_next(c)
        }
        return .element(name: name, attributes: attributes, children: children)
    }
}
