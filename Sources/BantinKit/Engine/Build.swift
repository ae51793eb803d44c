import Foundation

public struct BuildOptions: Sendable {
    public var source: String
    public var output: String?
    public var drafts = false
    public var strict = false
    /// When false (`bantin check`), nothing is written.
    public var write = true
    /// Replace an output folder that holds files Bantin did not write (`--force`). Folders that
    /// are never used (see `OutputFolder`) stay refused.
    public var force = false
    /// Remove the replaced output in the background (the command line does; see `OutputWriter`).
    public var removesPreviousInBackground = false
    /// Start from the last build's state in `.bantin-cache/` (see `BuildRun`): nothing is done
    /// when no input changed, and only what changed is made again otherwise.
    public var reusesUnchangedOutput = false
    /// Threads for parsing and rendering; the output is the same whatever the number.
    public var jobs = Parallel.defaultJobs
    /// Advanced as articles are parsed, pages rendered and files written.
    public var progress: BuildProgress?
    /// Body HTML the articles may keep in memory, in all; past it, bodies are read and rendered
    /// again page by page. About 12,000 articles' worth: memory stays bounded for a site of any
    /// size, and a smaller one never renders a body twice. The output is the same either way.
    public var bodyBudget = 96 << 20
    /// Whether the build says which articles' addresses moved since the last build written
    /// (`PublishedAddresses`); the preview does not, as it writes nothing.
    public var tellsMovedAddresses = true
    /// Whether photos are made (into `.bantin-cache/images/`) or only their headers read
    /// (`bantin check`, which writes nothing).
    public var makesPhotos = true

    public init(source: String, output: String? = nil) {
        self.source = source
        self.output = output
    }
}

public struct BuildResult: Sendable {
    /// True when nothing changed since the last build and the output was left as it was.
    public var upToDate = false
    /// Set when the build changed the output in place (the engine started from the last
    /// build's state): the files it changed or removed, relative to the output folder.
    public var updatedInPlace: [String]?
    /// Why the build started from nothing, when it did.
    var fullBuildReason: FullBuildReason?
    /// Set when only articles' bodies changed and the engine took its shortest way (`rebuildForBodyEdits`).
    var onlyBodies = false
    public var diagnostics: Diagnostics
    /// Files of the site (path and the source that asked for it), when the build got that far.
    public var files: [Renderer.PlannedFile]
    public var outputPath: String?
    /// Set when the command was refused before anything was read or written (an output folder
    /// Bantin may not replace, a source that is not a folder): a usage error, exit 2.
    public var usageError: String?
    public var succeeded: Bool { !diagnostics.hasErrors && usageError == nil }
    public var pagesWritten: Int { files.filter { $0.path.hasSuffix(".html") }.count }
}

/// The pipeline: load → parse → index → render → write. Each stage collects diagnostics and the
/// build goes as far as it can, so one run reports every problem; nothing is written unless
/// there are no errors.
public struct Builder: Sendable {
    public let fileSystem: any FileSystem

    /// Renders pages instead of Bantin's engine, for the test that compares it with
    /// swift-mustache (`MustacheDifferentialTests`); nil in every build.
    let oracle: TemplateSet.Oracle?

    public init(fileSystem: any FileSystem = LocalFileSystem()) {
        self.fileSystem = fileSystem
        self.oracle = nil
    }

    init(fileSystem: any FileSystem = LocalFileSystem(), oracle: TemplateSet.Oracle?) {
        self.fileSystem = fileSystem
        self.oracle = oracle
    }

    /// A cheap fingerprint of everything a build of `options` reads (paths, sizes, modification
    /// times): when it changes, a rebuild is due. The preview server polls it.
    public static func inputFingerprint(_ options: BuildOptions) -> String? {
        let root = URL(fileURLWithPath: options.source).standardizedFileURL.path
        return BuildFingerprint.stamps(root: root)
    }

    /// The site read and indexed, nothing rendered or written (`bantin figures`): the index,
    /// or nil when the content has errors, with every diagnostic so far.
    public func index(_ options: BuildOptions) -> (index: SiteIndex?, result: BuildResult) {
        var options = options
        options.write = false
        var run = BuildRun(builder: self, options: options)
        if let refusal = run.checkFolders() { return (nil, run.refused(refusal)) }
        let index = run.loadParseAndIndex()
        let result = run.result()
        return (result.succeeded ? index : nil, result)
    }

    public func build(_ options: BuildOptions) -> BuildResult {
        var run = BuildRun(builder: self, options: options)
        defer { run.clock.report() }
        if let refusal = run.checkFolders() { return run.refused(refusal) }
        if let upToDate = run.startFromLastBuild() { return upToDate }
        return run.run()
    }
}

extension Builder {
    /// `site.yml`, with the site's words for the theme from `i18n/<language>.yml`.
    static func readConfig(_ tree: SourceTree, _ diagnostics: inout Diagnostics) -> SiteConfig? {
        guard let file = tree.config else { return nil }
        var config: SiteConfig?
        switch FrontMatter.text(of: file) {
        case .success(let text): config = SiteConfigLoader.load(text: text, diagnostics: &diagnostics)
        case .failure(let d): diagnostics.append(d)
        }
        if let language = config?.language, let file = tree.strings["\(language.rawValue).yml"] {
            config?.stringOverrides = StringsFile.load(file, language: language, diagnostics: &diagnostics)
        }
        return config
    }

    /// The site's layouts over the built-in theme. With a broken override the build fails, but
    /// rendering with the built-in theme still runs the checks that need the site's files (URL
    /// collisions, links), so one run says everything.
    static func readTemplates(_ tree: SourceTree, _ diagnostics: inout Diagnostics) -> TemplateSet {
        var scratch = Diagnostics()
        guard let templates = TemplateSet.load(overrides: tree.layouts, diagnostics: &diagnostics)
            ?? TemplateSet.load(overrides: [:], diagnostics: &scratch) else {
            preconditionFailure("the built-in theme does not load: \(scratch.sorted)")
        }
        return templates
    }

    /// What only the whole list of the site's files can tell: two sources on one URL, Markdown
    /// links to pages the site does not have, and paths that would leave the output folder.
    static func check(_ files: [(path: String, origin: SourceLocation)], index: SiteIndex) -> Diagnostics {
        var diagnostics = checkFiles(files)
        let links = linkProblems(index, paths: Set(files.map(\.path)))
        for (_, d) in links.articles { diagnostics.append(contentsOf: d) }
        diagnostics.append(contentsOf: links.pages)
        return diagnostics
    }

    /// Markdown links to pages the site does not have: each article's (in the index's order;
    /// the build keeps them by article for the next one) and the pages'.
    static func linkProblems(_ index: SiteIndex, paths: Set<String>, sources: SourceLinks? = nil, routes: Routes? = nil) -> (articles: [(path: String, problems: Diagnostics)], pages: Diagnostics) {
        let routes = routes ?? Routes(config: index.config)
        // A bundle's files are there to link to, even those published as something else (a
        // photo as its widths: a link to it is led to them, see `PhotoMarkup`).
        var bundleFiles = Set<String>()
        for (i, a) in index.articles.enumerated() where a.bundleDirectory != nil {
            let base = String(index.address(i).dropFirst())
            for asset in a.bundleAssets { bundleFiles.insert(base + asset) }
        }
        let links = LinkChecker(routes: routes, has: { paths.contains($0) || bundleFiles.contains($0) },
                                sources: sources ?? SourceLinks(index: index, routes: routes))
        let articles = index.articles.indices.map { i in
            let a = index.articles[i]
            // `image:` is a link to a photo too.
            var all = a.links
            if let image = a.image, !RenderedMarkdown.isRemote(image) { all.append(Located(image, a.imageLocation ?? a.location)) }
            // So is each photo `photos:` describes.
            all += a.photoCaptions.map { Located($0.name, $0.location) }
            return (a.path, links.check(all, from: index.address(i), source: a.path))
        }
        var pages = Diagnostics()
        for page in index.pages { pages.append(contentsOf: links.check(page.links, from: routes.page(page), source: page.path)) }
        return (articles, pages)
    }

    /// Two sources on one URL, and paths that would leave the output folder.
    static func checkFiles(_ files: [(path: String, origin: SourceLocation)]) -> Diagnostics {
        var diagnostics = OutputWriter.collisions(files)
        for file in files where !OutputWriter.isSafe(file.path) {
            diagnostics.error(file.origin, "this would be written outside the output folder: \(file.path)")
        }
        // File systems take names of at most 255 bytes: caught here, so `check` says it too.
        for file in files {
            guard let long = OutputWriter.segmentLengths(file.path).first(where: { $0.length > 255 }) else { continue }
            diagnostics.error(file.origin, "this would be written to a file whose name is \(long.length) bytes long; file systems take at most 255: use a shorter name")
        }
        return diagnostics
    }
}

