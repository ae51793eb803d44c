import Foundation

/// One build: load → parse → index → render → write, the engine deciding what to run again.
///
/// Started from nothing (a first build, `bantin check`, the library), every article is parsed,
/// every unit rendered and the site written to a staging folder swapped in whole. Started from
/// what the last command-line build left (`EngineState`), an article whose file has the digest
/// its record has is not read again, a unit whose key (`UnitInputs`) is the one it had is not
/// rendered again, and the output is patched in place (`OutputPatch`). Any edit goes this way: a
/// body, the front-matter, a new, removed or renamed file, an organisation, a layout, `site.yml`.
/// The result is byte for byte a clean build's (the model-based test checks it).
///
/// Each stage collects diagnostics and the build goes as far as it can, so one run reports
/// every problem; nothing is written unless there are no errors.
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
    /// The sources now, when the build keeps state for the next one, and as the last build found them.
    var fingerprint: BuildFingerprint?
    var previousFingerprint: BuildFingerprint?
    /// What the last build left, when this one starts from it.
    var state: EngineState?
    /// Why this build starts from nothing, when it does.
    var fullBuildReason: FullBuildReason?
    /// `BuildFingerprint.engineKeys` of the sources now, when the build keeps state.
    var keys: (parse: UInt64, site: UInt64)?
    /// Whether the records of the articles parsed are handed back (`Parsed.made`): the
    /// preview keeps its state in memory.
    var keepsRecords = false
    /// The photos as published (`processPhotos`), for the renderer.
    var photos = PhotoCatalog()

    init(builder: Builder, options: BuildOptions) {
        self.builder = builder
        self.options = options
        root = URL(fileURLWithPath: options.source).standardizedFileURL.path
        output = URL(fileURLWithPath: options.output ?? (root + "/public"), relativeTo: nil).standardizedFileURL.path
    }

    /// The result so far: every diagnostic, the articles' in path order.
    func result(_ files: [Renderer.PlannedFile] = []) -> BuildResult {
        var result = BuildResult(diagnostics: reported.promotingWarnings(options.strict), files: files, outputPath: output)
        result.fullBuildReason = fullBuildReason
        return result
    }

    /// Every diagnostic, unpromoted (`--strict` is applied on reporting).
    private var reported: Diagnostics {
        var all = diagnostics
        for path in articleDiagnostics.keys.sorted() { all.append(contentsOf: articleDiagnostics[path]!) }
        all.append(contentsOf: moves)
        return all
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

    /// The result at once when nothing changed since the last build; otherwise nil, with the
    /// state to start from (or none, and the reason noted with the timings).
    mutating func startFromLastBuild() -> BuildResult? {
        let asked = options.write && options.reusesUnchangedOutput
        let previous = asked ? BuildFingerprint.stored(root: root) : nil
        // The last build's state is read while the sources are fingerprinted, on another core,
        // and its records decoded there from then on; a build that turns out to need them
        // joins in, one that does not stops it.
        // The output folder's state is taken on that core too; the rest of the state is read
        // on a thread of its own, not waited for unless needed.
        var outputNow: BuildFingerprint.OutputState?, outputs: OutputRecord?, load: StateLoad?
        (fingerprint, (outputNow, outputs, load)) = Parallel.two(
            { [root, options, output] in asked ? BuildFingerprint.current(root: root, options: options, output: output, previous: previous) : nil },
            { [root, output] in
                guard let previous else { return (nil, nil, nil) }
                let outputs = EngineState.readOutputs(root: root)
                // After the output's listing (instant unless the output was restored, as in CI),
                // not beside it: when nothing changed, the state is not needed at all.
                let outputNow = BuildFingerprint.outputState(output, known: previous.output)
                return (outputNow, outputs, outputs.map { StateLoad(root: root, outputs: $0) })
            })
        previousFingerprint = previous
        clock.lap("fingerprint")
        var reason: FullBuildReason? = !asked ? .notAsked : previous == nil ? .noEarlierBuild : .sourcesUnreadable
        if let previous, var current = fingerprint {
            reason = current.reuseProblem(since: previous, outputNow: outputNow)
            current.output = outputNow
            fingerprint = current
            if reason == nil, current.sameSources(as: previous), let outputs {
                load?.cancel()
                // The output is what this build would write; so are its warnings. New stamps
                // (a fresh clone, a touched file) are recorded so the files are not read again.
                if current != previous { current.store(root: root) }
                diagnostics = Diagnostics(outputs.siteDiagnostics)
                articleDiagnostics = outputs.articleDiagnostics.mapValues { Diagnostics($0) }
                var upToDate = result()
                upToDate.upToDate = true
                return upToDate
            }
            setKeys(current)
            if reason == nil, var stored = load?.take(), let keys {
                stored.keep(parse: keys.parse)
                state = stored
            } else if reason == nil {
                reason = .noEarlierBuild
            }
        } else {
            setKeys(fingerprint)
        }
        if state == nil { load?.cancel() }
        fullBuildReason = reason
        if let reason {
            clock.note("full build: \(reason)")
            if options.write {
                BuildFingerprint.clear(root: root)
                EngineState.clear(root: root)
            }
        }
        return nil
    }

    /// The fingerprint's keys, with what of `site.yml` an article's parse reads: its language,
    /// time zone, statistics catalogue and whether remote photos are allowed. Editing its title
    /// or `paginate` then parses no article again.
    mutating func setKeys(_ fingerprint: BuildFingerprint?) {
        guard var found = fingerprint?.engineKeys else { return keys = nil }
        var key = KeyHasher()
        key.add(found.parse)
        if let data = try? builder.fileSystem.read(root + "/" + SiteConfigLoader.fileName) {
            var tree = SourceTree(root: root), scratch = Diagnostics()
            tree.config = SourceFile(path: SiteConfigLoader.fileName, data: data)
            if let c = Builder.readConfig(tree, &scratch) {
                key.add("\(c.language.rawValue) \(c.timeZone.identifier) \(c.allowsRemoteImages) \(c.statistics)")
            } else {
                key.add(data.withUnsafeBytes(Digest.bytes))
            }
        }
        found.parse = key.value
        keys = found
    }

    /// Every stage, from the files to the written site.
    mutating func run() -> BuildResult {
        if let done = rebuildForBodyEdits() { return done }
        let jobs = options.jobs
        state?.decodeAll(jobs: jobs)
        clock.lap("records")
        guard let (tree, config, templates) = load() else { return result() }
        var parsed = parse(tree, config)
        // The stored records are copied into the next file by now: their bytes can go.
        state?.recordsData = Data()
        state?.recordRanges = [:]
        clock.lap("parse")
        var index = Indexer.index(config: config, organizations: parsed.organizations, articles: parsed.articles, pages: parsed.pages,
                                  rejected: parsed.rejected, diagnostics: &diagnostics)
        parsed.articles = []
        clock.lap("index")
        let photoKeys: Set<UInt64>
        (photos, photoKeys) = processPhotos(index)
        // Built from nothing, the search index first: then the words it is made of are let go of
        // before rendering. Patched, the search unit makes it if it is to be rendered at all.
        let search = PreparedSearchIndex()
        if state == nil {
            let data = SearchIndex(index: index, routes: Routes(config: config),
                                   strings: UIStrings(language: config.language, overrides: config.stringOverrides)).data(jobs: options.jobs)
            // Kept in a scratch file until its unit writes it, not in memory beside every page
            // being rendered (at 100,000 articles it is 170 MB).
            if options.write, let scratch = CacheFolder.scratch("search.scratch", holding: data, root: root) {
                search.put(streaming: { sink in try CacheFolder.stream(scratch, to: sink) })
            } else {
                search.put(data)
            }
            for i in index.articles.indices where index.articles[i].bodyWords != nil { index.articles[i].bodyWords = nil }
        }
        defer { CacheFolder.remove("search.scratch", root: root) }
        let result = renderAndWrite(index, templates, tree.staticFiles, search: search, records: parsed.records, words: parsed.words)
        if result.succeeded { prunePhotos(keeping: photoKeys) }
        releaseInBackground((index, parsed, tree, state))
        state = nil
        return result
    }

    /// Loads the sources: with a state to start from, only the articles whose records do not
    /// stand are read. Nil when there is no usable `site.yml`.
    mutating func load() -> (SourceTree, SiteConfig, TemplateSet)? {
        var reading: Set<String>?
        if let state, let fingerprint {
            reading = Set(fingerprint.files.compactMap { path, version in
                SourceKind.of(path) == .article && state.records[path]?.digest != version.digest ? path : nil
            })
        }
        // The fingerprint walked the site a moment ago: its listing serves (the sources it was
        // taken of are the ones digested).
        let tree = SourceLoader(fileSystem: builder.fileSystem).load(root: root, diagnostics: &diagnostics, reading: reading,
                                                                     deferringArticles: reading == nil, listed: fingerprint?.listing)
        let config = Builder.readConfig(tree, &diagnostics)
        var templates = Builder.readTemplates(tree, &diagnostics)
        templates.oracle = builder.oracle
        clock.lap("load")
        return config.map { (tree, $0, templates) }
    }
}

extension BuildRun {
    /// Load, parse and index only (`bantin figures`); nil when there is no usable site.yml.
    mutating func loadParseAndIndex() -> SiteIndex? {
        guard let (tree, config, _) = load() else { return nil }
        let parsed = parse(tree, config)
        return Indexer.index(config: config, organizations: parsed.organizations, articles: parsed.articles, pages: parsed.pages,
                             rejected: parsed.rejected, diagnostics: &diagnostics)
    }
}
