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
    /// Skip the build when no input changed since the last successful one (see `BuildFingerprint`).
    public var reusesUnchangedOutput = false
    /// Threads for parsing and rendering; the output is the same whatever the number.
    public var jobs = Parallel.defaultJobs
    /// Advanced as articles are parsed, pages rendered and files written.
    public var progress: BuildProgress?
    /// Body HTML the articles may keep in memory, in all; past it, bodies are read and rendered
    /// again page by page. About 12,000 articles' worth: memory stays bounded for a site of any
    /// size, and a smaller one never renders a body twice. The output is the same either way.
    public var bodyBudget = 96 << 20

    public init(source: String, output: String? = nil) {
        self.source = source
        self.output = output
    }
}

public struct BuildResult: Sendable {
    /// True when nothing changed since the last build and the output was left as it was.
    public var upToDate = false
    /// Set when only article bodies changed and the build changed the output in place
    /// (`IncrementalBuild`): the files it rewrote, relative to the output folder.
    public var updatedInPlace: [String]?
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
        let (reused, fingerprint) = run.reuseEarlierBuild()
        if let reused { return reused }
        return run.buildEverything(fingerprint: fingerprint)
    }
}

/// One build's working state, stage by stage: load → parse → index → render → write. What
/// articles report is kept by article, for the next build (see `BuildCache`). Each stage
/// collects diagnostics and the build goes as far as it can, so one run reports every problem;
/// nothing is written unless there are no errors.
struct BuildRun {
    let builder: Builder
    let options: BuildOptions
    let root: String
    var output: String
    var clock = StageClock(enabled: ProcessInfo.processInfo.environment["BANTIN_TIMINGS"] != nil)
    var diagnostics = Diagnostics()
    var articleDiagnostics: [String: Diagnostics] = [:]
    /// Articles whose address changed since the last build (`PublishedAddresses`).
    var moves = Diagnostics()

    init(builder: Builder, options: BuildOptions) {
        self.builder = builder
        self.options = options
        root = URL(fileURLWithPath: options.source).standardizedFileURL.path
        output = URL(fileURLWithPath: options.output ?? (root + "/public"), relativeTo: nil).standardizedFileURL.path
    }

    /// The result so far: every diagnostic, the articles' in path order.
    func result(_ files: [Renderer.PlannedFile] = []) -> BuildResult {
        var all = diagnostics
        for path in articleDiagnostics.keys.sorted() { all.append(contentsOf: articleDiagnostics[path]!) }
        all.append(contentsOf: moves)
        return BuildResult(diagnostics: all.promotingWarnings(options.strict), files: files, outputPath: output)
    }

    func refused(_ why: String) -> BuildResult {
        var refused = result()
        refused.usageError = why
        return refused
    }

    /// Why the source or the output folder cannot be used (a usage error), or nil; resolves the
    /// output to the real folder written.
    mutating func checkFolders() -> String? {
        var isFolder: ObjCBool = false
        if builder.fileSystem is LocalFileSystem, FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), !isFolder.boolValue {
            return "the source \(options.source) is a file, not a folder; give --source the site's folder (the one holding site.yml)"
        }
        guard builder.fileSystem.isDirectory(root) else { return "the source folder \(options.source) does not exist" }
        guard options.write else { return nil }
        switch OutputFolder.resolve(output, source: root, force: options.force, recognised: { [root] in BuildFingerprint.isLastOutput($0, root: root) }) {
        case .success(let real):
            output = real
            return nil
        case .failure(let refusal):
            return refusal.description
        }
    }

    /// When nothing changed since the last build, or only articles' bodies, the result without a
    /// whole build; otherwise nil, with the fingerprint of the sources now (to store once built)
    /// and the reason noted with the timings.
    mutating func reuseEarlierBuild() -> (BuildResult?, BuildFingerprint?) {
        let asked = options.write && options.reusesUnchangedOutput
        let previous = asked ? BuildFingerprint.stored(root: root) : nil
        let fingerprint = asked ? BuildFingerprint.current(root: root, options: options, output: output, previous: previous) : nil
        clock.lap("fingerprint")
        var reason = !asked ? FullBuildReason.notAsked : previous == nil ? .noEarlierBuild : .sourcesUnreadable
        if let previous, var current = fingerprint {
            let outputNow = BuildFingerprint.outputState(output, known: previous.output)
            switch current.changedArticles(since: previous, outputNow: outputNow) {
            case .failure(let why):
                reason = why
            case .success(let changed):
                current.output = outputNow
                let cache = BuildCache.read(root: root)
                if changed.isEmpty {
                    // The output is what this build would write; so are its warnings. New stamps
                    // (a fresh clone, a touched file) are recorded so the files are not read again.
                    if current != previous { current.store(root: root) }
                    diagnostics = cache?.diagnostics ?? Diagnostics()
                    var upToDate = result()
                    upToDate.upToDate = true
                    return (upToDate, fingerprint)
                }
                guard let cache else {
                    reason = .noEarlierBuild
                    break
                }
                switch IncrementalBuild(fileSystem: builder.fileSystem, root: root, output: output, options: options, cache: cache)
                    .run(changed: changed, fingerprint: current, clock: &clock) {
                case .success(let done): return (done, fingerprint)
                case .failure(let why): reason = why
                }
            }
        }
        clock.note("full build: \(reason)")
        if options.write {
            BuildFingerprint.clear(root: root)
            BuildCache.clear(root: root)
        }
        return (nil, fingerprint)
    }

    /// Every stage, from the files to the written site.
    mutating func buildEverything(fingerprint: BuildFingerprint?) -> BuildResult {
        var tree = SourceLoader(fileSystem: builder.fileSystem).load(root: root, diagnostics: &diagnostics, deferringArticles: true)
        let config = Builder.readConfig(tree, &diagnostics)
        var templates = Builder.readTemplates(tree, &diagnostics)
        templates.oracle = builder.oracle
        guard let config else { return result() }
        clock.lap("load")
        var (index, signatures) = parseAndIndex(&tree, config)
        // The search index first: then the words it is made of are let go of before rendering.
        let search = PreparedSearchIndex(SearchIndex(index: index, routes: Routes(config: config),
                                                     strings: UIStrings(language: config.language, overrides: config.stringOverrides)).data(jobs: options.jobs))
        for i in index.articles.indices where index.articles[i].bodyWords != nil { index.articles[i].bodyWords = nil }
        return renderAndWrite(index, templates, tree.staticFiles, search: search, signatures: signatures, fingerprint: fingerprint)
    }

    /// Load, parse and index only; nil when there is no usable site.yml.
    mutating func loadParseAndIndex() -> SiteIndex? {
        var tree = SourceLoader(fileSystem: builder.fileSystem).load(root: root, diagnostics: &diagnostics, deferringArticles: true)
        guard let config = Builder.readConfig(tree, &diagnostics) else { return nil }
        return parseAndIndex(&tree, config).index
    }

    private mutating func parseAndIndex(_ tree: inout SourceTree, _ config: SiteConfig) -> (index: SiteIndex, signatures: [String: String]) {
        let content = parse(&tree, config)
        clock.lap("parse")
        let index = Indexer.index(config: config, organizations: content.organizations, articles: content.articles, pages: content.pages,
                                  rejected: content.rejected, diagnostics: &diagnostics)
        clock.lap("index")
        return (index, content.signatures)
    }

    struct Content {
        var organizations: [Organization] = []
        var articles: [Article] = []
        var pages: [Page] = []
        /// Article path → `BuildCache.signature`, for the next build.
        var signatures: [String: String] = [:]
        /// Organizations whose files have errors of their own.
        var rejected: Set<String> = []
    }

    /// Organizations, then articles and pages, on `options.jobs` threads. The articles' text
    /// leaves `tree` as each is parsed, so it is never all in memory beside what was made of it.
    mutating func parse(_ tree: inout SourceTree, _ config: SiteConfig) -> Content {
        var content = Content()
        var parser = ContentParser(config: config)
        // Bodies past the budget are read and rendered again page by page (`ArticleBodies`).
        parser.bodyBudget = BodyBudget(bytes: options.bodyBudget)
        parser.organizationIDs = tree.organizations.map { OrganizationReference.id(ofFile: $0.path) }.sorted()
        for (org, d) in Parallel.map(tree.organizations, jobs: options.jobs, parser.parseOrganization) {
            diagnostics.append(contentsOf: d)
            if let org { content.organizations.append(org) }
        }
        let progress = options.progress
        progress?.start("reading articles", total: tree.articles.count)
        let paths = tree.articles.map(\.file.path)
        let sources = Handoff(tree.articles)
        tree.articles = []
        let (loader, root) = (SourceLoader(fileSystem: builder.fileSystem), root)
        for (path, (article, d, unread)) in zip(paths, Parallel.map(Array(paths.indices), jobs: options.jobs, { i -> (Article?, Diagnostics, Diagnostics) in
            defer { progress?.advance() }
            var unread = Diagnostics()
            guard let source = loader.read(sources.take(i), root: root, &unread) else { return (nil, Diagnostics(), unread) }
            let (article, d) = parser.parseArticle(source)
            return (article, d, unread)
        })) {
            // A file that cannot be read is the site's problem, as the loader tells it; it has no article.
            guard unread.items.isEmpty else {
                diagnostics.append(contentsOf: unread)
                continue
            }
            articleDiagnostics[path] = d
            guard let article else { continue }
            content.signatures[article.path] = BuildCache.signature(of: article)
            if options.drafts || !article.draft { content.articles.append(article) }
        }
        for (page, d) in Parallel.map(tree.pages, jobs: options.jobs, parser.parsePage) {
            diagnostics.append(contentsOf: d)
            if let page, options.drafts || !page.draft { content.pages.append(page) }
        }
        content.rejected = Set(parser.organizationIDs ?? []).subtracting(content.organizations.map(\.id))
        return content
    }

    /// The plan names every file before any is rendered, so the checks that need the whole site
    /// (URL collisions, links) run first; then each page goes to the staging folder as soon as it
    /// is rendered, and only a few pages are ever in memory. Once swapped in, the fingerprint and
    /// the articles' warnings are stored for the next build.
    mutating func renderAndWrite(_ index: SiteIndex, _ templates: TemplateSet, _ staticFiles: [AssetFile], search: PreparedSearchIndex,
                                 signatures: [String: String], fingerprint: BuildFingerprint?) -> BuildResult {
        let renderer = Renderer(index: index, templates: templates, jobs: options.jobs, preparedSearchIndex: search, bodies: bodyReader(index.config))
        clock.lap("cards+search")
        let plan = renderer.plan(staticFiles: staticFiles)
        let routes = renderer.routes
        // The three checks of the whole plan are independent: run side by side.
        let (files, links, moved) = Parallel.three(
            { Builder.checkFiles(plan.map { ($0.path, $0.origin) }) },
            { Builder.linkProblems(index, paths: Set(plan.map(\.path))) },
            { [root] in PublishedAddresses.moves(from: PublishedAddresses.read(root: root), in: index, routes: routes) })
        diagnostics.append(contentsOf: files)
        for (path, d) in links.articles { articleDiagnostics[path, default: Diagnostics()].append(contentsOf: d) }
        diagnostics.append(contentsOf: links.pages)
        // Said once, by the build that moves the address: not kept with the cached warnings.
        for (_, move) in moved { moves.append(move) }
        clock.lap("plan")
        let planned = result(plan)
        guard planned.succeeded else { return planned }
        var listing: UInt64?
        do {
            let staged = options.write
                ? try OutputWriter(removesPreviousInBackground: options.removesPreviousInBackground).begin(output: output, paths: plan.map(\.path))
                : nil
            if let failure = renderer.render(staticFiles: staticFiles, jobs: options.jobs, progress: options.progress, into: { staged?.put($0) }) {
                staged?.abandon()
                throw WriteError.failed(failure)
            }
            let changed = renderer.views.bodies.changedDuringBuild
            guard changed.isEmpty else {
                staged?.abandon()
                for path in changed {
                    diagnostics.error(SourceLocation(path: path), "this file changed while the site was being built; nothing was written: run the build again")
                }
                return result(plan)
            }
            clock.lap("render+write")
            try staged?.commit()
            listing = staged?.listing
        } catch {
            diagnostics.error(SourceLocation(path: options.output ?? "public"), "cannot write the site: \(error)")
            return result(plan)
        }
        clock.lap("swap")
        storeState(index, routes: routes, signatures: signatures, fingerprint: fingerprint, listing: listing)
        clock.lap("cache")
        return planned
    }

    /// How the renderer reads an article's body again (the parse let go of it): the file as the
    /// loader reads it, rendered as the parser rendered it; nil when it is no longer the file parsed.
    private func bodyReader(_ config: SiteConfig) -> @Sendable (Article) -> String? {
        let (fileSystem, root, parser) = (builder.fileSystem, root, ContentParser(config: config))
        return { article in
            guard let data = try? fileSystem.read(root + "/" + article.path) else { return nil }
            return parser.bodyHTML(of: SourceFile(path: article.path, data: data), digest: article.sourceDigest)
        }
    }

    /// What the next build reads, once the output is swapped in: each article's address, and
    /// (when the output is the one just written) the articles' records and warnings and the
    /// fingerprint. The three files are written side by side.
    private func storeState(_ index: SiteIndex, routes: Routes, signatures: [String: String], fingerprint: BuildFingerprint?, listing: UInt64?) {
        guard let listing else { return }
        let root = root, output = output
        let cache = BuildCache(signatures: signatures, articleDiagnostics: articleDiagnostics.mapValues(\.items), siteDiagnostics: diagnostics.items)
        let folderStamp = fingerprint == nil ? nil : BuildFingerprint.folderStamp(output)
        _ = Parallel.three(
            { PublishedAddresses.store(PublishedAddresses.current(index, routes: routes), root: root) },
            { if folderStamp != nil { cache.store(root: root) } },
            {
                guard var fingerprint, let folderStamp else { return }
                fingerprint.output = BuildFingerprint.OutputState(stamp: folderStamp, listing: listing)
                fingerprint.store(root: root)
            })
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
    static func linkProblems(_ index: SiteIndex, paths: Set<String>) -> (articles: [(path: String, problems: Diagnostics)], pages: Diagnostics) {
        let routes = Routes(config: index.config)
        let links = LinkChecker(routes: routes, paths: paths, sources: SourceLinks(index: index, routes: routes))
        let articles = index.articles.map { ($0.path, links.check($0.links, from: routes.article($0), source: $0.path)) }
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

/// Per-stage wall times on standard error when `BANTIN_TIMINGS` is set, for profiling.
struct StageClock {
    let enabled: Bool
    private var last = DispatchTime.now()
    private var lastCPU = StageClock.processCPU()
    /// Each stage's wall and CPU seconds: CPU well above wall means the stage ran on several cores.
    private var laps: [(String, Double, Double, Int)] = []

    init(enabled: Bool) { self.enabled = enabled }

    mutating func lap(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now(), cpu = Self.processCPU()
        laps.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9, cpu - lastCPU, Self.residentMB()))
        (last, lastCPU) = (now, cpu)
    }

    /// The memory the process holds now (resident), in MB; 0 where /proc is not there.
    private static func residentMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = status.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    private static func processCPU() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private var notes: [String] = []

    /// A line printed with the timings.
    mutating func note(_ text: String) {
        if enabled { notes.append(text) }
    }

    func report() {
        guard enabled, !laps.isEmpty else { return }
        let line = laps.map { "\($0.0) \(String(format: "%.3f", $0.1))s (cpu \(String(format: "%.3f", $0.2)), \($0.3) MB)" }.joined(separator: ", ")
        FileHandle.standardError.write(Data((notes.map { "timings: \($0)\n" }.joined() + "timings: \(line)\n").utf8))
    }
}
