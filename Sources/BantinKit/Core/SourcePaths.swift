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

    /// What a link leads to, by its path: a path with an extension other than `.html` names a
    /// file (a photo by its extension); one without, or ending in `/`, a page. A missing file is
    /// an error; a missing page a warning.
    public enum Target { case page, photo, file }

    static let photoExtensions: Set<String> = ["jpg", "jpeg", "png", "gif", "webp", "svg", "avif", "heic", "heif", "bmp", "tif", "tiff"]

    public static func target(of path: String) -> Target {
        guard !path.hasSuffix("/"), let name = path.split(separator: "/").last, let dot = name.lastIndex(of: "."), dot != name.startIndex else { return .page }
        let ext = name[name.index(after: dot)...].lowercased()
        if ext == "html" || ext == "htm" { return .page }
        return photoExtensions.contains(ext) ? .photo : .file
    }

    /// What is said of a link to a `.md` file the site does not have, by the link check and the
    /// parser alike.
    static func missingSource(_ link: String) -> String {
        "the link `\(link)` names a Markdown file this site does not have; give the file of an article or page, by its path from this file's folder (../tong-ket-2023.md) or from content/"
    }

    /// What is said of a link to a photo or file the site does not have (`to`: where it leads,
    /// when that differs from what is written), by the link check and the parser alike.
    static func missingFile(_ link: String, to: String = "", photo: Bool) -> String {
        photo
            ? "the photo `\(link)`\(to) is not in the site: save it beside the article (a folder with index.md) or in static/, and check the file name"
            : "the file `\(link)`\(to) is not in the site: save it beside the article (a folder with index.md) or in static/, and check the file name"
    }
}
