import Foundation

/// Replaces one record of a file the renderer wrote, found by the key the renderer put at its
/// start: an incremental build changes one article's line of the search index and its entry in
/// the feeds without rendering the other articles again. Works on bytes: the search index of
/// 10,000 articles is 17 MB.
enum RecordPatch {
    /// `json` with the line that starts `{"u":<url>,` replaced by `line` (`SearchIndex.line`).
    /// Nil unless exactly one line starts so.
    static func searchIndex(_ json: Data, url: String, line: String) -> Data? {
        let key = Data(("\n{\"u\":" + JSONText.string(url) + ",").utf8)
        guard let start = find(key, in: json, from: 0), find(key, in: json, from: start + 1) == nil else { return nil }
        let lineStart = start + 1
        guard let newline = find(Data("\n".utf8), in: json, from: lineStart) else { return nil }
        // The line is the entry, then a comma unless it is the last.
        let end = json[newline - 1] == UInt8(ascii: ",") ? newline - 1 : newline
        var out = Data(json[..<lineStart])
        out.append(Data(line.utf8))
        out.append(json[end...])
        return out
    }

    /// `xml` with the entry whose `<id>` is `id` replaced by `entry` (`FeedWriter.entry`); `xml`
    /// as it is when it has no such entry (the article is not among the feed's latest). Nil when
    /// an entry is opened and not closed.
    static func feed(_ xml: Data, id: String, entry: String) -> Data? {
        let key = Data("  <entry>\n    <id>\(escape(id))</id>\n".utf8)
        guard let start = find(key, in: xml, from: 0) else { return xml }
        let close = Data("  </entry>\n".utf8)
        guard let end = find(close, in: xml, from: start) else { return nil }
        var out = Data(xml[..<start])
        out.append(Data(entry.utf8))
        out.append(xml[(end + close.count)...])
        return out
    }

    /// Offset of the first `needle` in `haystack` at or after `from`.
    static func find(_ needle: Data, in haystack: Data, from: Int) -> Int? {
        guard from <= haystack.count, !needle.isEmpty else { return nil }
        return haystack.withUnsafeBytes { h -> Int? in
            needle.withUnsafeBytes { n -> Int? in
                guard let base = h.baseAddress, let key = n.baseAddress else { return nil }
                let first = Int32(n[0])
                var i = from
                // memchr to each candidate first byte, then compare (Glibc's memmem is not exported to Swift).
                while i + n.count <= h.count {
                    guard let hit = memchr(base + i, first, h.count - i - n.count + 1) else { return nil }
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + at, key, n.count) == 0 { return at }
                    i = at + 1
                }
                return nil
            }
        }
    }
}
