/// Vietnamese alphabetical order (a ă â b c d đ e ê … o ô ơ … u ư …, then tone marks), so lists
/// sort as readers expect rather than by code point.
public enum VietnameseOrder {
    private static let alphabet: [Character] = Array("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")  // with f j w z for loanwords
    private static let rank: [Character: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })
    /// Tones in their conventional order: none, huyền, sắc, hỏi, ngã, nặng.
    private static let toneRank: [UInt32: Int] = [0x0300: 1, 0x0301: 2, 0x0309: 3, 0x0303: 4, 0x0323: 5]

    public static func less(_ a: String, _ b: String, tie: Bool = false) -> Bool {
        less(key(a), a, key(b), b, tie: tie)
    }

    static func less(_ ka: (base: [Int], tones: [Int]), _ a: String, _ kb: (base: [Int], tones: [Int]), _ b: String, tie: Bool) -> Bool {
        if ka.base != kb.base { return ka.base.lexicographicallyPrecedes(kb.base) }
        if ka.tones != kb.tones { return ka.tones.lexicographicallyPrecedes(kb.tones) }
        return a == b ? tie : a < b
    }

    /// `items` in the Vietnamese order of `name`, each key computed once (a sort compares each
    /// item many times, and a key decomposes every letter); `tie` orders equal names.
    public static func sorted<T>(_ items: [T], name: (T) -> String, tie: (T, T) -> Bool) -> [T] {
        var memo: [Character: (base: Int, tone: Int)] = [:]
        let keyed = items.map { item in (item: item, name: name(item), key: key(name(item), memo: &memo)) }
        return keyed.sorted { a, b in less(a.key, a.name, b.key, b.name, tie: tie(a.item, b.item)) }.map(\.item)
    }

    /// Letters ranked by the alphabet (non-alphabet characters after, by code point), and tones.
    static func key(_ s: String) -> (base: [Int], tones: [Int]) {
        var memo: [Character: (base: Int, tone: Int)] = [:]
        return key(s, memo: &memo)
    }

    /// `memo` keeps each letter's rank and tone: names share most of their letters, and each
    /// costs two Unicode normalizations.
    static func key(_ s: String, memo: inout [Character: (base: Int, tone: Int)]) -> (base: [Int], tones: [Int]) {
        var base: [Int] = []
        var tones: [Int] = []
        for ch in s.lowercased() {
            if let known = memo[ch] {
                base.append(known.base)
                tones.append(known.tone)
                continue
            }
            var letter = ""
            var tone = 0
            for scalar in String(ch).decomposedStringWithCanonicalMapping.unicodeScalars {
                if let t = toneRank[scalar.value] { tone = t } else { letter.unicodeScalars.append(scalar) }
            }
            let composed = Character(letter.precomposedStringWithCanonicalMapping.isEmpty ? " " : letter.precomposedStringWithCanonicalMapping)
            if let r = rank[composed] {
                base.append(r)
            } else if let digit = composed.wholeNumberValue, composed.isASCII {
                base.append(-20 + digit)  // digits before letters
            } else if composed.isWhitespace {
                base.append(-50)
            } else {
                base.append(1000 + Int(composed.unicodeScalars.first!.value))
            }
            tones.append(tone)
            memo[ch] = (base.last!, tone)
        }
        return (base, tones)
    }
}

import Foundation
