import Foundation

/// What an article, award, statistic or organization says when it names an organization that
/// has no file: one message, whichever stage finds it.
public enum OrganizationReference {
    /// `ids`: the organizations there are, sorted.
    public static func unknown(_ id: String, what: String, known ids: [String]) -> String {
        var message = "\(what) `\(id)` does not exist in content/organizations/"
        if let near = Suggest.closest(to: id, in: ids) {
            message += "; did you mean `\(near)`?"
        } else if !ids.isEmpty {
            message += " (known: \(ids.prefix(8).joined(separator: ", "))\(ids.count > 8 ? ", …" : ""))"
        }
        return message
    }

    /// The ids of the organizations of the site folder `root`, sorted, read outside a build.
    public static func ids(inSiteAt root: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/content/organizations")) ?? [])
            .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }

    /// The id of an organization's file: `content/organizations/<id>.md`.
    public static func id(ofFile path: String) -> String {
        String(path.split(separator: "/").last.map { $0.hasSuffix(".md") ? $0.dropLast(3) : $0 } ?? "")
    }
}
