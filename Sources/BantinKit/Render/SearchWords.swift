/// The distinct folded words of rendered HTML, in one pass over its bytes: what
/// `SearchIndex.distinctWords(SearchIndex.fold(SearchIndex.plainText(html)))` gives, without the
/// two intermediate strings and with a plain byte hash instead of `Set<String>`'s SipHash. The
/// search index does this for every article's body and it was the largest single cost of
/// building a 10k-article site.
struct SearchWords {
    /// The words so far, separated by single spaces.
    private var out: [UInt8] = []
    /// The word being folded.
    private var word: [UInt8] = []
    /// Open addressing over `out`: each slot holds a word's start in `out` plus one (0 is empty)
    /// and its length, so the table never copies a word.
    private var slots: [(start: Int32, count: Int32)]
    private var used = 0

    private init(capacity: Int) {
        out.reserveCapacity(capacity)
        word.reserveCapacity(64)
        slots = Array(repeating: (0, 0), count: 256)
    }

    static func of(html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in
            var words = SearchWords(capacity: bytes.count / 2)
            words.read(bytes)
            words.endWord()
            return String(decoding: words.out, as: UTF8.self)
        }
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
                    for scalar in SearchIndex.decodeEntity(name).unicodeScalars { fold(scalar) }
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
        case 0x30...0x39, 0x61...0x7A: word.append(b)
        case 0x41...0x5A: word.append(b + 0x20)
        default: endWord()
        }
    }

    /// The same folding as `SearchIndex.fold`, a scalar at a time.
    private mutating func fold(_ scalar: Unicode.Scalar) {
        let v = scalar.value
        if v < 0x80 { return foldASCII(UInt8(v)) }
        if Int(v) < FoldTable.latin.count {
            switch FoldTable.latin[Int(v)] {
            case 0: endWord()
            case 1: word.append(contentsOf: String(scalar.properties.lowercaseMapping).utf8)
            case 2: break  // a combining mark of decomposed text: the letter before it stands
            case let ascii: word.append(ascii)
            }
        } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            word.append(contentsOf: String(scalar.properties.lowercaseMapping).utf8)
        } else {
            endWord()
        }
    }

    /// Adds the word folded so far, unless it is already in.
    private mutating func endWord() {
        guard !word.isEmpty else { return }
        defer { word.removeAll(keepingCapacity: true) }
        let mask = slots.count - 1
        var slot = Self.hash(word) & mask
        while slots[slot].start != 0 {
            let (start, count) = (Int(slots[slot].start) - 1, Int(slots[slot].count))
            if count == word.count, out[start..<(start + count)].elementsEqual(word) { return }
            slot = (slot + 1) & mask
        }
        if !out.isEmpty { out.append(0x20) }
        slots[slot] = (Int32(out.count + 1), Int32(word.count))
        out.append(contentsOf: word)
        used += 1
        if used * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: (0, 0), count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry.start != 0 {
            var slot = Self.hash(out[(Int(entry.start) - 1)..<(Int(entry.start) - 1 + Int(entry.count))]) & mask
            while slots[slot].start != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// FNV-1a: words are short and this is no defence against crafted collisions, which would
    /// cost only time, on the author's own site.
    private static func hash(_ bytes: some Collection<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf29ce484222325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100000001b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
