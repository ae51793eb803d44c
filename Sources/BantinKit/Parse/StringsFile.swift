/// A site's own words for the theme: `i18n/<language>.yml`, a flat map from a UI string's key
/// to its text, e.g. `latest: Tin hoạt động`. Keys the theme does not have are warned about
/// with the nearest known key, so a typo never silently does nothing.
enum StringsFile {
    static func path(for language: SiteLanguage) -> String { "i18n/\(language.rawValue).yml" }

    static func load(_ file: SourceFile, language: SiteLanguage, diagnostics: inout Diagnostics) -> [String: String] {
        let text: String
        switch FrontMatter.text(of: file) {
        case .success(let t): text = t
        case .failure(let d):
            diagnostics.append(d)
            return [:]
        }
        var reader = YAMLReader(path: file.path, lineOffset: 0)
        defer { diagnostics.append(contentsOf: reader.diagnostics) }
        guard let root = reader.compose(text), !YAMLReader.isNull(root) else { return [:] }
        guard let pairs = reader.mapping(root, file.path) else { return [:] }
        let known = UIStrings(language: language).keys.sorted()
        var overrides: [String: String] = [:]
        for (key, keyNode, value) in pairs {
            guard known.contains(key) else {
                var message = "unknown UI string `\(key)` in \(file.path)"
                if let near = Suggest.closest(to: key, in: known) { message += "; did you mean `\(near)`?" }
                reader.diagnostics.warning(reader.location(keyNode), message)
                continue
            }
            if let s = reader.string(value, key, allowEmpty: true) { overrides[key] = s }
        }
        return overrides
    }
}
