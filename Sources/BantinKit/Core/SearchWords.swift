import Glibc

/// Folded words for the search index: lower case, no diacritics, `đ` → `d`, words joined by
/// single spaces (`khuyen hoc` finds `khuyến học`). `of(html:)` gives a rendered body's distinct
/// words in one pass over its bytes (tags dropped, entities decoded), with a plain byte hash
/// instead of `Set<String>`'s SipHash: the search index does this for every article's body and
/// it was the largest single cost of building a 10k-article site. `folded(_:)` folds plain text
/// (titles, names) and keeps every word.
struct SearchWords: ~Copyable {
    /// The words so far, separated by single spaces, then the word being folded (from
    /// `wordStart`), which `endWord` keeps or cuts off: a buffer of its own, written byte by
    /// byte without an array's checks (this runs over every byte of every article).
    private var out: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private var wordStart = 0
    /// FNV-1a of the word being folded, kept as its bytes are appended.
    private var hash: UInt64 = Self.offsetBasis
    private static let offsetBasis: UInt64 = 0xcbf29ce484222325
    private let table: [UInt8]
    /// Open addressing over `out`: each slot holds a word's start in `out` plus one (0 is empty)
    /// and its length, so the table never copies a word.
    private var slots: UnsafeMutablePointer<(start: Int32, count: Int32)>
    private var slotCount: Int
    private var used = 0
    /// Whether a word already in is cut off again.
    private let distinct: Bool

    private init(capacity: Int, distinct: Bool) {
        self.capacity = max(64, capacity)
        out = .allocate(capacity: self.capacity)
        self.distinct = distinct
        slotCount = distinct ? 256 : 0
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: (0, 0), count: slotCount)
        table = FoldTable.latin
    }

    deinit {
        out.deallocate()
        slots.deallocate()
    }

    /// The words as text.
    private var text: String { String(decoding: UnsafeBufferPointer(start: out, count: count), as: UTF8.self) }

    private mutating func append(_ b: UInt8) {
        if count + 2 > capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: out, count: count)
            out.deallocate()
            (out, capacity) = (grown, capacity * 2)
        }
        if wordStart == count, count > 0 {  // the first byte of a word after another
            out[count] = 0x20
            count += 1
            wordStart += 1
        }
        out[count] = b
        count += 1
        hash = (hash ^ UInt64(b)) &* 0x100000001b3
    }

    static func of(html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in
            var words = SearchWords(capacity: bytes.count / 2, distinct: true)
            words.read(bytes)
            words.endWord()
            return words.text
        }
    }

    /// Plain text folded, every word kept: `Hội Khuyến học ĐOÀN, 2024!` → `hoi khuyen hoc doan 2024`.
    static func folded(_ text: String) -> String {
        var words = SearchWords(capacity: text.utf8.count, distinct: false)
        for scalar in text.unicodeScalars { words.fold(scalar) }
        words.endWord()
        return words.text
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
            case 0xC0..<0xE0 where i + 1 < n:
                // Two bytes (Latin-1 and Latin Extended: most Vietnamese letters with one mark):
                // looked up at once, without making a scalar.
                let v = Int(b & 0x1F) << 6 | Int(bytes[i + 1] & 0x3F)
                switch table[v] {
                case 0: endWord()
                case 1, 2: fold(Unicode.Scalar(UInt32(v))!)
                case let ascii: append(ascii)
                }
                i += 2
            case 0xE0..<0xF0 where i + 2 < n && b != 0xE2:
                // Three bytes below U+2000 (Latin Extended Additional: ệ, ố, ữ…), likewise.
                let v = Int(b & 0x0F) << 12 | Int(bytes[i + 1] & 0x3F) << 6 | Int(bytes[i + 2] & 0x3F)
                if v < table.count, table[v] > 2 {
                    append(table[v])
                } else {
                    fold(Unicode.Scalar(UInt32(v)) ?? "\u{FFFD}")
                }
                i += 3
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
        let length = count - wordStart
        guard length > 0 else { return }
        guard distinct else {
            hash = Self.offsetBasis
            wordStart = count
            return
        }
        let mask = slotCount - 1
        var slot = Self.slot(hash) & mask
        hash = Self.offsetBasis
        while slots[slot].start != 0 {
            let (start, known) = (Int(slots[slot].start) - 1, Int(slots[slot].count))
            if known == length, memcmp(out + start, out + wordStart, length) == 0 {
                count = wordStart - (wordStart > 0 ? 1 : 0)
                wordStart = count
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = (Int32(wordStart + 1), Int32(length))
        wordStart = count
        used += 1
        if used * 2 > slotCount { grow() }
    }

    private mutating func grow() {
        let (old, oldCount) = (slots, slotCount)
        slotCount *= 2
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: (0, 0), count: slotCount)
        let mask = slotCount - 1
        for k in 0..<oldCount where old[k].start != 0 {
            let entry = old[k]
            var h = Self.offsetBasis
            for b in UnsafeBufferPointer(start: out + Int(entry.start) - 1, count: Int(entry.count)) { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            var slot = Self.slot(h) & mask
            while slots[slot].start != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
        old.deallocate()
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
