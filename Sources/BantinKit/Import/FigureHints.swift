import Foundation

/// Figures an imported article's text reports ("26.330 học sinh, sinh viên", "29,5% dân số",
/// "23 tập thể, 26 cá nhân", "100 suất học bổng"), offered as commented-out `statistics` and
/// `awards` lines, each under the sentence it came from. Nothing is published until someone
/// has checked the figure against its sentence and taken the `#` away.
struct FigureHint: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case statistic(key: String, label: String?, unit: String?)
        case award(title: String, collective: Bool)
    }
    var kind: Kind
    /// As YAML reads it whatever the site's language: 26330, 29.5.
    var value: String
    var sentence: String
}

enum FigureHints {
    /// Units Bantin knows without a catalog entry; the catalog's labels and units are added.
    static let baseUnits = ["hoi vien", "hoc sinh, sinh vien", "hoc sinh", "sinh vien", "em", "gia dinh", "dong ho", "don vi",
                            "suat hoc bong", "suat qua", "chi hoi", "hoi co so", "trung tam hoc tap cong dong", "nguoi"]

    static func find(in blocks: [ImportBlock], catalog: [StatisticDefinition]) -> [FigureHint] {
        var out: [FigureHint] = []
        for block in blocks {
            for sentence in sentences(block.text) {
                out += hints(in: sentence, catalog: catalog)
            }
        }
        return out
    }

    static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            current.append(c)
            let next = i + 1 < chars.count ? chars[i + 1] : " "
            if (c == "." || c == ";" || c == "!" || c == "?" || c == "\n") && (next == " " || next == "\n") {
                let s = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !s.isEmpty { out.append(s) }
                current = ""
            }
        }
        let s = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !s.isEmpty { out.append(s) }
        return out
    }

    static func hints(in sentence: String, catalog: [StatisticDefinition]) -> [FigureHint] {
        let chars = Array(sentence)
        var out: [FigureHint] = []
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber else { i += 1; continue }
            let start = i
            while i < chars.count, chars[i].isASCII && chars[i].isNumber || ((chars[i] == "." || chars[i] == ",") && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber) { i += 1 }
            let written = String(chars[start..<i])
            // Part of a word, a code or a ratio's second number (64.536 in 58.234/64.536).
            if start > 0, chars[start - 1].isLetter || chars[start - 1] == "/" || chars[start - 1] == "-" { continue }
            // A ratio (58.234/64.536), a range, a code (11-CT/TW) or a date is not a figure.
            if i < chars.count, chars[i] == "/" || chars[i] == "-" || chars[i] == ":" { continue }
            let before = ImportText.fold(String(chars[max(0, start - 8)..<start]))
            if ["ngay ", "nam ", "quy ", "so ", "thu ", "khoa "].contains(where: { before.hasSuffix($0) }) { continue }
            var k = i
            while k < chars.count, chars[k] == " " { k += 1 }
            let percent = k < chars.count && chars[k] == "%"
            guard let value = number(written, percent: percent) else { continue }
            // The words after the number, without their punctuation (`em;` is `em`), commas kept between them.
            let after = ImportText.fold(String(chars[(percent ? k + 1 : k)..<min(chars.count, k + 60)]))
                .split(whereSeparator: { $0 == " " || $0 == "/" }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".;:!?()\"'")) }
                .filter { !$0.isEmpty }.joined(separator: " ")
            if let hint = hint(value: value, percent: percent, after: after, catalog: catalog, sentence: sentence) { out.append(hint) }
        }
        return out
    }

    /// `26.330` → 26330, `29,5` → 29.5 (Vietnamese: dots group thousands, a comma marks decimals).
    static func number(_ written: String, percent: Bool) -> String? {
        let parts = written.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let whole = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        if whole.count > 1 { guard whole.dropFirst().allSatisfy({ $0.count == 3 }), (1...3).contains(whole[0].count) else { return nil } }
        let integer = whole.joined()
        guard !integer.isEmpty, let n = Int(integer) else { return nil }
        if parts.count == 2 { return "\(n).\(parts[1])" }
        // A bare four-digit number from 1950 to 2100 with no unit is a year; the caller checks the unit.
        return "\(n)"
    }

    static func hint(value: String, percent: Bool, after: String, catalog: [StatisticDefinition], sentence: String) -> FigureHint? {
        let quote = sentence.count > 220 ? String(sentence.prefix(217)) + "…" : sentence
        if percent {
            let entries = catalog.filter { $0.kind == .percent || $0.unit == "%" }
            let words = after.split(separator: " ").prefix(3).map(String.init)
            let entry = entries.first { e in words.contains { ImportText.fold(e.label).split(separator: " ").contains(Substring($0)) && $0.count > 2 } }
            guard let entry else { return nil }
            return FigureHint(kind: .statistic(key: entry.key, label: nil, unit: nil), value: value, sentence: quote)
        }
        if after.hasPrefix("tap the") { return FigureHint(kind: .award(title: awardTitle(sentence), collective: true), value: value, sentence: quote) }
        if after.hasPrefix("ca nhan") { return FigureHint(kind: .award(title: awardTitle(sentence), collective: false), value: value, sentence: quote) }
        // The catalog first: its label ("Suất học bổng đã trao") or its unit ("em").
        for entry in catalog where entry.kind != .percent && entry.unit != "%" {
            let label = ImportText.fold(entry.label)
            let unit = entry.unit.map(ImportText.fold)
            for length in stride(from: 5, through: 1, by: -1) {
                let phrase = after.split(separator: " ").prefix(length).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ",."))
                guard phrase.count >= 2 else { continue }
                if label.hasPrefix(phrase) && (length > 1 || phrase == label) || (length == 1 && unit == phrase && baseUnits.contains(phrase)) {
                    return FigureHint(kind: .statistic(key: entry.key, label: nil, unit: nil), value: value, sentence: quote)
                }
            }
        }
        if after.hasPrefix("suat hoc bong") { return FigureHint(kind: .award(title: "Học bổng", collective: false), value: value, sentence: quote) }
        guard let unit = baseUnits.first(where: { after.hasPrefix($0) && (after.count == $0.count || !after[after.index(after.startIndex, offsetBy: $0.count)].isLetter) }) else { return nil }
        let key = unit.replacingOccurrences(of: ", ", with: "_").replacingOccurrences(of: " ", with: "_")
        return FigureHint(kind: .statistic(key: key, label: originalWords(of: unit, in: sentence), unit: nil), value: value, sentence: quote)
    }

    static func awardTitle(_ sentence: String) -> String {
        let folded = ImportText.fold(sentence)
        if folded.contains("bang khen") { return "Bằng khen" }
        if folded.contains("giay khen") { return "Giấy khen" }
        if folded.contains("hoc bong") { return "Học bổng" }
        return "Khen thưởng"
    }

    /// The words of `unit` as the sentence writes them, marks and all (`hoi vien` → `hội viên`).
    static func originalWords(of unit: String, in sentence: String) -> String? {
        let words = sentence.split(separator: " ").map(String.init)
        let count = unit.split(separator: " ").count
        guard words.count >= count else { return nil }
        for i in 0...(words.count - count) {
            let phrase = words[i..<(i + count)].joined(separator: " ")
            if ImportText.fold(phrase).trimmingCharacters(in: CharacterSet(charactersIn: ",.;")) == unit {
                let text = phrase.trimmingCharacters(in: CharacterSet(charactersIn: ",.;"))
                return text.prefix(1).uppercased() + text.dropFirst()
            }
        }
        return nil
    }
}
