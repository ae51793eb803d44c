import Foundation

/// Links written to a source file (`[bài tổng kết](../tong-ket-2023.md)`): which files of the
/// site such a link may name. The parser checks them for an article it cannot make (its
/// front-matter has errors), the renderer turns them into addresses (`SourceLinks`).
public enum SourcePaths {
    /// Whether `url` names a Markdown file (before any `#fragment` or `?query`).
    public static func isSource(_ url: String) -> Bool {
        let path = url.prefix { $0 != "#" && $0 != "?" }
        return path.hasSuffix(".md") && !path.contains("://") && !path.hasPrefix("//")
    }

    /// The files `url` may name, written in the file at `from`, in the order they are tried:
    /// from `content/` when it starts with `/`, else relative to that file's folder, then from `content/`.
    public static func candidates(of url: String, from source: String) -> [String] {
        let raw = String(url.prefix { $0 != "#" && $0 != "?" })
        let path = raw.removingPercentEncoding ?? raw
        let folder = source.contains("/") ? String(source[..<source.lastIndex(of: "/")!]) : ""
        let candidates = path.hasPrefix("/") ? ["content" + path] : [folder + "/" + path, "content/" + path]
        return candidates.map(normalized)
    }

    /// `a/b/../c/./d.md` → `a/c/d.md`, without leading or trailing `/` (the link check's paths too).
    public static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }
}
