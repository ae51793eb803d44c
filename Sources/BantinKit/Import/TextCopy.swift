import Foundation

extension PortalPage {
    /// A page copied as plain text (one paragraph a line, as a browser's "copy" gives it): the
    /// title is the first line that reads as one, the short lines after it are its date and
    /// byline, `•`, `-`, `+` lines are list items, and the portal's lines around the article
    /// (counters, ratings, "các bài viết khác" and all after it) are dropped.
    static func text(_ text: String) -> PortalPage {
        var page = PortalPage()
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .components(separatedBy: "\n").map { (indent: $0.prefix { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }.count, text: ImportText.collapse($0)) }
        // The article ends where the portal's "other news", ratings or counters begin.
        if let end = lines.indices.first(where: { i in Clutter.endsArticle(lines[i].text) && lines[..<i].contains { $0.text.count > 60 } }) {
            lines = Array(lines[..<end])
        }
        lines = lines.filter { !$0.text.isEmpty && !Clutter.isNoise($0.text) }

        // The title: among the first lines, the first that is not a sentence, a date or a place line.
        let titleIndex = lines.prefix(8).indices.first { i in
            let t = lines[i].text
            return t.count >= 20 && t.count <= 250 && !t.hasSuffix(".") && !t.hasSuffix(",") && DateFinder.dates(in: t).first.map { $0.offset > 0 } ?? true
        }
        var bodyStart = 0
        if let titleIndex {
            page.title = lines[titleIndex].text
            // The short lines after the title, until the first paragraph: date, byline, labels.
            var k = titleIndex + 1
            while k < lines.count, lines[k].text.count < 100, !lines[k].text.hasSuffix(".") {
                page.headerLines.append(lines[k].text)
                k += 1
            }
            // Lines before the title (a lead paragraph some portals print above it) stay in the body.
            let before = lines[..<titleIndex].filter { $0.text.count > 120 }
            lines = Array(before) + Array(lines[k...])
            bodyStart = 0
        }
        // A byline among the header lines: a name or a short signature (PV, Minh Đức).
        for line in page.headerLines where DateFinder.dates(in: line).isEmpty && isName(line) {
            page.author = line
            break
        }
        var body = Array(lines[bodyStart...])

        // The end: "Nguồn Báo X" names the source; a right-aligned or lone name is the author.
        if let last = body.last, ImportText.fold(last.text).hasPrefix("nguon"), last.text.count < 80 {
            let name = last.text.split(separator: " ").dropFirst().joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " :"))
            if !name.isEmpty { page.siteName = name }
            body.removeLast()
        }
        for back in 1...min(3, body.count) where page.author == nil || back == 1 {
            let i = body.count - back
            guard i >= 0, i < body.count else { break }
            let line = body[i]
            if (line.indent >= 8 || back <= 2) && isName(line.text) && i > 0 {
                let rest = body[(i + 1)...].map(\.text)
                if rest.allSatisfy({ $0.count < 80 && !$0.hasSuffix(".") }) {
                    page.author = ([line.text] + rest).joined(separator: ", ")
                    body.removeSubrange(i...)
                }
                break
            }
        }

        page.blocks = blocks(body.map(\.text), title: page.title)
        return page
    }

    /// Two to five capitalised words, or a short signature in capitals (`PV`, `CTV`), with no sentence marks.
    static func isName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (1...5).contains(words.count), text.count <= 40, !text.contains(where: { ".:;,!?()".contains($0) || $0.isNumber }) else { return false }
        if words.count == 1 { return words[0].count <= 4 && words[0].allSatisfy(\.isUppercase) }
        return words.allSatisfy { $0.first?.isUppercase == true }
    }

    /// Lines as blocks: bullet lines grouped into lists, `1.` lines into numbered ones, a caption
    /// printed twice (once as the photo's text, once under it) kept once.
    static func blocks(_ lines: [String], title: String?) -> [ImportBlock] {
        var out: [ImportBlock] = []
        var items: [String] = []
        var ordered = false
        func flushList() {
            if !items.isEmpty { out.append(.list(ordered: ordered, items: items.map { [.text($0)] })) }
            items = []
        }
        let foldedTitle = title.map(ImportText.fold)
        for (n, line) in lines.enumerated() {
            if let next = lines.dropFirst(n + 1).first, next == line || next == line + "." || next.hasPrefix(line) && next.count - line.count <= 2 { continue }
            if let item = bullet(line) {
                if !items.isEmpty && ordered { flushList() }
                ordered = false
                items.append(item)
                continue
            }
            if let item = numbered(line) {
                if !items.isEmpty && !ordered { flushList() }
                ordered = true
                items.append(item)
                continue
            }
            flushList()
            // The title printed again as a photo's caption is not a paragraph of the article.
            if let foldedTitle, ImportText.fold(line) == foldedTitle { continue }
            out.append(.paragraph([.text(line)]))
        }
        flushList()
        return out
    }

    static func bullet(_ line: String) -> String? {
        guard let first = line.first, "•·-+*–●○▪■◦".contains(first), line.count > 2 else { return nil }
        let rest = line.dropFirst()
        guard rest.first == " " else { return nil }
        return rest.trimmingCharacters(in: .whitespaces)
    }

    static func numbered(_ line: String) -> String? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard (1...2).contains(digits.count) else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest.hasPrefix(". ") || rest.hasPrefix(") ") else { return nil }
        return rest.dropFirst(2).trimmingCharacters(in: .whitespaces)
    }
}
