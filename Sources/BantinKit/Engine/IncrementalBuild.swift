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

        // Load and parse: everything a changed article's page shows, and nothing else.
        var scratch = Diagnostics()
        let tree = SourceLoader(fileSystem: fileSystem).load(root: root, diagnostics: &scratch, reading: changed)
        let config = Builder.readConfig(tree, &scratch)
        let templates = Builder.readTemplates(tree, &scratch)
        guard let config, !scratch.hasErrors else { return .failure(.sourceErrors(scratch.sorted.first?.location.path ?? "site.yml")) }
        let parser = ContentParser(config: config)
        var organizations: [Organization] = []
        for (org, d) in Parallel.map(tree.organizations, jobs: options.jobs, parser.parseOrganization) {
            guard let org, !d.hasErrors else { return .failure(.sourceErrors(d.sorted.first?.location.path ?? "an organization")) }
            organizations.append(org)
        }
        var pages: [Page] = []
        for (page, d) in Parallel.map(tree.pages, jobs: options.jobs, parser.parsePage) {
            guard let page, !d.hasErrors else { return .failure(.sourceErrors(d.sorted.first?.location.path ?? "a page")) }
            if options.drafts || !page.draft { pages.append(page) }
        }
        var articles: [Article] = []
        var fresh: [String: Diagnostics] = [:]
        for source in tree.articles where !source.file.reused {
            let (article, d) = parser.parseArticle(source)
            guard let article, !d.hasErrors else { return .failure(.sourceErrors(source.file.path)) }
            guard cache.signatures[article.path] == BuildCache.signature(of: article) else { return .failure(.showsElsewhere(article.path)) }
            fresh[article.path] = d
            if options.drafts || !article.draft { articles.append(article) }
        }
        guard Set(fresh.keys) == changed else { return .failure(.filesAddedOrRemoved) }
        clock.lap("load+parse")

        // Index just these: an article's page depends on the article, the organizations and
        // the pages (navigation), not on the other articles.
        var indexProblems = Diagnostics()
        let index = Indexer.index(config: config, organizations: organizations, articles: articles, pages: pages, diagnostics: &indexProblems)
        guard !indexProblems.hasErrors, index.articles.count == articles.count else { return .failure(.indexProblems) }
        let renderer = Renderer(index: index, templates: templates)
        let routes = renderer.routes

        // Render the pages; patch the search index and the feeds.
        var files: [(path: String, data: Data)] = []
        let searchPath = String(routes.searchIndex.dropFirst())
        guard var search = try? Data(contentsOf: URL(fileURLWithPath: output + "/" + searchPath)) else { return .failure(.outputUnpatchable(searchPath)) }
        var feeds: [String: Data] = [:]
        let links = LinkChecker(routes: routes, has: { fileSystem.exists(output + "/" + $0) })
        for i in index.articles.indices {
            let article = index.articles[i]
            let page = routes.article(article)
            for file in renderer.render(.article(i)) {
                guard case .bytes(let data) = file.content else { return .failure(.outputUnpatchable(file.path)) }
                files.append((file.path, data))
            }
            let line = SearchIndex.line(SearchIndex(index: index, routes: routes, strings: renderer.strings).article(i))
            guard let patched = RecordPatch.searchIndex(search, url: routes.link(page), line: line) else { return .failure(.outputUnpatchable(searchPath)) }
            search = patched
            let feedPaths = [routes.feed] + article.organizationIDs.map(routes.organizationFeed)
            let entry = FeedWriter(index: index, routes: routes).entry(i)
            for feedPath in feedPaths.map({ String($0.dropFirst()) }) {
                guard let xml = feeds[feedPath] ?? (try? Data(contentsOf: URL(fileURLWithPath: output + "/" + feedPath))),
                      let patched = RecordPatch.feed(xml, id: routes.absolute(page), entry: entry) else { return .failure(.outputUnpatchable(feedPath)) }
                feeds[feedPath] = patched
            }
            fresh[article.path, default: Diagnostics()].append(contentsOf: links.check(article.links, from: page))
        }
        files.append((searchPath, search))
        clock.lap("render")
        files += feeds.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }

        // Report what a full build would: the cached warnings of the articles not read again.
        var next = cache
        for (path, d) in fresh { next.articleDiagnostics[path] = d.items.isEmpty ? nil : d.items }
        let diagnostics = next.diagnostics.promotingWarnings(options.strict)
        guard !diagnostics.hasErrors else { return .failure(.sourceErrors(diagnostics.sorted.first { $0.severity == .error }?.location.path ?? "")) }
        if let missing = files.first(where: { !fileSystem.exists(output + "/" + $0.path) }) { return .failure(.outputUnpatchable(missing.path)) }

        // Write: every changed file beside its old one first, so a failed write changes nothing;
        // then each renamed over the old. Until the new fingerprint is stored, an interrupted
        // run leaves the next build a full one.
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
                return .success(failed(file.path, error))
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
                return .success(failed(file.path, error))
            }
            listing = listing &- BuildFingerprint.listingLine(file.path, before) &+ BuildFingerprint.listingLine(file.path, after)
        }
        let updated = staged.map(\.path)
        if next != cache { next.store(root: root) }
        if let folderStamp = BuildFingerprint.folderStamp(output) {
            var done = fingerprint
            done.output = BuildFingerprint.OutputState(stamp: folderStamp, listing: listing)
            done.store(root: root)
        }
        clock.lap("write")
        var result = BuildResult(diagnostics: diagnostics, files: [], outputPath: output)
        result.updatedInPlace = updated
        return .success(result)
    }
}
