import Foundation
import Testing
@testable import BantinKit

/// `SearchWords` against the three steps it fuses (the plain text of the HTML, folded, then
/// each word once), kept here as the reference: the search index's words must not change.
@Suite struct SearchWordsTests {
    @Test func theFoldTableAsWrittenIsUnicodes() {
        #expect(FoldTable.latin.count == 0x2000)
        #expect(FoldTable.latin == FoldTable.computed)
    }

    @Test func tagsAreDroppedAndEntitiesDecoded() {
        #expect(SearchWords.of(html: "<p>A &amp; B &lt;3 &#7897; &#x1ED9;</p><p>C&nbsp;D</p>") == "a b 3 o c d")
        #expect(SearchWords.of(html: "x & y &unknown; z") == "x y unknown z")
        #expect(SearchWords.of(html: "<p>Hội <em>khuyến</em> học hội Khuyến HỌC</p>") == "hoi khuyen hoc")
        #expect(SearchWords.of(html: "") == "")
        #expect(SearchWords.of(html: "<p>unclosed <a href") == "unclosed")
        #expect(SearchWords.of(html: "ab a abc ab b a") == "ab a abc b")
        #expect(SearchWords.of(html: "Ηλιος ηλιος 北京 北京") == "ηλιος 北京")
    }

    @Test func referenceStepsAgree() {
        #expect(Reference.plainText("<p>A &amp; B &lt;3 &#7897; &#x1ED9;</p><p>C&nbsp;D</p>").trimmingCharacters(in: .whitespaces)
                == "A & B <3 ộ ộ  C D")
        #expect(Reference.plainText("x & y &unknown; z") == "x & y &unknown; z")
        #expect(Reference.distinctWords("hoi khuyen hoc hoi khuyen tai hoc") == "hoi khuyen hoc tai")
        #expect(Reference.distinctWords("học hoc học Ηλιος hoc Ηλιος") == "học hoc Ηλιος")
    }

    /// Random HTML from pieces that stress every branch: tags, entities good and broken,
    /// decomposed marks, other scripts, digits, punctuation; thousands of words so the table grows.
    @Test func equalToTheThreeStepsOnRandomHTML() {
        let pieces = ["<p>", "</p>", "<a href=\"/x/\">", "</a>", "&amp;", "&lt;", "&#7897;", "&#x1ED9;", "&nbsp;", "&bogus;",
                      "&", "&toolongentityname;", "&#;", " ", "  ", "\n", "Hội", "khuyến", "HỌC", "Khuye\u{302}\u{301}n", "đ", "Đoàn",
                      "2024", "29,5", "Ηλιος", "北京", "—", "“", "x", "ab", "a", "<br>", "<", ">", ";", "ǅ", "ﬁ"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<300 {
            var html = ""
            let length = round < 250 ? Int.random(in: 0..<60, using: &generator) : 4000
            for _ in 0..<length { html += pieces.randomElement(using: &generator)! }
            if round >= 250 { for i in 0..<3000 { html += " w\(i)" } }
            let expected = Reference.distinctWords(Reference.fold(Reference.plainText(html)))
            #expect(SearchIndex.fold(html.replacingOccurrences(of: "<", with: " ")) == Reference.fold(html.replacingOccurrences(of: "<", with: " ")), "\(html.prefix(300))")
            #expect(SearchWords.of(html: html) == expected, "\(html.prefix(300))")
        }
    }
}

/// The previous implementation, step by step.
enum Reference {
    /// Lower-case ASCII words separated by single spaces; letters of other scripts are kept,
    /// lower-cased. Gives what `Slug.fold` followed by splitting on non-letters would, without
    /// Unicode normalization of the whole text.
    static func fold(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var space = false
        func emit(_ bytes: some Sequence<UInt8>) {
            if space && !out.isEmpty { out.append(0x20) }
            space = false
            out.append(contentsOf: bytes)
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                switch v {
                case 0x30...0x39, 0x61...0x7A: emit(CollectionOfOne(UInt8(v)))
                case 0x41...0x5A: emit(CollectionOfOne(UInt8(v + 0x20)))
                default: space = true
                }
            } else if Int(v) < FoldTable.latin.count {
                switch FoldTable.latin[Int(v)] {
                case 0: space = true  // punctuation and symbols
                case 1: emit(String(scalar.properties.lowercaseMapping).utf8)
                case 2: continue  // a combining mark of decomposed text: the letter before it stands
                case let ascii: emit(CollectionOfOne(ascii))
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                emit(String(scalar.properties.lowercaseMapping).utf8)
            } else {
                space = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A body's words, each once, in the order they first appear. Word search needs no more,
    /// and Vietnamese repeats its syllables so much (khuyến học, hội viên, …) that this keeps
    /// the index a fraction of the bodies' size: a reader downloads it before searching.
    /// Works on the folded text's bytes (words are separated by single spaces), which keeps
    /// it out of the profile: splitting by `Character` was a tenth of a 10k-article build.
    static func distinctWords(_ folded: String) -> String {
        var folded = folded
        return folded.withUTF8 { bytes -> String in
            guard let base = bytes.baseAddress else { return "" }
            var seen = Set<Word>()
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 {
                if i > start, seen.insert(Word(start: base + start, count: i - start)).inserted {
                    if !out.isEmpty { out.append(0x20) }
                    out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start))
                }
                start = i + 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A word of a buffer that outlives the set holding it, compared by its bytes.
    struct Word: Hashable {
        let start: UnsafePointer<UInt8>
        let count: Int

        func hash(into hasher: inout Hasher) {
            hasher.combine(bytes: UnsafeRawBufferPointer(start: start, count: count))
        }

        static func == (a: Word, b: Word) -> Bool {
            a.count == b.count && memcmp(a.start, b.start, a.count) == 0
        }
    }

    /// The text of rendered HTML: tags dropped, the entities cmark writes decoded. Works on
    /// UTF-8 bytes: `<`, `>`, `&` and `;` never occur inside a multi-byte character.
    static func plainText(_ html: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count)
        var inTag = false
        var entityStart: Int?
        var bytes = Array(html.utf8)
        bytes.append(0)  // a sentinel that ends a trailing entity
        for (i, b) in bytes.enumerated() {
            if inTag {
                if b == 0x3E { inTag = false; out.append(0x20) }
                continue
            }
            if let start = entityStart {
                if b == 0x3B {  // ;
                    out += SearchWords.decodeEntity(String(decoding: bytes[(start + 1)..<i], as: UTF8.self)).utf8
                    entityStart = nil
                    continue
                }
                let isName = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x23
                if isName && i - start <= 10 { continue }
                out += bytes[start..<i]
                entityStart = nil
            }
            switch b {
            case 0: break
            case 0x3C: inTag = true
            case 0x26: entityStart = i
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

}

/// The search index patched as a stream (`SearchIndexPatch`): the file is read a megabyte at a
/// time, so lines cut by a chunk's end must come out whole.
@Suite struct SearchIndexPatchTests {
    @Test func aPatchedIndexIsTheIndexWrittenWithTheNewLines() throws {
        // 6,000 lines of about 300 bytes: the file spans two chunks and lines straddle them.
        let lines = (0..<6000).map { i in "{\"u\":\"/2024/bai-\(i)/\",\"t\":\"Bài \(i)\",\"x\":\"" + String(repeating: "khuyen hoc \(i % 97) ", count: 18) + "\"}" }
        let others = [SearchIndex.Entry(url: "/to-chuc/hkh/", title: "Hội Khuyến học", kind: "tổ chức", text: "hoi khuyen hoc")]
        func written(_ lines: [String]) throws -> Data {
            var out = Data()
            try SearchIndex.write(articles: lines.map { ArraySlice($0.utf8) }, others: others, to: { out.append($0) })
            return out
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-search-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try written(lines).write(to: URL(fileURLWithPath: path))
        var expected = lines
        let replacements = [0: "{\"u\":\"/moi/\"}", 3497: "{\"u\":\"/giua/\"}", 5999: "{\"u\":\"/cuoi/\"}"]
        for (k, line) in replacements { expected[k] = line }
        let patch = try #require(SearchIndexPatch(path: path, count: lines.count))
        var out = Data()
        try patch.write(replacing: replacements, others: others, to: { out.append($0) })
        #expect(out == (try written(expected)))
        // A file with fewer lines than the last build's articles is not patched.
        #expect(SearchIndexPatch(path: path, count: lines.count + 10) == nil)
    }
}
