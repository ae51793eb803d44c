import Foundation

extension BuildRun {
    /// What this build renders and writes: every unit and file when it starts from nothing;
    /// else those whose keys changed, and the files no longer made, removed.
    struct Work {
        var units: [Int]
        var extras: [OutputFile]
        var removed: [String]
        /// The output as this build leaves it, for the next.
        var record: OutputRecord
    }

    /// The plan names every file before any is rendered, so the checks that need the whole site
    /// (URL collisions, links) run first; then the units to render go to the writer, a page at a
    /// time. Once the output is written, the state is stored for the next build.
    mutating func renderAndWrite(_ index: SiteIndex, _ templates: TemplateSet, _ staticFiles: [AssetFile], search: PreparedSearchIndex?,
                                 records: StateFileWriter?) -> BuildResult {
        let siteKey = fingerprint?.siteKey ?? 0
        let cardKeys = index.articles.map { Self.cardKey($0, site: siteKey, templates: templates) }
        let known = state.map { state in index.articles.indices.map { i in state.cards[index.articles[i].path].flatMap { $0.key == cardKeys[i] ? $0.html : nil } } }
        let renderer = Renderer(index: index, templates: templates, cards: nil, known: known, jobs: options.jobs,
                                preparedSearchIndex: search, bodies: bodyReader(index.config))
        clock.lap("cards")
        let plan = renderer.plan(staticFiles: staticFiles)
        check(plan, index, routes: renderer.routes)
        clock.lap("plan")
        let planned = result(plan)
        guard planned.succeeded else {
            records?.discard()
            return planned
        }
        let work = work(renderer, plan, siteKey: siteKey)
        clock.lap("keys")
        guard let listing = write(renderer, work, staticFiles: staticFiles) else {
            records?.discard()
            return result(plan)
        }
        clock.lap("render+write")
        var done = planned
        if state != nil { done.updatedInPlace = listing.changed }
        storeState(index, routes: renderer.routes, work: work, cards: zip(index.articles, zip(cardKeys, renderer.cards)).map { ($0.path, $1.0, $1.1) },
                   records: records, listing: listing.sum)
        clock.lap("cache")
        return done
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
    private mutating func check(_ plan: [Renderer.PlannedFile], _ index: SiteIndex, routes: Routes) {
        let (files, links, moved) = Parallel.three(
            { Builder.checkFiles(plan.map { ($0.path, $0.origin) }) },
            { Builder.linkProblems(index, paths: Set(plan.map(\.path))) },
            { [root] in PublishedAddresses.moves(from: PublishedAddresses.read(root: root), in: index, routes: routes) })
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
        let unitRecords = Parallel.map(Array(units.indices), jobs: options.jobs) { i in
            (renderer.id(of: units[i]), OutputRecord.Unit(key: renderer.inputKey(units[i], files: files[i], keys: keys, site: siteKey), files: files[i]))
        }
        var record = OutputRecord()
        for (id, unit) in unitRecords { record.units[id] = unit }
        for file in extras { record.extras[file.path] = extraKey(file) }
        record.diagnostics = (diagnostics.items + articleDiagnostics.keys.sorted().flatMap { articleDiagnostics[$0]!.items })
        guard let previous = state?.outputs else {
            return Work(units: Array(units.indices), extras: extras, removed: [], record: record)
        }
        let changedUnits = units.indices.filter { previous.units[unitRecords[$0].0] != unitRecords[$0].1 }
        let changedExtras = extras.filter { previous.extras[$0.path] != record.extras[$0.path] }
        let removed = previous.allFiles.subtracting(plan.map(\.path)).sorted()
        return Work(units: changedUnits, extras: changedExtras, removed: removed, record: record)
    }

    /// A copied file's key is its source's digest (known from the fingerprint, else read); a
    /// made one's, its bytes'.
    private func extraKey(_ file: OutputFile) -> UInt64 {
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
            if state == nil {
                let staged = options.write
                    ? try OutputWriter(removesPreviousInBackground: options.removesPreviousInBackground).begin(output: output, paths: Array(work.record.allFiles))
                    : nil
                if let failure = renderer.render(staticFiles: staticFiles, jobs: options.jobs, progress: options.progress, into: { staged?.put($0) }) {
                    staged?.abandon()
                    throw WriteError.failed(failure)
                }
                guard changedDuringBuild(renderer) else {
                    staged?.abandon()
                    return nil
                }
                try staged?.commit()
                return (staged?.listing ?? 0, [])
            }
            // The records of the output go first: a run killed while the output changes leaves
            // the next build a whole one.
            BuildFingerprint.clear(root: root)
            EngineState.clear(root: root)
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
            let sum = try patch.commit(removing: work.removed, listing: fingerprint?.output?.listing ?? 0)
            return (sum, (changed + work.removed).sorted())
        } catch WriteError.failed(let what) {
            diagnostics.error(SourceLocation(path: options.output ?? "public"), "cannot write the site: \(what)")
            return nil
        } catch {
            diagnostics.error(SourceLocation(path: options.output ?? "public"), "cannot write the site: \(error)")
            return nil
        }
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
    private func bodyReader(_ config: SiteConfig) -> @Sendable (Article) -> String? {
        let (fileSystem, root, parser) = (builder.fileSystem, root, ContentParser(config: config))
        return { article in
            guard let data = try? fileSystem.read(root + "/" + article.path) else { return nil }
            return parser.bodyHTML(of: SourceFile(path: article.path, data: data), digest: article.sourceDigest)
        }
    }

    /// What the next build reads, once the output is written: each article's address, and (when
    /// the build keeps state) the records, the cards, the output's record and the fingerprint.
    private func storeState(_ index: SiteIndex, routes: Routes, work: Work, cards: [(String, UInt64, String)], records: StateFileWriter?, listing: UInt64) {
        let root = root, output = output
        guard options.write else { return }
        PublishedAddresses.store(PublishedAddresses.current(index, routes: routes), root: root)
        guard var fingerprint, let records, let folderStamp = BuildFingerprint.folderStamp(output) else {
            records?.discard()
            return
        }
        let context = fingerprint.parseContext
        _ = Parallel.two(
            { EngineState.writeCards(cards.map { ($0.0, $0.1, $0.2) }, root: root, context: context) },
            {
                records.finish()
                EngineState.writeOutputs(work.record, root: root)
            })
        fingerprint.output = BuildFingerprint.OutputState(stamp: folderStamp, listing: listing)
        fingerprint.store(root: root)
    }
}
