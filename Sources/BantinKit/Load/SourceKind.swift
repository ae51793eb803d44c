/// What a file of the site is, from its path relative to the site folder: the one rule the
/// loader, the build fingerprint and the preview all follow (the contract's site layout).
public enum SourceKind: Equatable, Sendable {
    case config
    case organization
    case page
    case article
    /// Any other file under `content/` (a bundle's photo, or a file that is not published).
    case contentFile
    case layout
    case strings
    case staticFile
    /// Outside the site's sources.
    case other

    public static func of(_ path: String) -> SourceKind {
        if path == SiteConfigLoader.fileName { return .config }
        // Bytes, not `split`: the fingerprint and the engine ask this of every file of the site.
        let utf8 = path.utf8
        guard let slash = utf8.firstIndex(of: UInt8(ascii: "/")) else { return .other }
        let top = path[..<slash]
        let rest = path[path.index(after: slash)...]
        let depth = rest.utf8.reduce(1) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
        switch top {
        case "content":
            guard path.hasSuffix(".md") else { return .contentFile }
            if depth == 2 && rest.hasPrefix("organizations/") { return .organization }
            if depth == 2 && rest.hasPrefix("pages/") { return .page }
            return .article
        case "layouts": return path.hasSuffix(".mustache") ? .layout : .other
        case "i18n": return depth == 1 && path.hasSuffix(".yml") ? .strings : .other
        case "static": return .staticFile
        default: return .other
        }
    }
}
