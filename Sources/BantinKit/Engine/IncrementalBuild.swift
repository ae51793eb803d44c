import Foundation

/// A rebuild after edits to the bodies of articles only, in a fraction of a full build: the
/// typo fixed, the paragraph added. When an article's front-matter and summary are as they
/// were (`BuildCache.signature`), nothing of it shows beyond its own page, its line of the
/// search index and its entries in the feeds; every other file of the output is already what
/// a full build would write. So only the changed articles are read and parsed, with the
/// organizations and pages their pages name, and only those files are rewritten, each
/// atomically in place; the warnings of the other articles come from the cache.
///
/// Anything else (a front-matter edit, a new or removed file, a changed layout, an error)
/// returns the reason instead, and the caller builds the whole site. Tests compare the two outputs byte for byte.
struct IncrementalBuild {
    let fileSystem: any FileSystem
    let root: String
    let output: String
    let options: BuildOptions
    let cache: BuildCache

    func run(changed: Set<String>, fingerprint: BuildFingerprint, clock: inout StageClock) -> Result<BuildResult, FullBuildReason> {
        if let unknown = changed.sorted().first(where: { cache.signatures[$0] == nil }) { return .failure(.notInCache(unknown)) }
        let parsed: Parsed
        switch parse(changed) {
        case .success(let done): parsed = done
        case .failure(let why): return .failure(why)
        }
        var fresh = parsed.fresh
        clock.lap("load+parse")

        // Index just these: an article's page depends on the article, the organizations and
        // the pages (navigation), not on the other articles.
        var indexProblems = Diagnostics()
        let index = Indexer.index(config: parsed.config, organizations: parsed.organizations, articles: parsed.articles,
                                  pages: parsed.pages, diagnostics: &indexProblems)
        guard !indexProblems.hasErrors, index.articles.count == parsed.articles.count else { return .failure(.indexProblems) }
        let files: [(path: String, data: Data)]
        switch renderAndPatch(index, Renderer(index: index, templates: parsed.templates), &fresh) {
        case .success(let rendered): files = rendered
        case .failure(let why): return .failure(why)
        }
        clock.lap("render")

        // Report what a full build would: the cached warnings of the articles not read again.
        var next = cache
        for (path, d) in fresh { next.articleDiagnostics[path] = d.items.isEmpty ? nil : d.items }
        let diagnostics = next.diagnostics.promotingWarnings(options.strict)
        guard !diagnostics.hasErrors else { return .failure(.sourceErrors(diagnostics.sorted.first { $0.severity == .error }?.location.path ?? "")) }
        if let missing = files.first(where: { !fileSystem.exists(output + "/" + $0.path) }) { return .failure(.outputUnpatchable(missing.path)) }
        let result = write(files, diagnostics: diagnostics, next: next, fingerprint: fingerprint)
        clock.lap("write")
        return .success(result)
    }

    /// What `run` reads and parses: everything a changed article's page shows, and nothing else.
    struct Parsed {
        var config: SiteConfig
        var templates: TemplateSet
        var organizations: [Organization] = []
        var pages: [Page] = []
        var articles: [Article] = []
        /// What each changed article reports.
        var fresh: [String: Diagnostics] = [:]
    }

    private func parse(_ changed: Set<String>) -> Result<Parsed, FullBuildReason> {
        var scratch = Diagnostics()
        let tree = SourceLoader(fileSystem: fileSystem).load(root: root, diagnostics: &scratch, reading: changed)
        let config = Builder.readConfig(tree, &scratch)
        let templates = Builder.readTemplates(tree, &scratch)
        guard let config, !scratch.hasErrors else { return .failure(.sourceErrors(scratch.sorted.first?.location.path ?? "site.yml")) }
        var parsed = Parsed(config: config, templates: templates)
        let parser = ContentParser(config: config)
        for (org, d) in Parallel.map(tree.organizations, jobs: options.jobs, parser.parseOrganization) {
            guard let org, !d.hasErrors else { return .failure(.sourceErrors(d.sorted.first?.location.path ?? "an organization")) }
            parsed.organizations.append(org)
        }
        for (page, d) in Parallel.map(tree.pages, jobs: options.jobs, parser.parsePage) {
            guard let page, !d.hasErrors else { return .failure(.sourceErrors(d.sorted.first?.location.path ?? "a page")) }
            if options.drafts || !page.draft { parsed.pages.append(page) }
        }
        for source in tree.articles where !source.file.reused {
            let (article, d) = parser.parseArticle(source)
            guard let article, !d.hasErrors else { return .failure(.sourceErrors(source.file.path)) }
            guard cache.signatures[article.path] == BuildCache.signature(of: article) else { return .failure(.showsElsewhere(article.path)) }
            parsed.fresh[article.path] = d
            if options.drafts || !article.draft { parsed.articles.append(article) }
        }
        guard Set(parsed.fresh.keys) == changed else { return .failure(.filesAddedOrRemoved) }
        return .success(parsed)
    }

    /// The changed articles' pages, with the search index and the feeds patched in place.
    private func renderAndPatch(_ index: SiteIndex, _ renderer: Renderer, _ fresh: inout [String: Diagnostics]) -> Result<[(path: String, data: Data)], FullBuildReason> {
        let routes = renderer.routes
        var files: [(path: String, data: Data)] = []
        let searchPath = String(routes.searchIndex.dropFirst())
        guard var search = try? Data(contentsOf: URL(fileURLWithPath: output + "/" + searchPath)) else { return .failure(.outputUnpatchable(searchPath)) }
        var feeds: [String: Data] = [:]
        let links = LinkChecker(routes: routes, has: { fileSystem.exists(output + "/" + $0) }, sources: SourceLinks(index: index, routes: routes))
        for i in index.articles.indices {
            let article = index.articles[i]
            let page = routes.article(article)
            for file in renderer.render(.article(i)) {
                guard case .bytes(let data) = file.content else { return .failure(.outputUnpatchable(file.path)) }
                files.append((file.path, data))
            }
            // The renderer's index: its bodies link to addresses, not to .md files.
            let line = SearchIndex.line(SearchIndex(index: renderer.index, routes: routes, strings: renderer.strings).article(i))
            guard let patched = RecordPatch.searchIndex(search, url: routes.link(page), line: line) else { return .failure(.outputUnpatchable(searchPath)) }
            search = patched
            let feedPaths = [routes.feed] + article.organizationIDs.map(routes.organizationFeed)
            let entry = FeedWriter(index: renderer.index, routes: routes).entry(i)
            for feedPath in feedPaths.map({ String($0.dropFirst()) }) {
                guard let xml = feeds[feedPath] ?? (try? Data(contentsOf: URL(fileURLWithPath: output + "/" + feedPath))),
                      let patched = RecordPatch.feed(xml, id: routes.absolute(page), entry: entry) else { return .failure(.outputUnpatchable(feedPath)) }
                feeds[feedPath] = patched
            }
            fresh[article.path, default: Diagnostics()].append(contentsOf: links.check(article.links, from: page, source: article.path))
        }
        files.append((searchPath, search))
        files += feeds.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return .success(files)
    }

    /// Every changed file beside its old one first, so a failed write changes nothing; then each
    /// renamed over the old. Until the new fingerprint is stored, an interrupted run leaves the
    /// next build a full one.
    private func write(_ files: [(path: String, data: Data)], diagnostics: Diagnostics, next: BuildCache, fingerprint: BuildFingerprint) -> BuildResult {
        BuildFingerprint.clear(root: root)
        var staged: [(path: String, temporary: String)] = []
        func failed(_ path: String, _ error: any Error) -> BuildResult {
            for file in staged { unlink(file.temporary) }
            var failed = diagnostics
            failed.error(SourceLocation(path: options.output ?? "public"), "cannot write the site: \(path): \(error)")
            return BuildResult(diagnostics: failed, files: [], outputPath: output)
        }
        for file in files {
            do {
                if let temporary = try FileWriter.stageReplacement(of: output + "/" + file.path, with: file.data) {
                    staged.append((file.path, temporary))
                }
            } catch {
                return failed(file.path, error)
            }
        }
        var listing = fingerprint.output?.listing ?? 0
        for (i, file) in staged.enumerated() {
            var before = stat(), after = stat()
            let target = output + "/" + file.path
            do {
                guard stat(target, &before) == 0 else { throw POSIXError(.ENOENT) }
                try FileWriter.replace(target, with: file.temporary)
                guard stat(target, &after) == 0 else { throw POSIXError(.ENOENT) }
            } catch {
                staged.removeFirst(i + 1)  // renamed already, or removed by `replace`
                return failed(file.path, error)
            }
            listing = listing &- StagedOutput.listingLine(file.path, before) &+ StagedOutput.listingLine(file.path, after)
        }
        let updated = staged.map(\.path)
        if next != cache { next.store(root: root) }
        if let folderStamp = BuildFingerprint.folderStamp(output) {
            var done = fingerprint
            done.output = BuildFingerprint.OutputState(stamp: folderStamp, listing: listing)
            done.store(root: root)
        }
        var result = BuildResult(diagnostics: diagnostics, files: [], outputPath: output)
        result.updatedInPlace = updated
        return result
    }
}
