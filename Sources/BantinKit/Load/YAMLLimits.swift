/// Bounds on front-matter and site.yml that no real site comes near, checked before and after
/// composing so that hostile or broken input cannot exhaust the stack (deep nesting) or time
/// (aliases that multiply a tree): it gets an error instead.
enum YAMLLimits {
    static let maxBytes = 1 << 20
    static let maxDepth = 64
    static let maxNodes = 100_000

    /// Checks the text before it reaches the recursive composer.
    static func problem(in text: String) -> (line: Int, column: Int, message: String)? {
        if text.utf8.count > maxBytes {
            return (1, 1, "the YAML block is larger than \(maxBytes / 1024) KiB")
        }
        // Over the contiguous bytes: iterating `utf8` showed in every full build's parse.
        var text = text
        return text.withUTF8(problem(in:))
    }

    private static func problem(in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int, message: String)? {
        // Flow nesting counts brackets; block nesting is bounded by indentation plus `- ` markers.
        var flow = 0
        var line = 1
        var quote: UInt8? = nil
        var lineStart = true
        var indent = 0
        var dashes = 0
        var column = 0
        for byte in bytes {
            column += 1
            if byte == UInt8(ascii: "\n") {
                line += 1; column = 0; lineStart = true; indent = 0; dashes = 0
                if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") { continue }
                continue
            }
            if let q = quote {
                if byte == q { quote = nil }
                continue
            }
            if lineStart {
                if byte == UInt8(ascii: " ") { indent += 1; continue }
                if byte == UInt8(ascii: "-") { dashes += 1; continue }
                if byte != UInt8(ascii: " ") { lineStart = false }
                if indent / 2 + dashes > maxDepth * 2 {
                    return (line, column, "the YAML is nested too deeply (more than \(maxDepth) levels)")
                }
            }
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flow += 1
                if flow > maxDepth { return (line, column, "the YAML is nested too deeply (more than \(maxDepth) levels)") }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): flow = max(0, flow - 1)
            case UInt8(ascii: "#"): break
            default: break
            }
        }
        return nil
    }
}
