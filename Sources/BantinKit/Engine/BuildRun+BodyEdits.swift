import Foundation

/// The engine's shortest path: when the only change since the last build is to articles'
/// bodies (their front-matter and summary as they were, no file added or removed, nothing else
/// edited), nothing any list, archive or figure shows has changed, so every unit keeps its key
/// but the articles' pages, the feeds that show them and the search index. Those are made from
/// a small index of just the articles they need (the edited ones, those their links lead to,
/// the feeds' others) with the same renderer and the same keys (`UnitInputs`) as a whole
/// build, and the search index's lines are replaced in place. Anything else returns nil and the
/// build takes the whole way; the model-based test compares both with clean builds.
extension BuildRun {
    /// Why a build with state does not take the shortest way, told with the timings.
    enum LongerWay: String, Error {
        case notOnlyArticles = "a file that is not an article changed, or one was added or removed"
        case tooMany = "more than 64 articles changed"
        case frontMatter = "an article's front-matter changed"
        case sourceProblems = "the site's configuration, layouts or photos have problems"
        case parse = "an edited article has errors, is a draft, or its first paragraph changed"
        case outputNotAsRecorded = "the output or its record is not as the last build left it"
        case linkErrors = "an edited article links to a page the site does not have"
        case changedMeanwhile = "a file changed while the site was being built"
    }

    mutating func rebuildForBodyEdits() -> BuildResult? {
        guard let state, let fingerprint, let previous = previousFingerprint, keys != nil else { return nil }
        switch bodyEdits(state, fingerprint, previous) {
        case .success(let done): return done
        case .failure(let why):
            clock.note("only bodies changed? no: \(why.rawValue)")
            return nil
        }
    }

    private mutating func bodyEdits(_ state: EngineState, _ fingerprint: BuildFingerprint, _ previous: BuildFingerprint) -> Result<BuildResult, LongerWay> {
        guard fingerprint.files.count == previous.files.count else { return .failure(.notOnlyArticles) }
        var changed: [String] = []
        for (path, version) in fingerprint.files where previous.files[path]?.digest != version.digest {
            guard previous.files[path] != nil, SourceKind.of(path) == .article, state.recordRanges[path] != nil else { return .failure(.notOnlyArticles) }
            changed.append(path)
        }
        guard !changed.isEmpty else { return .failure(.notOnlyArticles) }
        guard changed.count <= 64 else { return .failure(.tooMany) }
        changed.sort()
        // A front-matter edit shows beyond the page: told before anything else is read.
        for path in changed {
            guard let data = try? builder.fileSystem.read(root + "/" + path), let was = state.record(path)?.article,
                  case .success(let text) = FrontMatter.text(of: SourceFile(path: path, data: data)),
                  case .success(let document) = FrontMatter.split(text, path: path),
                  Digest.fnv1a(document.yaml) == was.frontMatterDigest else { return .failure(.frontMatter) }
        }
        // Only bodies changed: the records decoded in the background are not needed (should
        // this way fail after all, the longer way decodes them itself).
        self.state?.stopDecoding()
        var scratch = Diagnostics()
        let tree = SourceLoader(fileSystem: builder.fileSystem).load(root: root, diagnostics: &scratch, reading: Set(changed), listed: fingerprint.listing)
        guard !scratch.hasErrors, let config = Builder.readConfig(tree, &scratch), !scratch.hasErrors else { return .failure(.sourceProblems) }
        var templates = Builder.readTemplates(tree, &scratch)
        templates.oracle = builder.oracle
        guard !scratch.hasErrors else { return .failure(.sourceProblems) }
        guard let edited = parseEdited(changed, tree, config) else { return .failure(.parse) }
        clock.lap("edits")
        return renderEdits(edited, tree: tree, config: config, templates: templates)
    }

    /// The edited articles parsed, when each parses without errors and shows beyond its page
    /// what it showed (its front-matter and summary); nil otherwise.
    private func parseEdited(_ changed: [String], _ tree: SourceTree, _ config: SiteConfig) -> [(article: Article, record: ArticleRecord)]? {
        guard let state else { return nil }
        var parser = ContentParser(config: config)
        parser.organizationIDs = tree.organizations.map { OrganizationReference.id(ofFile: $0.path) }.sorted()
        var edited: [(Article, ArticleRecord)] = []
        for path in changed {
            guard let source = tree.articles.first(where: { $0.file.path == path }), !source.file.reused,
                  let old = state.record(path), let was = old.article else { return nil }
            var (parsed, d) = parser.parseArticle(source)
            guard var article = parsed, !d.hasErrors, article.frontMatterDigest == was.frontMatterDigest, article.summary == was.summary,
                  options.drafts || !article.draft else { return nil }
            article.bodyWords = SearchWords.of(html: article.bodyHTML)
            parsed = article
            edited.append((article, ArticleRecord(path: path, digest: article.sourceDigest, article: article, diagnostics: d.items)))
        }
        return edited
    }

    /// The small index: the edited articles, the articles their links lead to, and the others
    /// of the feeds that show them (so each feed's first twenty are its first twenty).
    private func smallIndex(_ edited: [(article: Article, record: ArticleRecord)], _ tree: SourceTree, _ config: SiteConfig,
                            feeds: [String]) -> SiteIndex? {
        guard let state else { return nil }
        // The edited articles and the feeds' others, then every article one of them links to.
        var articles = edited.map(\.article)
        var shown = Set(articles.map(\.path))
        let bundles = Dictionary(tree.articles.map { ($0.file.path, $0) }, uniquingKeysWith: { a, _ in a })
        func add(_ path: String) -> Bool {
            guard shown.insert(path).inserted else { return true }
            guard var article = state.record(path)?.article, let source = bundles[path] else { return false }
            article.bundleAssets = source.bundleAssets
            article.bundleDirectory = source.bundleDirectory
            if options.drafts || !article.draft { articles.append(article) }
            return true
        }
        for feed in feeds { for path in state.outputs.feeds[feed] ?? [] { guard add(path) else { return nil } } }
        for article in articles {
            for link in article.links where SourceLinks.isSource(link.value) {
                for candidate in SourceLinks.candidates(of: link.value, from: article.path) where state.recordRanges[candidate] != nil {
                    guard add(candidate) else { return nil }
                }
            }
        }
        let parser = ContentParser(config: config)
        var organizations: [Organization] = [], pages: [Page] = [], scratch = Diagnostics()
        for file in tree.organizations { if let org = parser.parseOrganization(file).0 { organizations.append(org) } }
        for file in tree.pages { if let page = parser.parsePage(file).0, options.drafts || !page.draft { pages.append(page) } }
        return Indexer.index(config: config, organizations: organizations, articles: articles, pages: pages, diagnostics: &scratch)
    }

    /// Renders the edited articles' pages and the feeds that show them, patches the search
    /// index's lines, and writes them in place; nil when anything is not as the last build left it.
    private mutating func renderEdits(_ edited: [(article: Article, record: ArticleRecord)], tree: SourceTree, config: SiteConfig,
                                      templates: TemplateSet) -> Result<BuildResult, LongerWay> {
        guard let state else { return .failure(.outputNotAsRecorded) }
        let outputs = state.outputs
        let editedPaths = Set(edited.map(\.article.path))
        let feeds = outputs.feeds.filter { !editedPaths.isDisjoint(with: $0.value) }.map(\.key).sorted()
        guard let index = smallIndex(edited, tree, config, feeds: feeds) else { return .failure(.outputNotAsRecorded) }
        var photoProblems = Diagnostics()
        swap(&photoProblems, &diagnostics)
        let (photos, _) = processPhotos(index)
        swap(&photoProblems, &diagnostics)
        guard !photoProblems.hasErrors else { return .failure(.sourceProblems) }
        let renderer = Renderer(index: index, templates: templates, bodies: bodyReader(config), photos: photos)
        let small = renderer.articleKeys()
        let site = siteKey(index)
        guard site == outputs.site else { return .failure(.notOnlyArticles) }
        var record = outputs
        var chosen: [Int] = []
        for (i, unit) in renderer.units.enumerated() {
            let id = renderer.id(of: unit)
            switch unit {
            case .article(let k) where editedPaths.contains(index.articles[k].path): break
            case .siteFeed, .organizationFeed: guard feeds.contains(id) else { continue }
            default: continue
            }
            let files = renderer.work(unit).files
            guard outputs.units[id]?.files == files else { return .failure(.outputNotAsRecorded) }
            record.units[id] = .init(key: renderer.inputKey(unit, files: files, keys: small, site: site), files: files)
            chosen.append(i)
        }
        guard chosen.count == edited.count + feeds.count, let search = patchSearch(renderer, small, &record, site: site, edited: editedPaths) else {
            return .failure(.outputNotAsRecorded)
        }
        guard checkEditedLinks(edited, renderer, &record) else { return .failure(.linkErrors) }
        clock.note("rendering \(chosen.count) units and the search index: only bodies changed")
        clock.lap("keys")
        let patch = OutputPatch(output: output)
        if let failure = renderer.render(units: chosen, extras: [search], jobs: options.jobs, progress: options.progress, into: patch.put) {
            patch.abandon()
            diagnostics.error(SourceLocation(path: options.output ?? "public"), "cannot write the site: \(failure)")
            return .success(result())
        }
        guard renderer.views.bodies.changedDuringBuild.isEmpty else {
            patch.abandon()
            return .failure(.changedMeanwhile)
        }
        return .success(commitEdits(patch, edited, record))
    }

    /// The search index as written, with the edited articles' lines made again; the record's
    /// keys for them and for the search unit updated. Nil when the index is not as recorded.
    private func patchSearch(_ renderer: Renderer, _ small: ArticleKeys, _ record: inout OutputRecord, site: UInt64, edited: Set<String>) -> OutputFile? {
        let path = String(renderer.routes.searchIndex.dropFirst())
        guard let searchUnit = renderer.units.first(where: { if case .search = $0 { true } else { false } }),
              let patch = SearchIndexPatch(path: output + "/" + path, count: record.order.count) else { return nil }
        let search = SearchIndex(index: renderer.index, routes: renderer.routes, strings: renderer.strings)
        var lines: [Int: String] = [:]
        for (k, article) in renderer.index.articles.enumerated() where edited.contains(article.path) {
            guard let position = record.order.firstIndex(of: article.path) else { return nil }
            record.whole[position] = small.whole[k]
            var key = KeyHasher()
            key.add(small.whole[k])
            key.add(site)
            record.searchKeys[position] = key.value
            lines[position] = SearchIndex.line(search.article(k))
        }
        let others = search.others()
        var keys = small
        var all = KeyHasher()
        for whole in record.whole { all.add(whole) }
        keys.allWhole = all.value
        let id = renderer.id(of: searchUnit), files = renderer.work(searchUnit).files
        guard record.units[id]?.files == files else { return nil }
        record.units[id] = .init(key: renderer.inputKey(searchUnit, files: files, keys: keys, site: site), files: files)
        // Written a chunk at a time, beside the file it replaces (at 100,000 articles each is 170 MB).
        let replaced = lines
        return OutputFile(path: path, origin: SourceLocation(path: SiteConfigLoader.fileName)) { sink in
            try patch.write(replacing: replaced, others: others, to: sink)
        }
    }

    /// Each edited article's problems (its parse and its links) in place of its old ones;
    /// false when any is an error (the whole way reports it).
    private mutating func checkEditedLinks(_ edited: [(article: Article, record: ArticleRecord)], _ renderer: Renderer, _ record: inout OutputRecord) -> Bool {
        let links = Dictionary(Builder.linkProblems(renderer.index, paths: record.allFiles, sources: renderer.views.bodies.links).articles,
                               uniquingKeysWith: { a, _ in a })
        for (article, parsed) in edited {
            var d = Diagnostics(parsed.diagnostics)
            d.append(contentsOf: links[article.path] ?? Diagnostics())
            guard !d.hasErrors else { return false }
            record.articleDiagnostics[article.path] = d.items.isEmpty ? nil : d.items
        }
        diagnostics = Diagnostics(record.siteDiagnostics)
        articleDiagnostics = record.articleDiagnostics.mapValues { Diagnostics($0) }
        return true
    }

    /// The patch put in place, then the state: the records (the edited ones new, their words
    /// appended), the output's record and the fingerprint.
    private mutating func commitEdits(_ patch: OutputPatch, _ edited: [(article: Article, record: ArticleRecord)], _ record: OutputRecord) -> BuildResult {
        guard let state, let words = state.words, let keys else { return result() }
        let changed = patch.changed
        do {
            let sum = try commit(patch, removing: [])
            clock.lap("render+write")
            let records = StateFileWriter(name: EngineState.recordsFile, root: root, context: EngineState.recordsContext(parse: keys.parse, words: words))
            let fresh = Dictionary(uniqueKeysWithValues: edited.map { ($0.article.path, $0.record) })
            for path in state.recordRanges.keys.sorted() {
                if var new = fresh[path] {
                    guard let place = words.append(new.article?.bodyWords ?? "") else { records?.fail(); break }
                    new.words = place
                    records?.appendRecord(new.encoded())
                } else if let bytes = state.bytes(of: path) {
                    records?.appendRecord(bytes)
                }
            }
            finish(records, words, record)
            storeFingerprint(listing: sum)
            clock.lap("cache")
        } catch {
            diagnostics.error(SourceLocation(path: options.output ?? "public"), "cannot write the site: \(error)")
            return result()
        }
        var done = result()
        done.updatedInPlace = changed.sorted()
        done.onlyBodies = true
        return done
    }
}
