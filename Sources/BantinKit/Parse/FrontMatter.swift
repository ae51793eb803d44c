import Foundation

/// A content file split into its YAML front-matter and Markdown body.
struct FrontMatterDocument {
    var yaml: String
    /// Lines before the YAML text (the opening `---`), to turn YAML marks into file lines.
    var yamlLineOffset: Int
    var body: String
    /// The file line the body starts at.
    var bodyLine: Int
}

enum FrontMatter {
    /// Decodes `data` as UTF-8 text, naming the line and column of the first byte that is not.
    static func text(of file: SourceFile) -> Result<String, Diagnostic> {
        var bytes = file.data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        // Find the first invalid sequence by decoding scalar by scalar.
        var line = 1, column = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        return .failure(.error(SourceLocation(path: file.path, line: line, column: column),
                               "the file is not UTF-8 text; save it as UTF-8 (in Word: Save As › Plain Text › Unicode UTF-8)"))
    }

    static func split(_ text: String, path: String) -> Result<FrontMatterDocument, Diagnostic> {
        let start = SourceLocation(path: path)
        if text.allSatisfy({ $0.isWhitespace }) {
            return .failure(.error(start, "the file is empty; an article needs front-matter between `---` lines with at least title, date and organization"))
        }
        // "\r\n" is one Character in Swift, so both separators are named.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if lines.last == "" { lines.removeLast() }
        func isFence(_ line: Substring) -> Bool {
            line.trimmingCharacters(in: .whitespaces) == "---" && line.hasPrefix("---")
        }
        func stripCR(_ line: Substring) -> Substring { line.hasSuffix("\r") ? line.dropLast() : line }
        guard let first = lines.first, isFence(stripCR(first)) else {
            return .failure(.error(start, "the file does not start with front-matter: its first line must be `---`"))
        }
        guard let close = lines.indices.dropFirst().first(where: { isFence(stripCR(lines[$0])) }) else {
            return .failure(.error(start, "the front-matter opened on line 1 is never closed: add a line `---` after its last field"))
        }
        let yaml = lines[1..<close].map(stripCR).joined(separator: "\n")
        let body = close + 1 < lines.count ? lines[(close + 1)...].map(stripCR).joined(separator: "\n") : ""
        return .success(FrontMatterDocument(yaml: yaml, yamlLineOffset: 1, body: body, bodyLine: close + 2))
    }
}
