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
        let bytes = text.utf8
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .failure(.error(start, "the file is empty; an article needs front-matter between `---` lines with at least title, date and organization"))
        }
        // Works on UTF-8 bytes: splitting by Character costs grapheme breaking on every byte.
        // A fence is `---` then only spaces, tabs or a CR up to the end of the line.
        func fenceEnd(at i: String.UTF8View.Index) -> String.UTF8View.Index? {
            var j = i
            for _ in 0..<3 {
                guard j < bytes.endIndex, bytes[j] == UInt8(ascii: "-") else { return nil }
                j = bytes.index(after: j)
            }
            while j < bytes.endIndex, bytes[j] != 0x0A {
                guard bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D else { return nil }
                j = bytes.index(after: j)
            }
            return j  // at the newline or the end
        }
        guard let firstEnd = fenceEnd(at: bytes.startIndex) else {
            return .failure(.error(start, "the file does not start with front-matter: its first line must be `---`"))
        }
        let yamlStart = firstEnd < bytes.endIndex ? bytes.index(after: firstEnd) : firstEnd
        var line = 2
        var i = yamlStart
        while i < bytes.endIndex {
            if let end = fenceEnd(at: i) {
                let bodyStart = end < bytes.endIndex ? bytes.index(after: end) : end
                var yaml = String(text[yamlStart..<i])
                while let last = yaml.utf8.last, last == 0x0A || last == 0x0D { yaml.removeLast() }
                return .success(FrontMatterDocument(yaml: yaml, yamlLineOffset: 1, body: String(text[bodyStart...]), bodyLine: line + 1))
            }
            guard let newline = bytes[i...].firstIndex(of: 0x0A) else { break }
            i = bytes.index(after: newline)
            line += 1
        }
        return .failure(.error(start, "the front-matter opened on line 1 is never closed: add a line `---` after its last field"))
    }
}
