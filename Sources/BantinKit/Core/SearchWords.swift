/// Folded words for the search index: lower case, no diacritics, `đ` → `d`, words joined by
/// single spaces (`khuyen hoc` finds `khuyến học`). `of(html:)` gives a rendered body's distinct
/// words in one pass over its bytes (tags dropped, entities decoded), with a plain byte hash
/// instead of `Set<String>`'s SipHash: the search index does this for every article's body and
/// it was the largest single cost of building a 10k-article site. `folded(_:)` folds plain text
/// (titles, names) and keeps every word.
struct SearchWords {
    /// The words so far, separated by single spaces, then the word being folded (from
    /// `wordStart`), which `endWord` keeps or cuts off.
    private var out: [UInt8] = []
    private var wordStart = 0
    /// FNV-1a of the word being folded, kept as its bytes are appended.
    private var hash: UInt64 = Self.offsetBasis
    private static let offsetBasis: UInt64 = 0xcbf29ce484222325
    private let table: [UInt8]
    /// Open addressing over `out`: each slot holds a word's start in `out` plus one (0 is empty)
    /// and its length, so the table never copies a word.
    private var slots: [(start: Int32, count: Int32)]
    private var used = 0
    /// Whether a word already in is cut off again.
    private let distinct: Bool

    private init(capacity: Int, distinct: Bool) {
        out.reserveCapacity(capacity)
        self.distinct = distinct
        slots = distinct ? Array(repeating: (0, 0), count: 256) : []
        table = FoldTable.latin
    }

    private mutating func append(_ b: UInt8) {
        if wordStart == out.count, !out.isEmpty {  // the first byte of a word after another
            out.append(0x20)
            wordStart += 1
        }
        out.append(b)
        hash = (hash ^ UInt64(b)) &* 0x100000001b3
    }

    static func of(html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in
            var words = SearchWords(capacity: bytes.count / 2, distinct: true)
            words.read(bytes)
            words.endWord()
            return String(decoding: words.out, as: UTF8.self)
        }
    }

    /// Plain text folded, every word kept: `Hội Khuyến học ĐOÀN, 2024!` → `hoi khuyen hoc doan 2024`.
    static func folded(_ text: String) -> String {
        var words = SearchWords(capacity: text.utf8.count, distinct: false)
        for scalar in text.unicodeScalars { words.fold(scalar) }
        words.endWord()
        return String(decoding: words.out, as: UTF8.self)
    }

    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            switch b {
            case 0x3C:  // a tag, skipped; its end separates words
                endWord()
                i += 1
                while i < n, bytes[i] != 0x3E { i += 1 }
                i += 1
            case 0x26:  // an entity, when `&name;` with at most 10 name bytes
                var k = i + 1
                while k < n, bytes[k] != 0x3B, Self.isEntityName(bytes[k]), k - i <= 10 { k += 1 }
                if k < n, bytes[k] == 0x3B {
                    let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<k]), as: UTF8.self)
                    for scalar in Self.decodeEntity(name).unicodeScalars { fold(scalar) }
                    i = k + 1
                } else {
                    endWord()
                    i += 1
                }
            case 0..<0x80:
                foldASCII(b)
                i += 1
            default:
                let (scalar, length) = Self.decode(bytes, at: i)
                fold(scalar)
                i += length
            }
        }
    }

    private static func isEntityName(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x23
    }

    /// The scalar starting at `i` of valid UTF-8 (a Swift string's bytes) and its length.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b = UInt32(bytes[i])
        let value: UInt32, length: Int
        if b < 0xE0 {
            value = (b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); length = 2
        } else if b < 0xF0 {
            value = (b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); length = 3
        } else {
            value = (b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
            length = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    private mutating func foldASCII(_ b: UInt8) {
        switch b {
        case 0x30...0x39, 0x61...0x7A: append(b)
        case 0x41...0x5A: append(b + 0x20)
        default: endWord()
        }
    }

    /// One scalar folded onto the word being built, or ending it.
    private mutating func fold(_ scalar: Unicode.Scalar) {
        let v = scalar.value
        if v < 0x80 { return foldASCII(UInt8(v)) }
        if Int(v) < table.count {
            switch table[Int(v)] {
            case 0: endWord()
            case 1: for b in String(scalar.properties.lowercaseMapping).utf8 { append(b) }
            case 2: break  // a combining mark of decomposed text: the letter before it stands
            case let ascii: append(ascii)
            }
        } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            for b in String(scalar.properties.lowercaseMapping).utf8 { append(b) }
        } else {
            endWord()
        }
    }

    /// Keeps the word folded so far, unless it is already in: then it is cut off again.
    private mutating func endWord() {
        let count = out.count - wordStart
        guard count > 0 else { return }
        guard distinct else {
            hash = Self.offsetBasis
            wordStart = out.count
            return
        }
        let mask = slots.count - 1
        var slot = Self.slot(hash) & mask
        hash = Self.offsetBasis
        while slots[slot].start != 0 {
            let (start, length) = (Int(slots[slot].start) - 1, Int(slots[slot].count))
            if length == count, out[start..<(start + length)].elementsEqual(out[wordStart...]) {
                out.removeSubrange((wordStart - (wordStart > 0 ? 1 : 0))...)
                wordStart = out.count
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = (Int32(wordStart + 1), Int32(count))
        wordStart = out.count
        used += 1
        if used * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: (0, 0), count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry.start != 0 {
            var h = Self.offsetBasis
            for b in out[(Int(entry.start) - 1)..<(Int(entry.start) - 1 + Int(entry.count))] { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            var slot = Self.slot(h) & mask
            while slots[slot].start != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// FNV-1a, folded: words are short and this is no defence against crafted collisions, which
    /// would cost only time, on the author's own site.
    private static func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash ^ (hash >> 29)) }

    /// An HTML entity's text (`amp` → `&`, `#233` → `é`); one it does not know stays as written.
    static func decodeEntity(_ entity: String) -> String {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "nbsp": return " "
        default:
            if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let v = UInt32(entity.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) { return String(s) }
            if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let s = Unicode.Scalar(v) { return String(s) }
            return "&\(entity);"
        }
    }
}
