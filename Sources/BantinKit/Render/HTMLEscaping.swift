import Mustache

/// HTML escaping with exactly swift-mustache's rules (`& < > " '`), done on UTF-8 bytes with a
/// no-copy fast path. swift-mustache's own escaper walks Characters through a dictionary and was
/// a fifth of a whole build in the profile. The built-in theme selects it with the pragma
/// `{{% CONTENT_TYPE: BANTIN_HTML }}` in base.mustache; templates without it get the library's
/// default HTML escaping, which gives the same text.
struct FastHTMLContentType: MustacheContentType {
    static let name = "BANTIN_HTML"
    static let pragma = "{{% CONTENT_TYPE: BANTIN_HTML }}"

    /// swift-mustache resolves content types from a process-wide table at template parse time;
    /// registering is idempotent and done once, before any template is parsed.
    static let registered: Void = MustacheContentTypes.register(FastHTMLContentType(), named: name)

    func escapeText(_ text: String) -> String { escapeHTML(text) }
}

/// Escapes `& < > " '` for HTML text and attributes.
public func escapeHTML(_ text: String) -> String {
    var needs = false
    for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 {
        needs = true
        break
    }
    guard needs else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 16)
    for byte in text.utf8 {
        switch byte {
        case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
        case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
        case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
        case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
        case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
        default: out.append(byte)
        }
    }
    return String(decoding: out, as: UTF8.self)
}
