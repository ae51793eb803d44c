import Foundation

/// What the last successful build knew beyond the fingerprint of its inputs: each article's
/// signature (its front-matter and summary, everything of it that shows beyond its own page)
/// and the diagnostics it reported, by article. An incremental build reads it to tell a body
/// edit from one that moves the article in the archives, and to report the warnings of the
/// files it did not read again: a rebuild says everything a full build would.
struct BuildCache: Equatable {
    static let file = "articles.state"
    static let header = "bantin-cache 1"

    /// Article path → `signature(of:)`.
    var signatures: [String: String] = [:]
    /// Article path → what its parsing and its link check reported.
    var articleDiagnostics: [String: [Diagnostic]] = [:]
    /// Everything else the build reported (configuration, layouts, organizations, pages, index).
    var siteDiagnostics: [Diagnostic] = []

    static func signature(of article: Article) -> String {
        Digest.hex(article.frontMatterDigest) + Digest.hex(Digest.fnv1a(article.summary))
    }

    var diagnostics: Diagnostics {
        var all = Diagnostics(siteDiagnostics)
        for path in articleDiagnostics.keys.sorted() { all.append(contentsOf: Diagnostics(articleDiagnostics[path]!)) }
        return all
    }

    /// One record per line, fields separated by tabs (escaped inside fields):
    /// `a <path> <signature>` and `d <article path or empty> <severity> <path> <line> <column> <message>`.
    func encoded() -> String {
        var lines = [Self.header]
        for path in signatures.keys.sorted() { lines.append(Self.record(["a", path, signatures[path]!])) }
        func add(_ owner: String, _ d: Diagnostic) {
            lines.append(Self.record(["d", owner, d.severity.rawValue, d.location.path, String(d.location.line),
                                      String(d.location.column), d.message]))
        }
        for d in siteDiagnostics { add("", d) }
        for path in articleDiagnostics.keys.sorted() { for d in articleDiagnostics[path]! { add(path, d) } }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Nil for anything this version did not write: the caller then builds everything.
    static func decode(_ text: String) -> BuildCache? {
        // Split on bytes: splitting 10,000 lines by Character showed in the profile.
        var lines = text.utf8.split(separator: 0x0A).map { Substring($0) }[...]
        guard lines.first == Substring(header) else { return nil }
        lines = lines.dropFirst()
        var cache = BuildCache()
        for line in lines {
            let f = line.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { unescape(Substring($0)) }
            switch f.first {
            case "a" where f.count == 3:
                cache.signatures[f[1]] = f[2]
            case "d" where f.count == 7:
                guard let severity = Severity(rawValue: f[2]), let l = Int(f[4]), let c = Int(f[5]) else { return nil }
                let d = Diagnostic(severity, SourceLocation(path: f[3], line: l, column: c), f[6])
                if f[1].isEmpty { cache.siteDiagnostics.append(d) } else { cache.articleDiagnostics[f[1], default: []].append(d) }
            default:
                return nil
            }
        }
        return cache
    }

    static func read(root: String) -> BuildCache? { CacheFolder.read(file, root: root).flatMap(decode) }
    func store(root: String) { CacheFolder.write(encoded(), to: Self.file, root: root) }
    static func clear(root: String) { CacheFolder.remove(file, root: root) }

    private static func record(_ fields: [String]) -> String {
        fields.map { field in
            guard field.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return field }
            var out = ""
            for ch in field.unicodeScalars {
                switch ch {
                case "\\": out += "\\\\"
                case "\t": out += "\\t"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                default: out.unicodeScalars.append(ch)
                }
            }
            return out
        }.joined(separator: "\t")
    }

    private static func unescape(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var out = ""
        var escaping = false
        for ch in field.unicodeScalars {
            if escaping {
                switch ch {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.unicodeScalars.append(ch)
                }
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
