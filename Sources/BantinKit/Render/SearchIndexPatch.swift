import Foundation

/// The search index a build wrote, read again a chunk at a time with some article lines made
/// anew: at 100,000 articles the file is 170 MB, and holding it whole beside the one written
/// was the peak of a rebuild's memory.
struct SearchIndexPatch {
    let path: String
    /// How many article lines the file holds (the last build's articles).
    let count: Int

    /// Nil when the file at `path` does not start as `SearchIndex.data` writes it or holds fewer
    /// than `count` lines after its `[` (then the index is made the long way).
    init?(path: String, count: Int) {
        (self.path, self.count) = (path, count)
        var header: [UInt8] = []
        var lines = 0
        guard (try? LocalFileSystem().chunks(path, { bytes in
            if header.count < 2 { header += bytes.prefix(2 - header.count) }
            var from = bytes.startIndex
            while lines <= count, from < bytes.endIndex, let found = memchr(bytes.baseAddress! + from, 0x0A, bytes.endIndex - from) {
                lines += 1
                from = bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return lines <= count
        })) != nil else { return nil }
        // The `[` line, then at least `count` article lines.
        guard header == Array("[\n".utf8), lines > count else { return nil }
    }

    /// The index with article line `i` replaced by `replacements[i]` (without its comma) where
    /// given, and the organisations' and pages' entries `others` made again, handed to `sink`.
    func write(replacing replacements: [Int: String], others: [SearchIndex.Entry], to sink: (Data) throws -> Void) throws {
        var out = SearchIndex.LineWriter()
        var pending: [UInt8] = []  // a line cut by the end of a chunk
        var k = -1  // the `[` line first
        try LocalFileSystem().chunks(path) { bytes in
            var from = bytes.startIndex
            while k < count, from < bytes.endIndex {
                guard let found = memchr(bytes.baseAddress! + from, 0x0A, bytes.endIndex - from) else {
                    pending += UnsafeBufferPointer(rebasing: bytes[from...])
                    return true
                }
                let end = bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if k >= 0 {
                    if let replacement = replacements[k] {
                        try out.add(replacement.utf8, sink)
                    } else {
                        var line = pending + UnsafeBufferPointer(rebasing: bytes[from..<end])
                        if line.last == UInt8(ascii: ",") { line.removeLast() }
                        try out.add(line, sink)
                    }
                }
                pending.removeAll(keepingCapacity: true)
                k += 1
                from = end + 1
            }
            return k < count
        }
        guard k == count else { throw ReadFailure("\(path): the search index changed while it was read") }
        for entry in others { try out.add(SearchIndex.line(entry).utf8, sink) }
        try out.finish(sink)
    }
}

extension SearchIndex {
    /// Writes the index's lines as `data` joins them (`[`, lines joined by `,` and a line break,
    /// `]`), a megabyte at a time.
    struct LineWriter {
        private var out = Data()
        private var first = true

        init() {
            out.reserveCapacity((1 << 20) + 4096)
            out.append(contentsOf: "[\n".utf8)
        }

        mutating func add(_ line: some Collection<UInt8>, _ sink: (Data) throws -> Void) throws {
            if !first { out.append(contentsOf: ",\n".utf8) }
            first = false
            out.append(contentsOf: line)
            if out.count >= 1 << 20 {
                try sink(out)
                out.removeAll(keepingCapacity: true)
            }
        }

        mutating func finish(_ sink: (Data) throws -> Void) throws {
            out.append(contentsOf: "\n]\n".utf8)
            try sink(out)
        }
    }
}
