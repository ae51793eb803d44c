/// The output as the last build wrote it: each unit's key and files, each other file's key
/// (its bytes' digest, or its source's for a copy), and what the build reported. The engine
/// renders a unit again only when its key differs, and removes the files no unit makes any more.
struct OutputRecord: Equatable {
    struct Unit: Equatable {
        var key: UInt64
        var files: [String]
    }

    var units: [String: Unit] = [:]
    var extras: [String: UInt64] = [:]
    /// The key of each article line of the search index, in order (`BuildRun.searchKeys`): a
    /// line whose key stands is taken from the index as written.
    var searchKeys: [UInt64] = []
    /// Every diagnostic of the build (warnings, as errors leave no output), with the articles'.
    var diagnostics: [Diagnostic] = []

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
        }
        w.array(extras.keys.sorted()) { w, path in
            w.string(path)
            w.unsigned(extras[path]!)
        }
        w.array(searchKeys) { w, k in w.unsigned(k) }
        w.array(diagnostics) { w, d in
            w.bool(d.severity == .error)
            w.location(d.location)
            w.string(d.message)
        }
        return w.bytes
    }

    static func decode(_ bytes: ArraySlice<UInt8>) -> OutputRecord? {
        bytes.withUnsafeBytes { raw in
            var r = RecordReader(raw)
            var out = OutputRecord()
            guard let units: [(String, Unit)] = r.array({ r in
                guard let id = r.string(), let key = r.unsigned(), let files: [String] = r.array({ $0.string() }) else { return nil }
                return (id, Unit(key: key, files: files))
            }), let extras: [(String, UInt64)] = r.array({ r in
                guard let path = r.string(), let key = r.unsigned() else { return nil }
                return (path, key)
            }), let searchKeys: [UInt64] = r.array({ $0.unsigned() }), let diagnostics: [Diagnostic] = r.array({ r in
                guard let error = r.bool(), let l = r.location(), let m = r.string() else { return nil }
                return Diagnostic(error ? .error : .warning, l, m)
            }), r.atEnd else { return nil }
            for (id, unit) in units { out.units[id] = unit }
            for (path, key) in extras { out.extras[path] = key }
            out.diagnostics = diagnostics
            out.searchKeys = searchKeys
            return out
        }
    }
}
