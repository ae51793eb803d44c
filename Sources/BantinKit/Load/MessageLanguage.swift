import Foundation

/// The language Bantin speaks to the person running it (its messages, not the site's pages):
/// the one asked for with `--lang`, else Vietnamese when the site is Vietnamese (`language: vi`,
/// the default) or the system's `LANG` starts with `vi`, else English.
public enum MessageLanguage {
    public static func choose(asked: SiteLanguage?, siteFolder: String?, environment: [String: String]) -> SiteLanguage {
        if let asked { return asked }
        if let siteFolder, siteLanguage(siteFolder) == .vi { return .vi }
        if environment["LANG"]?.lowercased().hasPrefix("vi") == true || environment["LC_ALL"]?.lowercased().hasPrefix("vi") == true { return .vi }
        return .en
    }

    /// The `language` of the site in `folder`, when it has a site.yml Bantin can read.
    static func siteLanguage(_ folder: String) -> SiteLanguage? {
        var diagnostics = Diagnostics()
        guard let (text, config) = SiteConfigLoader.read(siteAt: folder, &diagnostics) else { return nil }
        if let config { return config.language }
        // A site.yml with mistakes is still the site's: Vietnamese, the default, unless it says English.
        let english = text.split(separator: "\n").contains { $0.replacingOccurrences(of: " ", with: "").hasPrefix("language:en") }
        return english ? .en : .vi
    }
}

extension SiteConfigLoader {
    /// The site.yml of the site folder `root`, read outside a build (`bantin new`, `import`,
    /// the language of messages): its text, and its config when it loads. Nil when it is
    /// missing or not UTF-8.
    static func read(siteAt root: String, _ diagnostics: inout Diagnostics) -> (text: String, config: SiteConfig?)? {
        guard let data = FileManager.default.contents(atPath: root + "/" + fileName), let text = String(data: data, encoding: .utf8) else { return nil }
        return (text, load(text: text, diagnostics: &diagnostics))
    }
}
