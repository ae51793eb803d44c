import Foundation

/// A site kept in memory between builds, for the preview server: the engine (`BuildRun`) kept
/// in memory. Each refresh goes through the build's own stages, from a state held here instead
/// of `.bantin-cache/`: an article whose file has the digest its record has is not parsed again,
/// a card whose key stands is not rendered again, and a page is rendered only when it is asked
/// for. An edit to articles' bodies alone takes a shorter way still (their records and the index
/// updated in place). On a 10,000-article site an edit is shown in tens of milliseconds.
///
/// Pages are byte-for-byte what `bantin build --drafts` writes (tested). After a refresh with
/// errors, the last good site stays served and `problems` says what is wrong.
public final class LiveSite: @unchecked Sendable {
    public let root: String
    public let drafts: Bool
    let fileSystem: any FileSystem
    let jobs: Int
    /// Serialises refreshes, and guards the state they keep (everything below but the
    /// published state).
    private let refreshLock = NSLock()
    /// Guards the published state (`snapshot`, `lastProblems`, `lastGeneration`, `lastKind`),
    /// held only to read or swap it: pages are served from the last good site while a refresh
    /// runs, however long it takes.
    private let lock = NSLock()

    private struct Snapshot {
        var renderer: Renderer
        var files: [String: Renderer.PlannedFile]
        /// Units rendered since the refresh, by unit index.
        var rendered: [Int: [OutputFile]] = [:]
    }

    /// The engine's state, as a build keeps it in `.bantin-cache/`: the articles' records (with
    /// their bodies) and cards, under the parse context `context`; and the sources' fingerprint.
    private var memory = EngineState()
    private var context: UInt64?
    private var fingerprint: BuildFingerprint?
    private var snapshot: Snapshot?
    private var lastProblems: [Diagnostic] = []
    private var lastGeneration = 0
    private var lastKind = RefreshKind.full
    /// How many articles the last full refresh parsed (for tests).
    var lastParsedArticles = 0

    /// What the last refresh redid.
    public enum RefreshKind: Sendable, Equatable {
        /// Only these articles were read again; nothing else changed.
        case articles(Int)
        /// The whole site was read again (unchanged articles were not re-parsed).
        case full
    }

    public init(root: String, drafts: Bool = true, fileSystem: any FileSystem = LocalFileSystem(), jobs: Int = Parallel.defaultJobs) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
        self.drafts = drafts
        self.fileSystem = fileSystem
        self.jobs = jobs
    }

    /// Problems of the last refresh; empty when it succeeded.
    public var problems: [Diagnostic] { lock.withLock { lastProblems } }
    public var lastRefresh: RefreshKind { lock.withLock { lastKind } }
    /// Counts refreshes: a page that saw an older number is out of date.
    public var generation: Int { lock.withLock { lastGeneration } }

    /// Reads the site again; returns the diagnostics of this refresh (warnings included).
    /// `changed` lists the files that changed (relative to the site folder) when the caller
    /// knows them: when they are articles whose edit leaves everything but their own page as it
    /// was (the body, most often), only they are read, and nothing else is redone.
    @discardableResult
    public func refresh(changed: Set<String>? = nil) -> Diagnostics {
        refreshLock.withLock {
            if let changed, let diagnostics = refreshArticleBodies(changed) {
                lock.withLock { lastKind = .articles(changed.count) }
                return diagnostics
            }
            lock.withLock { lastKind = .full }
            return refreshLocked()
        }
    }

    /// The fast path: nil when the change is not of that kind and a full refresh is needed.
    private func refreshArticleBodies(_ changed: Set<String>) -> Diagnostics? {
        let (problems, published) = lock.withLock { (lastProblems, snapshot) }
        guard !changed.isEmpty, problems.isEmpty, var snapshot = published else { return nil }
        var updates: [(record: ArticleRecord, article: Article, diagnostics: Diagnostics)] = []
        for path in changed {
            guard SourceKind.of(path) == .article, let old = memory.records[path], let oldArticle = old.article,
                  fileSystem.outsideTarget(of: root + "/" + path, boundary: root) == nil,
                  let data = try? fileSystem.read(root + "/" + path) else { return nil }
            let digest = data.withUnsafeBytes(Digest.bytes)
            if digest == old.digest { continue }
            let source = ArticleSource(file: SourceFile(path: path, data: data), bundleAssets: oldArticle.bundleAssets,
                                       bundleDirectory: oldArticle.bundleDirectory)
            let (article, d) = ContentParser(config: snapshot.renderer.index.config).parseArticle(source)
            guard let article, !d.hasErrors, Renderer.listedKey(article) == Renderer.listedKey(oldArticle) else { return nil }
            updates.append((ArticleRecord(path: path, digest: digest, article: article, diagnostics: d.items), article, d))
        }
        var diagnostics = Diagnostics()
        var index = snapshot.renderer.index
        let routes = Routes(config: index.config)
        let files = snapshot.files
        let links = LinkChecker(routes: routes, has: { files[$0] != nil }, sources: SourceLinks(index: index, routes: routes))
        for update in updates {
            // The card shows only what is unchanged: it stands, as its key does.
            memory.records[update.record.path] = update.record
            guard let i = index.articles.firstIndex(where: { $0.path == update.record.path }) else { return nil }
            index.articles[i] = update.article
            diagnostics.append(contentsOf: update.diagnostics)
            diagnostics.append(contentsOf: links.check(update.article.links, from: routes.article(update.article), source: update.record.path))
        }
        let renderer = Renderer(index: index, templates: snapshot.renderer.templates, cards: snapshot.renderer.cards,
                                photos: snapshot.renderer.photos)
        snapshot.renderer = renderer
        snapshot.rendered = [:]
        lock.withLock {
            self.snapshot = snapshot
            lastGeneration += 1
        }
        return diagnostics
    }

    /// A whole refresh: the build's stages, from the state kept here, up to the checked plan.
    private func refreshLocked() -> Diagnostics {
        var options = BuildOptions(source: root)
        (options.drafts, options.write, options.jobs, options.tellsMovedAddresses) = (drafts, false, jobs, false)
        var run = BuildRun(builder: Builder(fileSystem: fileSystem), options: options)
        run.keepsRecords = true
        var diagnostics = Diagnostics()
        defer {
            run.clock.report()
            lock.withLock {
                lastGeneration += 1
                lastProblems = diagnostics.hasErrors ? diagnostics.sorted : []
            }
        }
        guard fileSystem.isDirectory(root) else {
            diagnostics.error(SourceLocation(path: root, line: 1, column: 1), "the source folder does not exist")
            return diagnostics
        }
        // What changed is told by digests, as for the command line (on a site on disk).
        let now = fileSystem is LocalFileSystem
            ? BuildFingerprint.current(root: root, options: options, output: "(preview)", previous: fingerprint) : nil
        run.fingerprint = now
        run.setKeys(now)
        if let keys = run.keys, context == keys.parse { run.state = memory }
        run.clock.lap("fingerprint")
        guard let (tree, config, templates) = run.load() else {
            diagnostics = run.result().diagnostics
            return diagnostics
        }
        let parsed = run.parse(tree, config)
        run.clock.lap("parse")
        let index = Indexer.index(config: config, organizations: parsed.organizations, articles: parsed.articles, pages: parsed.pages,
                                  rejected: parsed.rejected, diagnostics: &run.diagnostics)
        run.clock.lap("index")
        (run.photos, _) = run.processPhotos(index)
        let prepared = run.prepare(index, templates, tree.staticFiles, search: nil, skips: nil)
        keep(parsed, from: run.state, tree, index, prepared, keys: run.keys)
        fingerprint = now
        let result = run.result(prepared.plan)
        diagnostics = result.diagnostics
        guard result.succeeded else { return diagnostics }
        var files: [String: Renderer.PlannedFile] = [:]
        for file in prepared.plan { files[file.path] = file }
        let good = Snapshot(renderer: prepared.renderer, files: files)
        lock.withLock { snapshot = good }
        return diagnostics
    }

    /// The state for the next refresh: every article's record (the ones parsed now, the others
    /// as they were) and card. Without keys (a site not on disk) nothing is kept.
    private func keep(_ parsed: BuildRun.Parsed, from state: EngineState?, _ tree: SourceTree, _ index: SiteIndex,
                      _ prepared: BuildRun.Prepared, keys: (parse: UInt64, site: UInt64)?) {
        lastParsedArticles = parsed.made.count
        guard let keys else {
            (memory, context) = (EngineState(), nil)
            return
        }
        var next = EngineState()
        let made = Dictionary(parsed.made.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for source in tree.articles {
            let path = source.file.path
            if let record = made[path] ?? state?.records[path] { next.records[path] = record }
        }
        for (i, article) in index.articles.enumerated() { next.cards[article.path] = (prepared.cardKeys[i], prepared.renderer.cards[i]) }
        (memory, context) = (next, keys.parse)
    }

    /// A file of the last good site, rendered now if it has not been since the last refresh.
    /// `path` is relative to the site root as the output folder has it: `nam/2023/index.html`.
    public func file(_ path: String) -> OutputFile? {
        lock.withLock {
            // Through `snapshot?` only: a local copy of the snapshot would make the cache update
            // below copy the whole cache on every request.
            guard let planned = snapshot?.files[path] else { return nil }
            switch planned.source {
            case .file(let file):
                return file
            case .unit(let unit):
                if let files = snapshot?.rendered[unit] { return files.first { $0.path == path } }
                guard let renderer = snapshot?.renderer else { return nil }
                let files = renderer.render(renderer.units[unit])
                snapshot?.rendered[unit] = files
                return files.first { $0.path == path }
            }
        }
    }

    /// Whether the last good site has a folder at `path` (`nam/2023`): a request for it is
    /// redirected to `nam/2023/`.
    public func isFolder(_ path: String) -> Bool {
        lock.withLock { snapshot?.files[path + "/index.html"] != nil }
    }
}
