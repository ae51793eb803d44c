/// JSON written by hand, so keys keep a stable order and output is byte-identical across builds.
enum JSONText {
    /// A JSON string literal. `<`, `>` and `&` are escaped too, so the text is also safe inside a
    /// `<script>` element (JSON-LD), and U+2028/U+2029 for old JavaScript parsers.
    static func string(_ text: String) -> String {
        // Most strings need no escape at all: check the bytes first.
        if isClean(text) { return "\"" + text + "\"" }
        var out: [UInt8] = []
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func isClean(_ text: String) -> Bool {
        for b in text.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x3C || b == 0x3E || b == 0x26 || b == 0xE2 { return false }
        return true
    }

    /// `string(text)`'s bytes appended to `out`, without making the string.
    static func append(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        defer { out.append(0x22) }
        if isClean(text) { return out.append(contentsOf: text.utf8) }
        // On bytes, copying the runs between escapes: Vietnamese text often holds a dash
        // (E2 80 93), which sent every such string scalar by scalar through the slow path.
        let bytes = Array(text.utf8)
        var run = 0
        var i = 0
        func escape(_ replacement: String, skipping length: Int) {
            out.append(contentsOf: bytes[run..<i])
            out.append(contentsOf: replacement.utf8)
            i += length
            run = i
        }
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x22: escape("\\\"", skipping: 1)
            case 0x5C: escape("\\\\", skipping: 1)
            case 0x0A: escape("\\n", skipping: 1)
            case 0x0D: escape("\\r", skipping: 1)
            case 0x09: escape("\\t", skipping: 1)
            case 0x3C: escape("\\u003c", skipping: 1)
            case 0x3E: escape("\\u003e", skipping: 1)
            case 0x26: escape("\\u0026", skipping: 1)
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                escape(bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", skipping: 3)
            case ..<0x20:
                escape("\\u00" + (b < 0x10 ? "0" : "") + String(b, radix: 16), skipping: 1)
            default:
                i += 1
            }
        }
        out.append(contentsOf: bytes[run...])
    }

    static func append(_ text: String?, to out: inout [UInt8]) {
        if let text { append(text, to: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    static func string(_ text: String?) -> String { text.map { string($0) } ?? "null" }

    /// `{"a": 1, "b": "x"}` from pairs whose values are already JSON.
    static func object(_ pairs: [(String, String)], indent: String = "") -> String {
        guard !pairs.isEmpty else { return "{}" }
        // Appended into one string: joining mapped pieces showed in every article page's profile.
        var out = "{\n"
        out.reserveCapacity(pairs.reduce(8 + indent.utf8.count) { $0 + $1.0.utf8.count + $1.1.utf8.count + indent.utf8.count + 8 })
        for (k, pair) in pairs.enumerated() {
            if k > 0 { out += ",\n" }
            out += indent
            out += "  "
            out += string(pair.0)
            out += ": "
            out += pair.1
        }
        out += "\n"
        out += indent
        out += "}"
        return out
    }

    static func array(_ items: [String], indent: String = "") -> String {
        guard !items.isEmpty else { return "[]" }
        var out = "[\n"
        out.reserveCapacity(items.reduce(8 + indent.utf8.count) { $0 + $1.utf8.count + indent.utf8.count + 4 })
        for (k, item) in items.enumerated() {
            if k > 0 { out += ",\n" }
            out += indent
            out += "  "
            out += item
        }
        out += "\n"
        out += indent
        out += "]"
        return out
    }
}
