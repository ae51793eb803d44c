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
        guard let data = FileManager.default.contents(atPath: folder + "/" + SiteConfigLoader.fileName),
              let text = String(data: data, encoding: .utf8) else { return nil }
        var diagnostics = Diagnostics()
        if let config = SiteConfigLoader.load(text: text, diagnostics: &diagnostics) { return config.language }
        // A site.yml with mistakes is still the site's: Vietnamese, the default, unless it says English.
        let english = text.split(separator: "\n").contains { $0.replacingOccurrences(of: " ", with: "").hasPrefix("language:en") }
        return english ? .en : .vi
    }
}
