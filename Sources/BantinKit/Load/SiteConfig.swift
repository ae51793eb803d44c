import Foundation

/// URL names of the generated sections.
public struct SectionPaths: Sendable, Equatable {
    public var organizations = "to-chuc"
    public var years = "nam"
    public var awards = "khen-thuong"
    public var statistics = "so-lieu"
    public var tags = "chu-de"
    public var search = "tim-kiem"

    public init() {}
}

/// An entry of `site.yml`'s `statistics` catalog.
public struct StatisticDefinition: Sendable, Equatable {
    public var key: String
    public var label: String
    public var unit: String?
    /// nil: inferred from each figure (see `FigureKind.inferred`).
    public var kind: FigureKind? = nil
}

/// `site.yml`, typed and validated.
public struct SiteConfig: Sendable {
    public var title: String
    /// Always ends with `/`.
    public var baseURL: String
    public var language: SiteLanguage = .vi
    public var timeZone: TimeZone
    public var description: String?
    public var permalink = "/:year/:slug/"
    public var paginate = 20
    public var paths = SectionPaths()
    /// In the order `site.yml` lists them.
    public var statistics: [StatisticDefinition] = []
    /// The same site in other languages: language code → base URL (`site.yml` `alternates`).
    public var alternates: [(language: String, baseURL: String)] = []
    /// UI strings of the theme replaced by the site's `i18n/<language>.yml`.
    public var stringOverrides: [String: String] = [:]
    /// `allow_remote_images: true`: photos may be loaded from other sites (the pages then no
    /// longer keep their promise to load nothing from another origin).
    public var allowsRemoteImages = false
    /// `relative_urls` (default true): links inside pages are relative to each page, so the
    /// built site also works opened from disk (see `RelativeLinks`).
    public var relativeURLs = true
    /// `images`: the widths and formats photos are published in.
    public var images = ImageSettings()

    public init(title: String, baseURL: String, timeZone: TimeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!) {
        self.title = title
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.timeZone = timeZone
    }

    public func statistic(_ key: String) -> StatisticDefinition? { statistics.first { $0.key == key } }

    /// Absolute URL of a site path such as `/nam/2023/`.
    public func absoluteURL(_ path: String) -> String {
        baseURL + (path.hasPrefix("/") ? String(path.dropFirst()) : path)
    }

    /// The path part of `base_url` (`/` for a site at the root of its host), prefixed to every link.
    public var basePath: String {
        guard let schemeEnd = baseURL.range(of: "://") else { return "/" }
        let rest = baseURL[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }

    static let permalinkTokens = [":year", ":month", ":day", ":slug", ":organization"]
}

/// Decodes `site.yml`.
enum SiteConfigLoader {
    static let fileName = "site.yml"
    static let knownKeys: Set<String> = [
        "title", "base_url", "language", "timezone", "description", "permalink", "paginate", "paths", "statistics",
        "alternates", "allow_remote_images", "relative_urls", "images",
    ]

    static func load(text: String, diagnostics: inout Diagnostics) -> SiteConfig? {
        var reader = YAMLReader(path: fileName, lineOffset: 0)
        defer { diagnostics.append(contentsOf: reader.diagnostics) }
        guard let root = reader.compose(text) else {
            if !reader.diagnostics.hasErrors {
                reader.diagnostics.error(SourceLocation(path: fileName), "site.yml is empty; it needs at least `title` and `base_url`")
            }
            return nil
        }
        guard let pairs = reader.mapping(root, "site.yml") else { return nil }
        var fields: Fields = [:]
        for (key, keyNode, value) in pairs {
            if !knownKeys.contains(key) {
                reader.diagnostics.warning(reader.location(keyNode), "unknown key `\(key)` in site.yml; known keys: \(knownKeys.sorted().joined(separator: ", "))")
            }
            fields[key] = (keyNode, value)
        }
        var config = readSite(fields, &reader)
        readOptions(fields, into: &config, &reader)
        if let node = fields["paths"]?.value { readPaths(node, into: &config, &reader) }
        if let node = fields["statistics"]?.value { readStatistics(node, into: &config, &reader) }
        if let node = fields["alternates"]?.value { readAlternates(node, into: &config, &reader) }
        if let node = fields["images"]?.value { readImages(node, into: &config, &reader) }
        // With errors, the configuration is still returned, each bad field at its default, so
        // that the content is checked in the same run: the errors above still fail the build.
        return config
    }

    typealias Fields = [String: (keyNode: YAMLNode, value: YAMLNode)]

    /// `title`, `base_url` and `timezone`: what a configuration is made with. A missing or bad
    /// one is an error, and a placeholder stands in so the rest is still checked.
    private static func readSite(_ fields: Fields, _ reader: inout YAMLReader) -> SiteConfig {
        let start = SourceLocation(path: fileName)
        var title: String?
        if let node = fields["title"]?.value { title = reader.string(node, "title") } else {
            reader.diagnostics.error(start, "site.yml has no `title`")
        }
        var baseURL: String?
        if let node = fields["base_url"]?.value, let text = reader.string(node, "base_url") {
            if text.hasPrefix("http://") || text.hasPrefix("https://"), !text.contains(" ") {
                baseURL = text
            } else {
                reader.diagnostics.error(reader.location(node), "`base_url` must be an absolute URL such as https://example.org/, found `\(text)`")
            }
        } else if fields["base_url"] == nil {
            reader.diagnostics.error(start, "site.yml has no `base_url` (the absolute address of the published site, e.g. https://example.org/)")
        }
        var timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        if let node = fields["timezone"]?.value, let name = reader.string(node, "timezone") {
            if let tz = TimeZone(identifier: name) { timeZone = tz } else {
                reader.diagnostics.error(reader.location(node), "unknown time zone `\(name)`; use a name like Asia/Ho_Chi_Minh")
            }
        }
        return SiteConfig(title: title ?? "", baseURL: baseURL ?? "https://example.org/", timeZone: timeZone)
    }

    /// The keys with a single value: language, description, permalink, paginate, and the two flags.
    private static func readOptions(_ fields: Fields, into config: inout SiteConfig, _ reader: inout YAMLReader) {
        if let node = fields["allow_remote_images"]?.value, let allow = reader.bool(node, "allow_remote_images") {
            config.allowsRemoteImages = allow
        }
        if let node = fields["relative_urls"]?.value, let relative = reader.bool(node, "relative_urls") {
            config.relativeURLs = relative
        }
        if let node = fields["language"]?.value, let lang = reader.string(node, "language") {
            if let l = SiteLanguage(rawValue: lang) { config.language = l } else {
                reader.diagnostics.error(reader.location(node), "`language` must be `vi` or `en`, found `\(lang)`")
            }
        }
        if let node = fields["description"]?.value, !YAMLReader.isNull(node) {
            config.description = reader.string(node, "description")
        }
        if let node = fields["permalink"]?.value, let p = reader.string(node, "permalink") {
            if let problem = permalinkProblem(p) {
                reader.diagnostics.error(reader.location(node), problem)
            } else {
                config.permalink = p
            }
        }
        if let node = fields["paginate"]?.value, let n = reader.integer(node, "paginate") {
            if n >= 1 { config.paginate = n } else {
                reader.diagnostics.error(reader.location(node), "`paginate` must be at least 1, found \(n)")
            }
        }
    }

    /// `paths`: the URL names of the generated sections.
    private static func readPaths(_ node: YAMLNode, into config: inout SiteConfig, _ reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, "`paths`") else { return }
        for (key, keyNode, value) in pairs {
            guard let name = reader.string(value, "paths.\(key)") else { continue }
            guard Slug.make(name) == name else {
                reader.diagnostics.error(reader.location(value), "`paths.\(key)` must be a URL name like `\(Slug.make(name))`, found `\(name)`")
                continue
            }
            switch key {
            case "organizations": config.paths.organizations = name
            case "years": config.paths.years = name
            case "awards": config.paths.awards = name
            case "statistics": config.paths.statistics = name
            case "tags": config.paths.tags = name
            case "search": config.paths.search = name
            default:
                reader.diagnostics.warning(reader.location(keyNode), "unknown section `\(key)` in `paths`; known: awards, organizations, search, statistics, tags, years")
            }
        }
    }

    /// `statistics`: the catalog of statistic keys.
    private static func readStatistics(_ node: YAMLNode, into config: inout SiteConfig, _ reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, "`statistics`") else { return }
        for (key, keyNode, value) in pairs {
            guard StatisticKey.isValid(key) else {
                reader.diagnostics.error(reader.location(keyNode), StatisticKey.problem(key))
                continue
            }
            guard let entry = reader.mapping(value, "`statistics.\(key)`") else { continue }
            var label: String?
            var unit: String?
            var kind: FigureKind?
            for (k, kNode, v) in entry {
                switch k {
                case "label": label = reader.string(v, "statistics.\(key).label")
                case "unit": unit = reader.string(v, "statistics.\(key).unit")
                case "kind":
                    guard let text = reader.string(v, "statistics.\(key).kind") else { break }
                    kind = FigureKind(rawValue: text)
                    if kind == nil {
                        reader.diagnostics.error(reader.location(v), "`statistics.\(key).kind` is one of count (a whole number), decimal, percent (0–100) or money; found `\(text)`")
                    }
                default: reader.diagnostics.warning(reader.location(kNode), "unknown key `\(k)` in `statistics.\(key)`; known: label, unit, kind")
                }
            }
            guard let label else {
                reader.diagnostics.error(reader.location(value), "`statistics.\(key)` has no `label`")
                continue
            }
            if kind == .money, unit?.trimmingSpaces.isEmpty ?? true {
                reader.diagnostics.error(reader.location(value), "`statistics.\(key)` is money, which needs its currency: add `unit: đồng` (or `triệu đồng`)")
            }
            config.statistics.append(StatisticDefinition(key: key, label: label, unit: unit, kind: kind))
        }
    }

    /// `alternates`: the same site in other languages.
    private static func readAlternates(_ node: YAMLNode, into config: inout SiteConfig, _ reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, "`alternates`") else { return }
        for (language, keyNode, value) in pairs {
            guard language.range(of: "^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$", options: .regularExpression) != nil || language == "x-default" else {
                reader.diagnostics.error(reader.location(keyNode), "`alternates` keys are language codes such as `en` or `vi`, found `\(language)`")
                continue
            }
            guard let url = reader.string(value, "alternates.\(language)") else { continue }
            guard url.hasPrefix("http://") || url.hasPrefix("https://"), !url.contains(" ") else {
                reader.diagnostics.error(reader.location(value), "`alternates.\(language)` must be an absolute URL such as https://example.org/en/, found `\(url)`")
                continue
            }
            config.alternates.append((language, url))
        }
    }

    static func permalinkProblem(_ p: String) -> String? {
        guard p.hasPrefix("/"), p.hasSuffix("/") else { return "`permalink` must start and end with `/`, like \"/:year/:slug/\"" }
        guard p.contains(":slug") else { return "`permalink` must contain `:slug`, or two articles could share a URL" }
        for part in p.split(separator: "/") where part.hasPrefix(":") {
            if !SiteConfig.permalinkTokens.contains(String(part)) {
                return "unknown `\(part)` in `permalink`; use \(SiteConfig.permalinkTokens.joined(separator: " "))"
            }
        }
        if p.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) {
            return "`permalink` cannot contain `.` or `..`"
        }
        // Literal parts become URLs as they are: `?`, `#`, `%` or a space would cut or garble them.
        for part in p.split(separator: "/") where !part.hasPrefix(":") {
            let bad = part.unicodeScalars.filter { !($0.isASCIILetter || ("0"..."9").contains($0) || "-_.~".unicodeScalars.contains($0)) }
            if let first = bad.first {
                let shown = first == " " ? "a space" : "`\(first)`"
                return "`permalink` has \(shown) in `\(part)`, which breaks URLs; use lower-case letters, digits and `-`, like \"/tin/:year/:slug/\""
            }
        }
        return nil
    }
}

/// Statistic keys are identifiers: they name columns in data files and compare across years.
enum StatisticKey {
    static func isValid(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first.isASCIILetter else { return false }
        return key.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    static func problem(_ key: String) -> String {
        "`\(key)` is not a valid statistic key; use ASCII letters, digits, `_` or `-`, starting with a letter (e.g. `members`)"
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

