/// JSON written by hand, so keys keep a stable order and output is byte-identical across builds.
enum JSONText {
    /// A JSON string literal. `<`, `>` and `&` are escaped too, so the text is also safe inside a
    /// `<script>` element (JSON-LD), and U+2028/U+2029 for old JavaScript parsers.
    static func string(_ text: String) -> String {
        // Most strings need no escape at all: check the bytes first.
        var clean = true
        for b in text.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x3C || b == 0x3E || b == 0x26 || b == 0xE2 {
            clean = false
            break
        }
        if clean { return "\"" + text + "\"" }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
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
