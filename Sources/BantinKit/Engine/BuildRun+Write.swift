import Foundation
import Synchronization

extension BuildRun {
    /// What this build renders and writes: every unit and file when it starts from nothing;
    /// else those whose keys changed, and the files no longer made, removed.
    struct Work {
        var units: [Int]
        /// Pages of those units that stand as written (`Renderer.pageKeys`).
        var skipped: [String] = []
        var extras: [OutputFile]
        var removed: [String]
        /// The output as this build leaves it, for the next.
        var record: OutputRecord
    }

    /// The site ready to render, what a build writes and the preview serves: the renderer
    /// (with the cards whose keys stand taken from the state), every file of the site, checked.
    struct Prepared {
        var renderer: Renderer
        var plan: [Renderer.PlannedFile]
        var siteKey: UInt64
        var cardKeys: [UInt64]
        /// Whether every card came from the state.
        var cardsStand: Bool
    }

    /// The plan names every file before any is rendered, so the checks that need the whole site
    /// (URL collisions, links) run here, first.
    mutating func prepare(_ index: SiteIndex, _ templates: TemplateSet, _ staticFiles: [AssetFile], search: PreparedSearchIndex?,
                          skips: PageSkips?) -> Prepared {
        let siteKey = siteKey(index)
        let cardKeys = index.articles.map { Self.cardKey($0, site: siteKey, templates: templates) }
        let known = state.map { state in index.articles.indices.map { i in state.cards[index.articles[i].path].flatMap { $0.key == cardKeys[i] ? $0.html : nil } } }
        let renderer = Renderer(index: index, templates: templates, cards: nil, known: known, jobs: options.jobs,
                                preparedSearchIndex: search, bodies: bodyReader(index.config), photos: photos, skips: skips)
        clock.lap("cards")
        let plan = renderer.plan(staticFiles: staticFiles)
        clock.lap("plan only")
        check(plan, index, routes: renderer.routes, links: renderer.views.bodies.links)
        clock.lap("plan")
        let cardsStand = known.map { known in !known.contains(nil) && known.count == state?.cards.count } ?? false
        return Prepared(renderer: renderer, plan: plan, siteKey: siteKey, cardKeys: cardKeys, cardsStand: cardsStand)
    }

    /// Then the units to render go to the writer, a page at a time. Once the output is written,
    /// the state is stored for the next build.
    mutating func renderAndWrite(_ index: SiteIndex, _ templates: TemplateSet, _ staticFiles: [AssetFile], search: PreparedSearchIndex,
                                 records: StateFileWriter?, words: WordsFile?) -> BuildResult {
        let skips = PageSkips()
        let prepared = prepare(index, templates, staticFiles, search: search, skips: skips)
        let (renderer, plan, siteKey, cardKeys, cardsStand) = (prepared.renderer, prepared.plan, prepared.siteKey, prepared.cardKeys, prepared.cardsStand)
        let planned = result(plan)
        guard planned.succeeded else {
            records?.discard()
            if state == nil { words?.discard() }
            return planned
        }
        let work = work(renderer, plan, siteKey: siteKey)
        clock.lap("unit keys")
        skips.insert(work.skipped)
        if let previous = state?.outputs, let i = renderer.units.firstIndex(where: { if case .search = $0 { true } else { false } }),
           work.units.contains(i) {
            let (run, record) = (self, work.record)
            search.put { sink in try run.searchIndex(renderer, previous: previous, now: record, to: sink) }
        }
        clock.note("rendering \(work.units.count) of \(renderer.units.count) units (\(work.skipped.count) of their pages as they were), \(work.extras.count) other files; removing \(work.removed.count)")
        clock.lap("keys")
        // The cards file (written again only when a card is new) and the addresses are made on
        // another thread while the pages are rendered; put in place once the output is.
        let later = Mutex<(cards: StateFileWriter?, addresses: [String: String])>((nil, [:]))
        let background = DispatchGroup()
        if options.write {
            let (root, context, routes, cards, keeps) = (root, keys?.parse ?? 0, renderer.routes, renderer.cards, fingerprint != nil)
            DispatchQueue.global().async(group: background) {
                let staged = cardsStand || !keeps ? nil
                    : EngineState.stageCards(zip(index.articles, zip(cardKeys, cards)).map { ($0.path, $1.0, $1.1) }, root: root, context: context)
                let addresses = PublishedAddresses.current(index, routes: routes)
                later.withLock { $0 = (staged, addresses) }
            }
        }
        let listing = write(renderer, work, staticFiles: staticFiles)
        background.wait()
        let (cards, addresses) = later.withLock { $0 }
        guard let listing else {
            records?.discard()
            cards?.discard()
            if state == nil { words?.discard() }
            return result(plan)
        }
        clock.lap("render+write")
        var done = planned
        if state != nil { done.updatedInPlace = listing.changed }
        storeState(addresses, work: work, cards: cards, records: records, words: words, listing: listing.sum)
        clock.lap("cache")
        releaseInBackground((prepared, work))
        return done
    }

    /// The site's key with the organisations': their front-matter (names, levels, parents) shows
    /// on every page that names them; their descriptions only on their own pages (`UnitInputs`).
    func siteKey(_ index: SiteIndex) -> UInt64 {
        var key = KeyHasher()
        key.add(keys?.site ?? 0)
        for id in index.organizationIDs {
            key.add(id)
            key.add(index.organizations[id]?.frontMatterDigest ?? 0)
        }
        return key.value
    }

    /// A card shows the article's listed fields, in the site's words and the card's template.
    static func cardKey(_ article: Article, site: UInt64, templates: TemplateSet) -> UInt64 {
        var key = KeyHasher()
        key.add(Renderer.listedKey(article))
        key.add(site)
        key.add(templates.closures[TemplateSet.card] ?? 0)
        return key.value
    }

    /// The whole plan's checks: two sources on one URL, links, moved addresses (side by side).
    private mutating func check(_ plan: [Renderer.PlannedFile], _ index: SiteIndex, routes: Routes, links sources: SourceLinks) {
        let tellsMoves = options.tellsMovedAddresses
        let (files, links, moved) = Parallel.three(
            { Builder.checkFiles(plan.map { ($0.path, $0.origin) }) },
            { Builder.linkProblems(index, paths: Set(plan.map(\.path)), sources: sources, routes: routes) },
            { [root] in tellsMoves ? PublishedAddresses.moves(from: PublishedAddresses.read(root: root), in: index, routes: routes) : [] })
        diagnostics.append(contentsOf: files)
        for (path, d) in links.articles { articleDiagnostics[path, default: Diagnostics()].append(contentsOf: d) }
        diagnostics.append(contentsOf: links.pages)
        // Said once, by the build that moves the address: not kept with the stored warnings.
        for (_, move) in moved { moves.append(move) }
    }

    /// The units and files to write: those whose keys differ from the last build's.
    private func work(_ renderer: Renderer, _ plan: [Renderer.PlannedFile], siteKey: UInt64) -> Work {
        let units = renderer.units
        var files = [[String]](repeating: [], count: units.count)
        var extras: [OutputFile] = []
        for file in plan {
            switch file.source {
            case .unit(let i): files[i].append(file.path)
            case .file(let f): extras.append(f)
            }
        }
        let keys = renderer.articleKeys()
        let previous = state?.outputs
        // A unit whose key stands keeps its pages' keys; another's pages are keyed one by one,
        // and those whose keys stand are not rendered again.
        let unitRecords = Parallel.map(Array(units.indices), jobs: options.jobs) { i -> (String, OutputRecord.Unit, dirty: Bool, skipped: [String]) in
            let id = renderer.id(of: units[i])
            var unit = OutputRecord.Unit(key: renderer.inputKey(units[i], files: files[i], keys: keys, site: siteKey), files: files[i])
            let old = previous?.units[id]
            if let old, old.key == unit.key, old.files == unit.files {
                unit.pages = old.pages
                return (id, unit, false, [])
            }
            unit.pages = renderer.pageKeys(units[i], unitKey: unit.key, keys: keys, site: siteKey)
            let skipped = old.map { old in unit.pages.compactMap { file, key in old.pages[file] == key ? file : nil } } ?? []
            return (id, unit, true, skipped)
        }
        var record = OutputRecord()
        record.site = siteKey
        for (id, unit, _, _) in unitRecords { record.units[id] = unit }
        for file in extras { record.extras[file.path] = extraKey(file) }
        record.searchKeys = keys.whole.map { whole in
            var key = KeyHasher()
            key.add(whole)
            key.add(siteKey)
            return key.value
        }
        record.siteDiagnostics = diagnostics.items
        record.articleDiagnostics = articleDiagnostics.filter { !$0.value.items.isEmpty }.mapValues(\.items)
        let index = renderer.index
        (record.order, record.whole) = (index.articles.map(\.path), keys.whole)
        record.feeds[renderer.id(of: .siteFeed)] = index.articles.prefix(20).map(\.path)
        for id in index.organizationIDs {
            record.feeds[renderer.id(of: .organizationFeed(id))] = (index.byOrganization[id] ?? []).prefix(20).map { index.articles[$0].path }
        }
        guard let previous else {
            return Work(units: Array(units.indices), extras: extras, removed: [], record: record)
        }
        let changedUnits = units.indices.filter { unitRecords[$0].dirty }
        let changedExtras = extras.filter { previous.extras[$0.path] != record.extras[$0.path] }
        let removed = previous.allFiles.subtracting(plan.map(\.path)).sorted()
        return Work(units: changedUnits, skipped: unitRecords.flatMap(\.skipped), extras: changedExtras, removed: removed, record: record)
    }

    /// The search index with the lines of articles whose keys stand taken from the one written,
    /// handed to `sink` as it is made.
    private func searchIndex(_ renderer: Renderer, previous: OutputRecord, now: OutputRecord, to sink: (Data) throws -> Void) throws {
        let (known, keys) = (previous.searchKeys, now.searchKeys)
        let path = output + "/" + String(renderer.routes.searchIndex.dropFirst())
        // The same articles in the same order (an edit that moved none): only the changed lines,
        // the others read from the file as it is copied.
        if previous.order == now.order, previous.site == now.site, let patch = SearchIndexPatch(path: path, count: known.count) {
            let changed = keys.indices.filter { keys[$0] != known[$0] }
            let index = withWords(renderer.index, changed)
            let search = SearchIndex(index: index, routes: renderer.routes, strings: renderer.strings)
            let lines = Dictionary(uniqueKeysWithValues: changed.map { ($0, SearchIndex.line(search.article($0))) })
            // The organisations' and pages' entries are made again: a description may have changed.
            return try patch.write(replacing: lines, others: search.others(), to: sink)
        }
        let old = LocalFileSystem().bytes(path)
        let lines = old.flatMap { SearchIndex.articleLines(of: $0, count: known.count) } ?? []
        var lineOf: [UInt64: ArraySlice<UInt8>] = [:]
        for (key, line) in zip(known, lines) { lineOf[key] = line }
        let byKey = lineOf
        let index = withWords(renderer.index, keys.indices.filter { byKey[keys[$0]] == nil })
        try sink(SearchIndex(index: index, routes: renderer.routes, strings: renderer.strings).data(jobs: options.jobs) { byKey[keys[$0]] })
    }

    /// `index` with the words of `articles` for search, kept apart (`WordsFile`). Words that
    /// cannot be read there come from the article's file, as the page's body does.
    private func withWords(_ index: SiteIndex, _ articles: [Int]) -> SiteIndex {
        var index = index
        let body = bodyReader(index.config)
        for i in articles where index.articles[i].bodyWords == nil {
            let article = index.articles[i]
            index.articles[i].bodyWords = state?.records[article.path].flatMap { record in state?.words?.read(record.words) }
                ?? SearchWords.of(html: body(article) ?? "")
        }
        return index
    }

    /// A copied file's key is its source's digest (known from the fingerprint, else read); a
    /// made one's, its bytes'.
    private func extraKey(_ file: OutputFile) -> UInt64 {
        if let known = file.contentKey { return known }
        switch file.content {
        case .bytes(let data): return data.withUnsafeBytes(Digest.bytes)
        case .copy(let source):
            let relative = source.hasPrefix(root + "/") ? String(source.dropFirst(root.count + 1)) : source
            return fingerprint?.files[relative]?.digest ?? LocalFileSystem().digest(source) ?? 0
        case .stream: return UInt64.random(in: 0...UInt64.max)
        }
    }

    /// Renders and writes `work`: into a staging folder swapped in whole when the build started
    /// from nothing, else in place. Returns the output's listing digest and the files changed,
    /// or nil (with the error noted) when nothing was written.
    private mutating func write(_ renderer: Renderer, _ work: Work, staticFiles: [AssetFile]) -> (sum: UInt64, changed: [String])? {
        do {
            // Most of the site made again (a site-wide setting, a name on every page): a staged
            // folder, swapped in whole, beats rewriting thousands of files one by one in place.
            if state == nil || work.units.count * 2 > renderer.units.count {
                return try writeStaged(renderer, work, staticFiles: staticFiles)
            }
            return try writePatch(renderer, work)
        } catch WriteError.failed(let what) {
            diagnostics.error(SourceLocation(path: options.output ?? "public"), "cannot write the site: \(what)")
            return nil
        } catch {
            diagnostics.error(SourceLocation(path: options.output ?? "public"), "cannot write the site: \(error)")
            return nil
        }
    }

    /// Into a staging folder swapped in whole: everything from nothing; from a state, what is
    /// made again, with the previous output's other files kept (hard-linked) beside it.
    private mutating func writeStaged(_ renderer: Renderer, _ work: Work, staticFiles: [AssetFile]) throws -> (sum: UInt64, changed: [String])? {
        let staged = options.write
            ? try OutputWriter(removesPreviousInBackground: options.removesPreviousInBackground).begin(output: output, paths: Array(work.record.allFiles))
            : nil
        let made = Mutex<Set<String>>([])
        let put: @Sendable (OutputFile) -> String? = { file in
            made.withLock { _ = $0.insert(file.path) }
            return staged?.put(file)
        }
        let failure = state == nil
            ? renderer.render(staticFiles: staticFiles, jobs: options.jobs, progress: options.progress, into: put)
            : renderer.render(units: work.units, extras: work.extras, jobs: options.jobs, progress: options.progress, into: put)
        if let failure {
            staged?.abandon()
            throw WriteError.failed(failure)
        }
        guard changedDuringBuild(renderer) else {
            staged?.abandon()
            return nil
        }
        let written = made.withLock { $0 }
        if state != nil, let staged {
            for path in work.record.allFiles.subtracting(written).sorted() {
                if let problem = staged.keep(path) {
                    staged.abandon()
                    throw WriteError.failed(problem)
                }
            }
        }
        try staged?.commit()
        return (staged?.listing ?? 0, state == nil ? [] : (Array(written) + work.removed).sorted())
    }

    /// In place, each file atomically (`OutputPatch`).
    private mutating func writePatch(_ renderer: Renderer, _ work: Work) throws -> (sum: UInt64, changed: [String])? {
        let patch = OutputPatch(output: output)
        if let failure = renderer.render(units: work.units, extras: work.extras, jobs: options.jobs, progress: options.progress, into: patch.put) {
            patch.abandon()
            throw WriteError.failed(failure)
        }
        guard changedDuringBuild(renderer) else {
            patch.abandon()
            return nil
        }
        let changed = patch.changed
        let sum = try commit(patch, removing: work.removed)
        return (sum, (changed + work.removed).sorted())
    }

    /// Puts a patch in place. The records of the output go first: a run killed while the output
    /// changes leaves the next build a whole one. Returns the output's listing digest.
    func commit(_ patch: OutputPatch, removing removed: [String]) throws -> UInt64 {
        BuildFingerprint.clear(root: root)
        CacheFolder.remove(EngineState.outputsFile, root: root)
        return try patch.commit(removing: removed, listing: fingerprint?.output?.listing ?? 0)
    }

    /// The records put in place once the output is: the words first (records never point into
    /// words that are not there), then the records and the output's record.
    func finish(_ records: StateFileWriter?, _ words: WordsFile, _ outputs: OutputRecord) {
        if words.finish() { records?.finish() } else { records?.discard() }
        EngineState.writeOutputs(outputs, root: root)
    }

    /// The fingerprint stored last, with the output's listing: it says the rest stands.
    func storeFingerprint(listing: UInt64) {
        guard var fingerprint, let stamp = BuildFingerprint.folderStamp(output) else { return }
        fingerprint.output = BuildFingerprint.OutputState(stamp: stamp, listing: listing)
        fingerprint.store(root: root)
    }

    /// False, with an error for each, when article files changed while the site was built.
    private mutating func changedDuringBuild(_ renderer: Renderer) -> Bool {
        let changed = renderer.views.bodies.changedDuringBuild
        for path in changed {
            diagnostics.error(SourceLocation(path: path), "this file changed while the site was being built; nothing was written: run the build again")
        }
        return changed.isEmpty
    }

    /// How the renderer reads an article's body again (the parse let go of it): the file as the
    /// loader reads it, rendered as the parser rendered it; nil when it is no longer the file parsed.
    func bodyReader(_ config: SiteConfig) -> @Sendable (Article) -> String? {
        let (fileSystem, root, parser) = (builder.fileSystem, root, ContentParser(config: config))
        return { article in
            guard let data = try? fileSystem.read(root + "/" + article.path) else { return nil }
            return parser.bodyHTML(of: SourceFile(path: article.path, data: data), digest: article.sourceDigest)
        }
    }

    /// What the next build reads, once the output is written: each article's address, and (when
    /// the build keeps state) the records, the cards, the output's record and the fingerprint.
    private func storeState(_ addresses: [String: String], work: Work, cards: StateFileWriter?, records: StateFileWriter?, words: WordsFile?,
                            listing: UInt64) {
        let root = root
        guard options.write else { return }
        guard fingerprint != nil, let records, let words, BuildFingerprint.folderStamp(output) != nil else {
            PublishedAddresses.store(addresses, root: root)
            records?.discard()
            cards?.discard()
            return
        }
        let run = self
        _ = Parallel.two(
            {
                PublishedAddresses.store(addresses, root: root)
                cards?.finish()
            },
            { run.finish(records, words, work.record) })
        storeFingerprint(listing: listing)
    }
}
