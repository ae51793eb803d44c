import Foundation

/// URL names as the contract defines them: lower-case ASCII words joined by `-`. Vietnamese
/// letters lose their marks, `đ`/`Đ` become `d`, anything else that is not a letter or digit
/// separates words.
public enum Slug {
    public static func make(_ text: String) -> String {
        // `fold` and the slug rule in one pass on bytes: every article's slug and every tag's
        // link is made here, and going through a folded string first showed in profiles.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSeparator = false
        func emit(_ v: UInt32) {
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
                if pendingSeparator && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingSeparator = false
                out.append(UInt8(v))
            } else {
                pendingSeparator = true
            }
        }
        let table = FoldTable.latin
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                emit(v >= 0x41 && v <= 0x5A ? v + 0x20 : v)
            } else if Int(v) < table.count {
                switch table[Int(v)] {
                case 0, 1:
                    for s in scalar.properties.lowercaseMapping.unicodeScalars where !(0x0300...0x036F).contains(s.value) { emit(s.value) }
                case 2: continue
                case let ascii: emit(UInt32(ascii))
                }
            } else {
                for s in slowFold(String(scalar)).unicodeScalars { emit(s.value) }
            }
        }
        return capped(String(decoding: out, as: UTF8.self))
    }

    /// The longest a slug gets: a URL stays readable, and a page's folder name stays far below
    /// the 255 bytes a file system allows (a long title used to fail the build, not the check).
    public static let maximumLength = 80

    /// `slug` cut to `maximumLength` at the last word boundary (a single longer word is cut).
    static func capped(_ slug: String) -> String {
        guard slug.utf8.count > maximumLength else { return slug }
        let bytes = Array(slug.utf8)  // ASCII only
        let cutsAWord = bytes[maximumLength] != UInt8(ascii: "-")
        var end = maximumLength
        if cutsAWord, let dash = bytes[..<maximumLength].lastIndex(of: UInt8(ascii: "-")) { end = dash }
        while end > 0, bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// Lower-cases and strips diacritics, keeping only ASCII letters and digits meaningful.
    /// Also used for accent-insensitive comparison. Letters below U+2000 (all of Vietnamese)
    /// go through `FoldTable`; Unicode normalization, ten times slower, only for the rest.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 0x20)! : scalar)
            } else if Int(v) < FoldTable.latin.count {
                switch FoldTable.latin[Int(v)] {
                case 0, 1: out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars.filter { !(0x0300...0x036F).contains($0.value) })
                case 2: continue
                case let ascii: out.append(Unicode.Scalar(ascii))
                }
            } else {
                out.append(contentsOf: slowFold(String(scalar)).unicodeScalars)
            }
        }
        return String(out)
    }

    static func slowFold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue  // combining marks
            case 0x0111, 0x0110: out.append("d")  // đ Đ do not decompose
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}

/// What each scalar below U+2000 folds to: 0 separates words, 1 is a letter kept (lower-cased),
/// 2 is a combining mark, dropped; anything else is the ASCII letter or digit it stands for once its marks are gone (`ộ` → `o`).
enum FoldTable {
    /// Read from `written`: computing it from Unicode's decompositions (`computed`) at every
    /// start took 5 ms of each rebuild.
    static let latin: [UInt8] = {
        var out: [UInt8] = []
        out.reserveCapacity(0x2000)
        for b in written.utf8 where b != 0x0A {
            out.append(b == UInt8(ascii: ".") ? 0 : b == UInt8(ascii: "+") ? 1 : b == UInt8(ascii: "~") ? 2 : b)
        }
        return out
    }()

    /// The table a character each (`.` 0, `+` 1, `~` 2, else the letter or digit), 128 a line,
    /// as `computed` makes it (a test checks that they agree).
    static let written = """
        ................................................0123456789.......abcdefghijklmnopqrstuvwxyz......abcdefghijklmnopqrstuvwxyz.....
        ..........................................+.......++.+...++.+++.aaaaaa+ceeeeiiii+nooooo.+uuuuy++aaaaaa+ceeeeiiii+nooooo.+uuuuy+y
        aaaaaaccccccccddddeeeeeeeeeegggggggghh++iiiiiiiii+++jjkk+llllll++++nnnnnn+++oooooo++rrrrrrsssssssstttt++uuuuuuuuuuuuwwyyyzzzzzz+
        ++++++++++++++++++++++++++++++++oo+++++++++++++uu++++++++++++++++++++++++++++aaiioouuuuuuuuuu+aaaa++++ggkkoooo++j+++gg++nnaa++++
        aaaaeeeeiiiioooorrrruuuusstt++hh++++++aaeeooooooooyy++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++
        ++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++....++++++++++++..............+++++.......+.+.................
        ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~+++++.++..++++.+
        ......+.+++.+.++++++++++++++++++++.+++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++.+++++++++
        ++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++
        ++.~~~~~..++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++
        ++++++++++++++++++++++++++++++++++++++++++++++++.++++++++++++++++++++++++++++++++++++++..+......++++++++++++++++++++++++++++++++
        +++++++++........~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~.~.~~.~~.~........+++++++++++++++++++++++++++....++++.............
        ................~~~~~~~~~~~.....+++++++++++++++++++++++++++++++++++++++++++~~~~~~~~~~~~~~~~~~~~~++++++++++....++~+++++++++++++++
        ++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++.+~~~~~~~..~~~~~~++~~.~~~~+++++++++++++++..+
        ................+~++++++++++++++++++++++++++++++~~~~~~~~~~~~~~~~~~~~~~~~~~~..+++++++++++++++++++++++++++++++++++++++++++++++++++
        ++++++++++++++++++++++++++++++++++++++~~~~~~~~~~~+..............+++++++++++++++++++++++++++++++++++++++++++~~~~~~~~~++....+..~..
        ++++++++++++++++++++++~~~~+~~~~~~~~~+~~~+~~~~~..................+++++++++++++++++++++++++~~~....+++++++++++.....++++++++++++++++
        ++++++++.+++++++.......~~~~~~~~~++++++++++++++++++++++++++++++++++++++++++~~~~~~~~~~~~~~~~~~~~~~~~.~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
        ~~~+++++++++++++++++++++++++++++++++++++++++++++++++++++++~+~++++~~~~~~~~++++~+++~~~~~~~++++++++++~~..++++++++++.+++++++++++++++
        +~++.++++++++..++..++++++++++++++++++++++.+++++++.+...++++..~++++~~~~..++..++~+........+....++.+++~~..++++++++++++..++++++..+.~.
        .~~+.++++++....++..++++++++++++++++++++++.+++++++.++.++.++..~.+++~~....~~..~~~...~.......++++.+.......++++++++++~~+++~..........
        .~~+.+++++++++.+++.++++++++++++++++++++++.+++++++.++.+++++..~++++~~~~~.~~+.++~..+...............++~~..++++++++++.........+~~~~~~
        .~++.++++++++..++..++++++++++++++++++++++.+++++++.++.+++++..~++~+~~~~..++..++~.......~~+....++.+++~~..++++++++++.+++++++........
        ..~+.++++++...+++.++++...++.+.++...++...+++...++++++++++++....++~++...+++.+++~..+......+..............+++++++++++++.............
        ~+++~++++++++.+++.+++++++++++++++++++++++.++++++++++++++++..~+~~~++++.~~~.~~~~.......~~.+++.++..++~~..++++++++++........+++++++.
        +~++.++++++++.+++.+++++++++++++++++++++++.++++++++++.+++++..~++~+++++.~++.++~~.......++.....+++.++~~..++++++++++.+++............
        ~~+++++++++++.+++.+++++++++++++++++++++++++++++++++++++++++~~++++~~~~.+++.+++~+.....++++++++++++++~~..+++++++++++++++++++.++++++
        .~++.++++++++++++++++++...++++++++++++++++++++++++.+++++++++.+..+++++++...~....+++~~~.~.++++++++......++++++++++..++............
        .++++++++++++++++++++++++++++++++++++++++++++++++~++~~~~~~~.....+++++++~~~~~~~~.++++++++++......................................
        .++.+.+++++.++++++++++++++++++++++++.+.++++++++++~++~~~~~~~~~+..+++++.+.~~~~~~~.++++++++++..++++................................
        +.......................~~......++++++++++++++++++++.~.~.~......++++++++.++++++++++++++++++++++++++++++++++++....~~~~~~~~~~~~~~+
        ~~~~~.~~+++++~~~~~~~~~~~.~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~.........~.........................................................
        +++++++++++++++++++++++++++++++++++++++++++++~~~~+~~~~~~+~~++~~+++++++++++......++++++++~~++++~~~++++++++++++++++~~~~+++++++++++
        ++~++~~++++++~+++++++++++++++~..++++++++++++++++++++++++++++++++++++++.+.....+..+++++++++++++++++++++++++++++++++++++++++++.++++
        ++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++
        ++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++
        +++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++.++++..+++++++.+.++++..++++++++++++++++++++++++++++++++
        +++++++++.++++..+++++++++++++++++++++++++++++++++.++++..+++++++.+.++++..+++++++++++++++.++++++++++++++++++++++++++++++++++++++++
        +++++++++++++++++.++++..+++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++..~~~.........++++++++++++++++++++...
        ++++++++++++++++................++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++..++++++..
        .+++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++
        ++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++
        ++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++
        ++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++
        +++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++..+++++++++++++++++
        .++++++++++++++++++++++++++.....+++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++...+++++++++++.......
        ++++++++++++++++++~~~..........+++++++++++++++++++~~............++++++++++++++++++~~............+++++++++++++.+++.~~............
        ++++++++++++++++++++++++++++++++++++++++++++++++++++~~+~~~~~~~++++++++~++~~~~~~~~~~~...+....+~..++++++++++......++++++++++......
        ...........~~~.~++++++++++......+++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++.......
        +++++~~++++++++++++++++++++++++++++++++++~+.....++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++..........
        +++++++++++++++++++++++++++++++.~~~++++~~+++....++~++++++~~~..........++++++++++++++++++++++++++++++++++++++++..+++++...........
        ++++++++++++++++++++++++++++++++++++++++++++....++++++++++++++++++++++++++......+++++++++++.....................................
        +++++++++++++++++++++++~~++~....++++++++++++++++++++++++++++++++++++++++++++++++++++++~+~~~~~~~.~+~++~~~~~~~~++++++~~~~~~~~~~..~
        ++++++++++......++++++++++.............+........~~~~~~~~~~~~~~.~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~..~~~~~~~~~~~~....................
        ~~~~++++++++++++++++++++++++++++++++++++++++++++++++~+~~~~~+~+++++~+.++++++++...++++++++++.................~~~~~~~~~............
        ~~++++++++++++++++++++++++++++++++~~~~++~~.~~~++++++++++++++++++++++++++++++++++++++++++++++++++++++++~+~~+++~+~~~..............
        ++++++++++++++++++++++++++++++++++++++++++++~~~~~~~~++~~........++++++++++...+++++++++++++++++++++++++++++++++++++++++++++++++..
        +++++++++++.....+++++++++++++++++++++++++++++++++++++++++++..+++................~~~.~~~~~~~~~~~~~.~~~~~~~++++~++++++~++.~~+.....
        ++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++
        ++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
        aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv
        wwwwwwwwwwxxxxyyzzzzzzhtwy++++++aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy++++++
        ++++++++++++++++++++++..++++++..++++++++++++++++++++++++++++++++++++++..++++++..++++++++.+.+.+.+++++++++++++++++++++++++++++++..
        +++++++++++++++++++++++++++++++++++++++++++++++++++++.+++++++.+...+++.+++++++...++++..++++++....+++++++++++++.....+++.+++++++...
        """

    /// The table from Unicode's own decompositions.
    static var computed: [UInt8] {
        (0..<0x2000).map { v -> UInt8 in
            guard let scalar = Unicode.Scalar(UInt32(v)) else { return 0 }
            if v == 0x0111 || v == 0x0110 { return 0x64 }  // đ Đ do not decompose
            let props = scalar.properties
            if props.generalCategory == .nonspacingMark { return 2 }
            guard props.isAlphabetic || props.numericType != nil else { return 0 }
            let base = String(scalar).decomposedStringWithCanonicalMapping.lowercased().unicodeScalars.first!
            if base.value < 0x80, let ascii = UInt8(exactly: base.value),
               (ascii >= 0x61 && ascii <= 0x7A) || (ascii >= 0x30 && ascii <= 0x39) { return ascii }
            return 1
        }
    }
}
