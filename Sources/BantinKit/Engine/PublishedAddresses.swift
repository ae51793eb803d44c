/// The address each article had in the last successful build (`.bantin-cache/addresses.state`),
/// so that a build or `check` can say when an edit moves one: a title edit changes the slug, and
/// every link already shared to the old address would break without a word.
enum PublishedAddresses {
    static let file = "addresses.state"
    static let header = "bantin-addresses 1"

    static func read(root: String) -> [String: String] {
        guard let text = CacheFolder.read(file, root: root) else { return [:] }
        // Split on bytes: splitting by Character was most of a 10,000-article build's plan stage.
        let lines = text.utf8.split(separator: 0x0A)
        guard let first = lines.first, Substring(first) == Substring(header) else { return [:] }
        var out: [String: String] = [:]
        out.reserveCapacity(lines.count)
        for line in lines.dropFirst() {
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
            if fields.count == 2 { out[String(Substring(fields[0]))] = String(Substring(fields[1])) }
        }
        return out
    }

    /// Each article's file → its address, for `index`.
    static func current(_ index: SiteIndex, routes: Routes) -> [String: String] {
        Dictionary(index.articles.indices.map { (index.articles[$0].path, index.address($0)) }, uniquingKeysWith: { a, _ in a })
    }

    static func store(_ addresses: [String: String], root: String) {
        let lines = addresses.keys.sorted().filter { !$0.utf8.contains(0x09) && !$0.utf8.contains(0x0A) }.map { "\($0)\t\(addresses[$0]!)" }
        CacheFolder.write(([header] + lines).joined(separator: "\n") + "\n", to: file, root: root)
    }

    /// A warning for each article whose address is not the one it was published at, unless the
    /// old address is among its aliases.
    static func moves(from previous: [String: String], in index: SiteIndex, routes: Routes) -> [(path: String, diagnostic: Diagnostic)] {
        index.articles.indices.compactMap { i in
            let article = index.articles[i], now = index.address(i)
            guard let before = previous[article.path], before != now, !article.aliases.contains(before) else { return nil }
            return (article.path, .warning(article.location,
                "this article's address changed since the last build, from \(before) to \(now): links already shared to the old one will break. Add `aliases: [\(before)]` to keep them working, or `slug:` to keep the old address"))
        }
    }
}
