/// The one byte escaper for HTML text and attributes, and for XML (feeds, sitemap): `& < > " '`
/// as entities. Works on UTF-8 bytes (the escaped characters are all ASCII) and copies the runs
/// between them at once.
enum HTMLEscaping {
    /// Appends `bytes` to `out`, escaped; with `droppingControls`, also leaves out the control
    /// characters XML 1.0 does not allow. Returns whether anything was escaped or dropped.
    @discardableResult
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], droppingControls: Bool = false) -> Bool {
        var clean = 0  // the first byte not yet copied
        for i in 0..<bytes.count {
            let replacement: StaticString
            switch bytes[i] {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            case let b where droppingControls && b < 0x20 && b != 0x0A && b != 0x09 && b != 0x0D: replacement = ""
            default: continue
            }
            if i > clean { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean..<i])) }
            replacement.withUTF8Buffer { out.append(contentsOf: $0) }
            clean = i + 1
        }
        if clean < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean...])) }
        return clean > 0
    }

    /// `text` escaped; the same string when nothing needs it.
    static func escaped(_ text: String, droppingControls: Bool) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8)
            guard append(bytes, to: &out, droppingControls: droppingControls) else { return String(decoding: bytes, as: UTF8.self) }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

/// Escapes `& < > " '` for HTML text and attributes.
public func escapeHTML(_ text: String) -> String { HTMLEscaping.escaped(text, droppingControls: false) }

/// Escapes text for XML and HTML content and attributes, and drops the control characters XML
/// 1.0 does not allow: feeds escape every article body.
func escape(_ text: String) -> String { HTMLEscaping.escaped(text, droppingControls: true) }
