import Synchronization
/// Turns loaded files into typed models: front-matter decoded with every default applied, body
/// rendered from Markdown. Each call returns its own diagnostics, so files can be parsed in any
/// order or in parallel.
public struct ContentParser: Sendable {
    public let config: SiteConfig
    public let dates: DateParser
    public let markdown: MarkdownRenderer
    /// The organizations there are (every file of content/organizations/, sorted), when known
    /// before articles are parsed: an article with other errors then also says which of the
    /// organizations it names do not exist, so that one run tells everything. (An article that
    /// parses is checked by the indexer.)
    public var organizationIDs: [String]?
    /// How much body HTML articles may keep, shared by every thread parsing; nil: all of it. An
    /// article past the budget lets go of its body and keeps only the words search needs
    /// (`Article.bodyWords`); its page renders the body again (`bodyHTML(of:)`). A small site
    /// keeps every body (rendering one again costs time); a large one never holds them all.
    public var bodyBudget: BodyBudget?
    /// The site's articles and pages (`content/…`), when known before articles are parsed: an
    /// article whose front-matter has errors still has its body's links to `.md` files checked
    /// against them, so that one run tells everything (one that parses is checked by the link check).
    public var sourcePaths: Set<String>?

    public init(config: SiteConfig, markdown: MarkdownRenderer = MarkdownRenderer()) {
        self.config = config
        self.dates = DateParser(timeZone: config.timeZone, vietnameseForms: config.language == .vi)
        self.markdown = markdown
    }

    /// Photos from other sites are errors unless `site.yml` allows them: every page promises
    /// to load nothing from another origin.
    func checkRemoteImages(_ rendered: RenderedMarkdown, path: String, bodyLine: Int, _ diagnostics: inout Diagnostics) {
        guard !config.allowsRemoteImages else { return }
        for image in rendered.remoteImages {
            diagnostics.error(SourceLocation(path: path, line: bodyLine - 1 + image.line, column: image.column), Self.remoteImageProblem(image.url))
        }
    }

    static func remoteImageProblem(_ url: String) -> String {
        "the photo \(url) is on another site; pages load nothing from other sites, so readers are not tracked. Save the photo beside the article (a folder with index.md) and write its file name, or set `allow_remote_images: true` in site.yml"
    }

    /// The shared first steps: UTF-8, front-matter fences, YAML, a mapping at the top.
    func open(_ file: SourceFile, _ diagnostics: inout Diagnostics)
        -> (document: FrontMatterDocument, reader: YAMLReader, fields: [String: (key: YAMLNode, value: YAMLNode)], order: [String])?
    {
        let text: String
        switch FrontMatter.text(of: file) {
        case .success(let t): text = t
        case .failure(let d): diagnostics.append(d); return nil
        }
        let document: FrontMatterDocument
        switch FrontMatter.split(text, path: file.path) {
        case .success(let d): document = d
        case .failure(let d): diagnostics.append(d); return nil
        }
        var reader = YAMLReader(path: file.path, lineOffset: document.yamlLineOffset)
        guard let root = reader.compose(document.yaml) else {
            if !reader.diagnostics.hasErrors {
                reader.diagnostics.error(SourceLocation(path: file.path), "the front-matter is empty; it needs at least title, date and organization")
            }
            diagnostics.append(contentsOf: reader.diagnostics)
            return nil
        }
        guard let pairs = reader.mapping(root, "the front-matter") else {
            diagnostics.append(contentsOf: reader.diagnostics)
            return nil
        }
        var fields: [String: (key: YAMLNode, value: YAMLNode)] = [:]
        var order: [String] = []
        for (key, keyNode, value) in pairs {
            fields[key] = (keyNode, value)
            order.append(key)
        }
        return (document, reader, fields, order)
    }

    /// Warns about keys the contract does not define, naming the closest known one.
    func checkKeys(_ order: [String], _ fields: [String: (key: YAMLNode, value: YAMLNode)], known: [String], in what: String, _ reader: inout YAMLReader) {
        for key in order where !known.contains(key) {
            var message = "unknown key `\(key)` in \(what) is ignored"
            if let near = Suggest.closest(to: key, in: known) { message += "; did you mean `\(near)`?" }
            reader.diagnostics.warning(reader.location(fields[key]!.key), message)
        }
    }

    /// A required text field.
    func required(_ key: String, _ fields: [String: (key: YAMLNode, value: YAMLNode)], _ reader: inout YAMLReader, _ file: String, _ what: String) -> String? {
        guard let node = fields[key]?.value else {
            reader.diagnostics.error(SourceLocation(path: file), "\(what) has no `\(key)`; add a line `\(key): …` to the front-matter")
            return nil
        }
        return reader.string(node, key)
    }

    func optionalString(_ key: String, _ fields: [String: (key: YAMLNode, value: YAMLNode)], _ reader: inout YAMLReader) -> String? {
        guard let node = fields[key]?.value, !YAMLReader.isNull(node) else { return nil }
        return reader.string(node, key)
    }

    func slug(_ fields: [String: (key: YAMLNode, value: YAMLNode)], title: String?, _ reader: inout YAMLReader, _ file: String) -> String? {
        if let node = fields["slug"]?.value, let given = reader.string(node, "slug") {
            let slug = Slug.make(given)
            if slug.isEmpty {
                reader.diagnostics.error(reader.location(node), "`slug` has no letters or digits to make a URL from")
                return nil
            }
            return slug
        }
        guard let title else { return nil }
        let slug = Slug.make(title)
        if slug.isEmpty {
            reader.diagnostics.error(SourceLocation(path: file), "the title has no letters or digits to make a URL from; add a `slug`")
            return nil
        }
        return slug
    }
}

/// "Did you mean" suggestions by edit distance.
public enum Suggest {
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let w = Array(word.lowercased())
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(w, Array(candidate.lowercased()))
            if d <= max(1, w.count / 3), d < min(w.count, candidate.count), best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) {
                best = (candidate, d)
            }
        }
        return best?.0
    }

    /// Edits between `a` and `b`, two neighbours swapped counting as one (`titel` → `title`).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var twoBack = Array(repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { current[j] = min(current[j], twoBack[j - 2] + 1) }
            }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[b.count]
    }
}

/// Bytes of body HTML that parsed articles may still keep (see `ContentParser.bodyBudget`).
public final class BodyBudget: Sendable {
    private let remaining: Atomic<Int>

    public init(bytes: Int) { remaining = Atomic(bytes) }

    /// Takes `bytes` from the budget when it has them; false (taking nothing) when it has not.
    func take(_ bytes: Int) -> Bool {
        var left = remaining.load(ordering: .relaxed)
        while left >= bytes {
            let (exchanged, now) = remaining.compareExchange(expected: left, desired: left - bytes, ordering: .relaxed)
            if exchanged { return true }
            left = now
        }
        return false
    }
}
