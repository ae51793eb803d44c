import Foundation

/// A site kept in memory between builds, for the preview server: the same stages as `Builder`,
/// but each refresh re-reads and re-parses only the articles whose files changed, keeps their
/// cards, and renders a page only when it is asked for. On a 10,000-article site an edit is
/// shown in tens of milliseconds instead of a full build's seconds.
///
/// Pages are byte-for-byte what `bantin build --drafts` writes (tested). After a refresh with
/// errors, the last good site stays served and `problems` says what is wrong.
public final class LiveSite: @unchecked Sendable {
    public let root: String
    public let drafts: Bool
    let fileSystem: any FileSystem
    let jobs: Int
    /// Serialises refreshes, and guards the caches they keep (everything below but the
    /// published state).
    private let refreshLock = NSLock()
    /// Guards the published state (`snapshot`, `lastProblems`, `lastGeneration`, `lastKind`),
    /// held only to read or swap it: pages are served from the last good site while a refresh
    /// runs, however long it takes.
    private let lock = NSLock()

    private struct ParsedArticle {
        var stamp: String
        var article: Article?
        var diagnostics: Diagnostics
    }

    private struct Snapshot {
        var renderer: Renderer
        var files: [String: Renderer.PlannedFile]
        /// Units rendered since the refresh, by unit index.
        var rendered: [Int: [OutputFile]] = [:]
    }

    private var articles: [String: ParsedArticle] = [:]
    /// Organizations and pages as parsed, by path, with the stamp of the version parsed; kept
    /// while `site.yml` (how they parse) stays the same.
    private var organizationCache: [String: Parsed<Organization>] = [:]
    private var pageCache: [String: Parsed<Page>] = [:]
    /// The stamp of the `site.yml` everything cached was parsed with.
    private var configStamp: String?

    private struct Parsed<T> {
        var stamp: String
        var value: T?
        var diagnostics: Diagnostics
    }

    /// `file` parsed, from `cache` when its stamp has not changed.
    private static func cached<T>(_ file: SourceFile, _ cache: inout [String: Parsed<T>], _ parse: (SourceFile) -> (T?, Diagnostics)) -> Parsed<T> {
        if let entry = cache[file.path], let stamp = file.stamp, entry.stamp == stamp { return entry }
        let (value, d) = parse(file)
        let entry = Parsed(stamp: file.stamp ?? "", value: value, diagnostics: d)
        cache[file.path] = entry
        return entry
    }
    /// The sources as the last full refresh listed them, articles without their bytes.
    private var lastTree: SourceTree?
    /// Rendered cards by article path, with the stamp of the version they show. Dropped when
    /// anything else a card depends on changes (site.yml, layouts, i18n, organizations).
    private var cards: [String: (stamp: String, html: String)] = [:]
    private var context = ""
    private var snapshot: Snapshot?
    private var lastProblems: [Diagnostic] = []
    private var lastGeneration = 0
    private var lastKind = RefreshKind.full
    /// Whether the last full refresh listed the site's folders again, and how many articles it
    /// parsed (for tests).
    var lastRefreshListed = true
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
            let tree = changed.flatMap(reusedTree)
            lastRefreshListed = tree == nil
            return refreshLocked(tree: tree)
        }
    }

    /// The fast path: nil when the change is not of that kind and a full refresh is needed.
    private func refreshArticleBodies(_ changed: Set<String>) -> Diagnostics? {
        let (problems, published) = lock.withLock { (lastProblems, snapshot) }
        guard !changed.isEmpty, problems.isEmpty, var snapshot = published else { return nil }
        var updates: [(path: String, stamp: String, article: Article, diagnostics: Diagnostics)] = []
        for path in changed {
            guard SourceKind.of(path) == .article, let old = articles[path], let oldArticle = old.article,
                  fileSystem.outsideTarget(of: root + "/" + path, boundary: root) == nil,
                  let stamp = fileSystem.stamp(root + "/" + path), stamp != old.stamp,
                  let data = try? fileSystem.read(root + "/" + path) else { return nil }
            let source = ArticleSource(file: SourceFile(path: path, data: data, stamp: stamp), bundleAssets: oldArticle.bundleAssets,
                                       bundleDirectory: oldArticle.bundleDirectory)
            let (article, d) = ContentParser(config: snapshot.renderer.index.config).parseArticle(source)
            guard let article, !d.hasErrors, Renderer.listedKey(article) == Renderer.listedKey(oldArticle) else { return nil }
            updates.append((path, stamp, article, d))
        }
        var diagnostics = Diagnostics()
        var index = snapshot.renderer.index
        let routes = Routes(config: index.config)
        let files = snapshot.files
        let links = LinkChecker(routes: routes, has: { files[$0] != nil }, sources: SourceLinks(index: index, routes: routes))
        for update in updates {
            articles[update.path] = ParsedArticle(stamp: update.stamp, article: update.article, diagnostics: update.diagnostics)
            guard let i = index.articles.firstIndex(where: { $0.path == update.path }) else { return nil }
            index.articles[i] = update.article
            cards[update.path]?.stamp = update.stamp  // the card shows only what is unchanged
            diagnostics.append(contentsOf: update.diagnostics)
            diagnostics.append(contentsOf: links.check(update.article.links, from: routes.article(update.article), source: update.path))
        }
        let renderer = Renderer(index: index, templates: snapshot.renderer.templates, cards: snapshot.renderer.cards)
        snapshot.renderer = renderer
        snapshot.rendered = [:]
        lock.withLock {
            self.snapshot = snapshot
            lastGeneration += 1
        }
        return diagnostics
    }

    /// The last listing with the `changed` files read again, when the change adds or removes
    /// no file (an edit, as editors save): listing and stamping every file of a large site was
    /// a third of a refresh. Nil when a change cannot be placed in the last listing.
    private func reusedTree(_ changed: Set<String>) -> SourceTree? {
        guard var tree = lastTree, !changed.isEmpty else { return nil }
        for path in changed {
            // A file that now leads out of the site goes through the loader, which reports it.
            guard fileSystem.outsideTarget(of: root + "/" + path, boundary: root) == nil,
                  let stamp = fileSystem.stamp(root + "/" + path), let data = try? fileSystem.read(root + "/" + path) else { return nil }
            let file = SourceFile(path: path, data: data, stamp: stamp)
            let name = String(path.split(separator: "/").last ?? "")
            let layout = String(name.dropLast(".mustache".count))
            switch SourceKind.of(path) {
            case .config where tree.config != nil:
                tree.config = file
            case .article:
                guard let i = tree.articles.firstIndex(where: { $0.file.path == path }) else { return nil }
                tree.articles[i].file = file
            case .organization:
                guard let i = tree.organizations.firstIndex(where: { $0.path == path }) else { return nil }
                tree.organizations[i] = file
            case .page:
                guard let i = tree.pages.firstIndex(where: { $0.path == path }) else { return nil }
                tree.pages[i] = file
            case .layout where path == "layouts/" + name && tree.layouts[layout] != nil:
                tree.layouts[layout] = file
            case .strings where tree.strings[name] != nil:
                tree.strings[name] = file
            case .staticFile where tree.staticFiles.contains(where: { $0.outputPath == String(path.dropFirst("static/".count)) }):
                continue  // copied as it is when asked for
            case .contentFile where tree.articles.contains(where: { a in
                a.bundleDirectory.map { dir in a.bundleAssets.contains { dir + "/" + $0 == root + "/" + path } } ?? false
            }):
                continue  // a bundle's photo: copied when asked for
            default:
                return nil
            }
        }
        return tree
    }

    private func refreshLocked(tree reused: SourceTree? = nil) -> Diagnostics {
        var diagnostics = Diagnostics()
        var clock = StageClock(enabled: ProcessInfo.processInfo.environment["BANTIN_TIMINGS"] != nil)
        defer {
            clock.report()
            lock.withLock {
                lastGeneration += 1
                lastProblems = diagnostics.hasErrors ? diagnostics.sorted : []
            }
        }
        guard fileSystem.isDirectory(root) else {
            diagnostics.error(SourceLocation(path: root, line: 1, column: 1), "the source folder does not exist")
            return diagnostics
        }
        var tree = reused ?? SourceLoader(fileSystem: fileSystem).load(
            root: root, diagnostics: &diagnostics, known: articles.compactMapValues { $0.stamp.isEmpty ? nil : $0.stamp })
        clock.lap("load")
        let config = Builder.readConfig(tree, &diagnostics)
        let templates = Builder.readTemplates(tree, &diagnostics)
        guard let config else { return diagnostics }
        clock.lap("config+templates")

        dropStaleCaches(tree)
        let parser = ContentParser(config: config)
        let (organizations, pages, parsed) = parseAll(&tree, parser, &diagnostics)

        clock.lap("parse")
        let rejected = Set(tree.organizations.map { OrganizationReference.id(ofFile: $0.path) }).subtracting(organizations.map(\.id))
        let index = Indexer.index(config: config, organizations: organizations, articles: parsed, pages: pages,
                                  rejected: rejected, diagnostics: &diagnostics)
        clock.lap("index")
        let renderer = renderer(index, templates)

        clock.lap("cards")
        let plan = renderer.plan(staticFiles: tree.staticFiles)
        clock.lap("plan")
        diagnostics.append(contentsOf: Builder.check(plan.map { ($0.path, $0.origin) }, index: index))
        clock.lap("check")
        guard !diagnostics.hasErrors else { return diagnostics }
        var files: [String: Renderer.PlannedFile] = [:]
        for file in plan { files[file.path] = file }
        let good = Snapshot(renderer: renderer, files: files)
        lock.withLock { snapshot = good }
        return diagnostics
    }

    /// Drops what no longer stands: cards when anything a card shows changed (the layouts, the
    /// words, the organizations' names), every parse when `site.yml` changed.
    private func dropStaleCaches(_ tree: SourceTree) {
        // Cards show an article with its organizations' names, in the theme and the site's words.
        let others = [tree.config] + tree.organizations + tree.layouts.values.sorted { $0.path < $1.path } + tree.strings.values.sorted { $0.path < $1.path }
        let context = others.compactMap { $0.map { "\($0.path) \($0.stamp ?? UUID().uuidString)" } }.joined(separator: "\n")
        if context != self.context {
            cards = [:]
            self.context = context
        }

        // site.yml decides how every file parses (time zone, statistics catalog): when it
        // changes, nothing parsed before stands. Layouts, i18n and organizations do not change
        // how an article parses; they only drop the cards (above).
        if tree.config?.stamp == nil || tree.config?.stamp != configStamp {
            organizationCache = [:]
            pageCache = [:]
            articles = [:]
            configStamp = tree.config?.stamp
        }
    }

    /// Organizations, pages and articles, each parsed again only when its file changed.
    private func parseAll(_ tree: inout SourceTree, _ parser: ContentParser, _ diagnostics: inout Diagnostics) -> ([Organization], [Page], [Article]) {
        var organizations: [Organization] = []
        for file in tree.organizations {
            let entry = Self.cached(file, &organizationCache, parser.parseOrganization)
            diagnostics.append(contentsOf: entry.diagnostics)
            if let org = entry.value { organizations.append(org) }
        }
        var pages: [Page] = []
        for file in tree.pages {
            let entry = Self.cached(file, &pageCache, parser.parsePage)
            diagnostics.append(contentsOf: entry.diagnostics)
            if let page = entry.value, drafts || !page.draft { pages.append(page) }
        }
        // Articles the loader skipped because they were parsed already, when that parse no
        // longer stands: read them now.
        for i in tree.articles.indices where tree.articles[i].file.reused && articles[tree.articles[i].file.path] == nil {
            let path = tree.articles[i].file.path
            do {
                tree.articles[i].file.data = try fileSystem.read(root + "/" + path)
                tree.articles[i].file.reused = false
            } catch {
                diagnostics.error(SourceLocation(path: path), "cannot read this file: \(error)")
            }
        }
        let fresh = tree.articles.filter { !$0.file.reused }
        lastParsedArticles = fresh.count
        // Kept for the next refresh, without the articles' bytes (they are parsed already).
        var listing = tree
        for i in listing.articles.indices where listing.articles[i].file.stamp != nil {
            listing.articles[i].file.data = Data()
            listing.articles[i].file.reused = true
        }
        lastTree = listing
        for (source, (article, d)) in zip(fresh, Parallel.map(fresh, jobs: jobs, parser.parseArticle)) {
            articles[source.file.path] = ParsedArticle(stamp: source.file.stamp ?? "", article: article, diagnostics: d)
        }
        let present = Set(tree.articles.map(\.file.path))
        articles = articles.filter { present.contains($0.key) }
        var parsed: [Article] = []
        for source in tree.articles {
            guard let entry = articles[source.file.path] else { continue }
            diagnostics.append(contentsOf: entry.diagnostics)
            // The bundle's other files are listed anew: a photo added beside an unchanged index.md counts.
            if var article = entry.article, drafts || !article.draft {
                article.bundleAssets = source.bundleAssets
                parsed.append(article)
            }
        }

        return (organizations, pages, parsed)
    }

    /// The renderer, with the cards of articles whose version changed rendered again.
    private func renderer(_ index: SiteIndex, _ templates: TemplateSet) -> Renderer {
        let cardMaker = Renderer(index: index, templates: templates, cards: [])
        let missing = index.articles.indices.filter { i in
            let a = index.articles[i]
            return cards[a.path]?.stamp != articles[a.path]?.stamp || articles[a.path]?.stamp.isEmpty != false
        }
        let rendered = Parallel.map(missing, jobs: jobs, cardMaker.renderCard)
        for (i, html) in zip(missing, rendered) {
            let a = index.articles[i]
            cards[a.path] = (articles[a.path]?.stamp ?? "", html)
        }
        return Renderer(index: index, templates: templates, cards: index.articles.map { cards[$0.path]!.html })

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
