/// The output as the last build wrote it: each unit's key and files, each other file's key
/// (its bytes' digest, or its source's for a copy), and what the build reported. The engine
/// renders a unit again only when its key differs, and removes the files no unit makes any more.
struct OutputRecord: Equatable {
    struct Unit: Equatable {
        var key: UInt64
        var files: [String]
        /// The keys of a paginated unit's pages (`Renderer.pageKeys`), by file.
        var pages: [String: UInt64] = [:]
    }

    var units: [String: Unit] = [:]
    var extras: [String: UInt64] = [:]
    /// The site's key (`BuildFingerprint.engineKeys`) the output was made with.
    var site: UInt64 = 0
    /// The articles in the index's order (the search index's lines), with their `whole` keys
    /// (`ArticleKeys`).
    var order: [String] = []
    var whole: [UInt64] = []
    /// The articles each feed shows, by the feed unit's name: a body edit reaches the feeds
    /// that show the article, and only those.
    var feeds: [String: [String]] = [:]
    /// The key of each article line of the search index, in order (`BuildRun.searchKeys`): a
    /// line whose key stands is taken from the index as written.
    var searchKeys: [UInt64] = []
    /// What the build reported (warnings, as errors leave no output): each article's own (its
    /// parse and its links), and the rest.
    var siteDiagnostics: [Diagnostic] = []
    var articleDiagnostics: [String: [Diagnostic]] = [:]

    /// Every file of the output.
    var allFiles: Set<String> {
        var all = Set(extras.keys)
        for unit in units.values { all.formUnion(unit.files) }
        return all
    }

    func encoded() -> [UInt8] {
        var w = RecordWriter()
        w.array(units.keys.sorted()) { w, id in
            let unit = units[id]!
            w.string(id)
            w.unsigned(unit.key)
            w.array(unit.files) { w, f in w.string(f) }
            w.array(unit.files) { w, f in w.unsigned(unit.pages[f] ?? 0) }
        }
        w.array(extras.keys.sorted()) { w, path in
            w.string(path)
            w.unsigned(extras[path]!)
        }
        w.unsigned(site)
        w.array(order) { w, p in w.string(p) }
        w.array(whole) { w, k in w.unsigned(k) }
        w.array(feeds.keys.sorted()) { w, id in
            w.string(id)
            w.array(feeds[id]!) { w, p in w.string(p) }
        }
        w.array(searchKeys) { w, k in w.unsigned(k) }
        w.array(siteDiagnostics) { w, d in Self.write(d, &w) }
        w.array(articleDiagnostics.keys.sorted()) { w, path in
            w.string(path)
            w.array(articleDiagnostics[path]!) { w, d in Self.write(d, &w) }
        }
        return w.bytes
    }

    private static func write(_ d: Diagnostic, _ w: inout RecordWriter) {
        w.bool(d.severity == .error)
        w.location(d.location)
        w.string(d.message)
    }

    private static func diagnostic(_ r: inout RecordReader) -> Diagnostic? {
        guard let error = r.bool(), let l = r.location(), let m = r.string() else { return nil }
        return Diagnostic(error ? .error : .warning, l, m)
    }

    static func decode(_ bytes: ArraySlice<UInt8>) -> OutputRecord? {
        bytes.withUnsafeBytes { raw in
            var r = RecordReader(raw)
            var out = OutputRecord()
            guard let units: [(String, Unit)] = r.array({ r in
                guard let id = r.string(), let key = r.unsigned(), let files: [String] = r.array({ $0.string() }),
                      let pages: [UInt64] = r.array({ $0.unsigned() }), pages.count == files.count else { return nil }
                var unit = Unit(key: key, files: files)
                for (file, page) in zip(files, pages) where page != 0 { unit.pages[file] = page }
                return (id, unit)
            }), let extras: [(String, UInt64)] = r.array({ r in
                guard let path = r.string(), let key = r.unsigned() else { return nil }
                return (path, key)
            }), let site = r.unsigned(), let order: [String] = r.array({ $0.string() }), let whole: [UInt64] = r.array({ $0.unsigned() }),
                let feeds: [(String, [String])] = r.array({ r in
                    guard let id = r.string(), let paths: [String] = r.array({ $0.string() }) else { return nil }
                    return (id, paths)
                }),
                let searchKeys: [UInt64] = r.array({ $0.unsigned() }), let siteDiagnostics: [Diagnostic] = r.array(diagnostic),
                let articles: [(String, [Diagnostic])] = r.array({ r in
                    guard let path = r.string(), let d: [Diagnostic] = r.array(diagnostic) else { return nil }
                    return (path, d)
                }), r.atEnd, order.count == whole.count else { return nil }
            for (id, unit) in units { out.units[id] = unit }
            for (path, key) in extras { out.extras[path] = key }
            for (id, paths) in feeds { out.feeds[id] = paths }
            for (path, d) in articles { out.articleDiagnostics[path] = d }
            (out.order, out.whole, out.searchKeys, out.siteDiagnostics, out.site) = (order, whole, searchKeys, siteDiagnostics, site)
            return out
        }
    }
}
