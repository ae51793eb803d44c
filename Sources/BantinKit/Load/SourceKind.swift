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
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return .other }
        switch parts[0] {
        case "content":
            guard path.hasSuffix(".md") else { return .contentFile }
            if parts.count == 3 && parts[1] == "organizations" { return .organization }
            if parts.count == 3 && parts[1] == "pages" { return .page }
            return .article
        case "layouts": return path.hasSuffix(".mustache") ? .layout : .other
        case "i18n": return parts.count == 2 && path.hasSuffix(".yml") ? .strings : .other
        case "static": return .staticFile
        default: return .other
        }
    }
}
