import Foundation

extension BuildRun {
    struct Parsed {
        var organizations: [Organization] = []
        var articles: [Article] = []
        var pages: [Page] = []
        /// Organizations whose files have errors of their own.
        var rejected: Set<String> = []
        /// This build's records file being written (when the build keeps state), put in place
        /// once the output is, and the words file they point into.
        var records: StateFileWriter?
        var words: WordsFile?
        /// The records of the articles parsed now (not taken from the state), when kept in
        /// memory (`BuildRun.keepsRecords`: the preview).
        var made: [ArticleRecord] = []
    }

    /// Organizations, then articles and pages, on `options.jobs` threads.
    mutating func parse(_ tree: SourceTree, _ config: SiteConfig) -> Parsed {
        var tree = tree
        var parsed = Parsed()
        var parser = ContentParser(config: config)
        // Bodies past the budget are read and rendered again page by page (`ArticleBodies`).
        parser.bodyBudget = BodyBudget(bytes: options.bodyBudget)
        parser.organizationIDs = tree.organizations.map { OrganizationReference.id(ofFile: $0.path) }.sorted()
        parser.sourcePaths = Set(tree.articles.map(\.file.path) + tree.pages.map(\.path))
        for (org, d) in Parallel.map(tree.organizations, jobs: options.jobs, parser.parseOrganization) {
            diagnostics.append(contentsOf: d)
            if let org { parsed.organizations.append(org) }
        }
        if let keys, options.write, let words = state?.words ?? WordsFile.fresh(root: root) {
            parsed.words = words
            parsed.records = StateFileWriter(name: EngineState.recordsFile, root: root,
                                             context: EngineState.recordsContext(parse: keys.parse, words: words))
        }
        (parsed.articles, parsed.made) = parseArticles(&tree, parser, records: parsed.records, words: parsed.words)
        for (page, d) in Parallel.map(tree.pages, jobs: options.jobs, parser.parsePage) {
            diagnostics.append(contentsOf: d)
            if let page, options.drafts || !page.draft { parsed.pages.append(page) }
        }
        parsed.rejected = Set(parser.organizationIDs ?? []).subtracting(parsed.organizations.map(\.id))
        return parsed
    }

    /// The articles, in the tree's order. One whose record stands (the loader did not read it)
    /// comes from the record; the others are read and parsed, each file's text let go of as it
    /// is parsed, so the site's text is never all in memory beside what was made of it. With
    /// `records`, every article's record goes to the next build's file.
    private mutating func parseArticles(_ tree: inout SourceTree, _ parser: ContentParser, records: StateFileWriter?, words: WordsFile?) -> ([Article], [ArticleRecord]) {
        let sources = tree.articles
        tree.articles = []
        // An article that could not be made is parsed again whatever: what it was checked against
        // (the site's other files, for its links) may have changed since.
        let kept: [ArticleRecord?] = sources.map { $0.file.reused ? state?.records[$0.file.path].flatMap { $0.article == nil ? nil : $0 } : nil }
        let fresh = sources.indices.filter { kept[$0] == nil }
        let progress = options.progress
        progress?.start("reading articles", total: fresh.count)
        let handoff = Handoff(fresh.map { i -> ArticleSource in
            var source = sources[i]
            // Listed without reading, and with no record after all: read now.
            if source.file.reused { (source.file.reused, source.file.deferred) = (false, true) }
            return source
        })
        let (loader, root) = (SourceLoader(fileSystem: builder.fileSystem), root)
        let outcomes = Parallel.map(Array(fresh.indices), jobs: options.jobs) { k -> (ArticleRecord?, Diagnostics) in
            defer { progress?.advance() }
            var unread = Diagnostics()
            guard let source = loader.read(handoff.take(k), root: root, &unread) else { return (nil, unread) }
            var (article, d) = parser.parseArticle(source)
            if let records, let words {
                // The words search needs, kept for the next build: made once, for this build's search too.
                if let a = article, a.bodyWords == nil { article?.bodyWords = SearchWords.of(html: a.bodyHTML) }
                let digest = article?.sourceDigest ?? source.file.data.withUnsafeBytes(Digest.bytes)
                var record = ArticleRecord(path: source.file.path, digest: digest, article: article, diagnostics: d.items)
                if let place = words.append(article?.bodyWords ?? "") { record.words = place } else { records.fail() }
                records.appendRecord(record.encoded())
            }
            let digest = article?.sourceDigest ?? source.file.data.withUnsafeBytes(Digest.bytes)
            return (ArticleRecord(path: source.file.path, digest: digest, article: article, diagnostics: d.items), unread)
        }
        var made = kept
        var fresher: [ArticleRecord] = []
        for (i, (record, unread)) in zip(fresh, outcomes) {
            // A file that cannot be read is the site's problem, as the loader tells it; it has no article.
            diagnostics.append(contentsOf: unread)
            made[i] = record
            if keepsRecords, let record { fresher.append(record) }
        }
        var articles: [Article] = []
        for (source, record) in zip(sources, made) {
            guard let record else { continue }
            if source.file.reused, let records, let bytes = state?.bytes(of: record.path) { records.appendRecord(bytes) }
            articleDiagnostics[record.path] = Diagnostics(record.diagnostics)
            guard var article = record.article, options.drafts || !article.draft else { continue }
            if source.file.reused {
                // The bundle's files are listed anew: a photo added beside an unchanged index.md counts.
                // (Set only when they differ: setting copies the article the stored record shares.)
                if article.bundleAssets != source.bundleAssets { article.bundleAssets = source.bundleAssets }
                if article.bundleDirectory != source.bundleDirectory { article.bundleDirectory = source.bundleDirectory }
            }
            articles.append(article)
        }
        return (articles, fresher)
    }
}
