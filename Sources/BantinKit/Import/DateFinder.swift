import Foundation

/// Dates as Vietnamese portals print them, found inside a line of text: `14/02/2023 15:20`,
/// `Thứ Ba, 14/02/2023 - 15:20`, `18:10 - 24/09/2022`, `10/01/2024 5:50:00 CH` (chiều: after
/// noon), `Cập nhật: 14/02/2023`, `ngày 14 tháng 2 năm 2023`, and, with no year, `ngày 9/2`.
struct FoundDate: Equatable, Sendable {
    var year: Int?
    var month: Int
    var day: Int
    var hour: Int?
    var minute: Int?
    /// Where in the line the date starts, for the sentence it came from.
    var offset: Int
}

enum DateFinder {
    private enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case mark(Character)
    }

    private static func tokens(_ line: String) -> [(Token, Int)] {
        var out: [(Token, Int)] = []
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isASCII && c.isNumber {
                let start = i
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
                let digits = String(chars[start..<i])
                out.append((.number(Int(digits.prefix(9)) ?? 0, digits: digits.count), start))
            } else if c.isLetter {
                let start = i
                while i < chars.count, chars[i].isLetter { i += 1 }
                out.append((.word(ImportText.fold(String(chars[start..<i]))), start))
            } else {
                if !c.isWhitespace { out.append((.mark(c), i)) }
                i += 1
            }
        }
        return out
    }

    /// Every date in `line`, in order. `needsDayWord`: a date without a year counts only after
    /// "ngày" (a bare `9/2` is as likely a score or a ratio).
    static func dates(in line: String) -> [FoundDate] {
        let t = tokens(line)
        var out: [FoundDate] = []
        var i = 0
        func number(_ k: Int) -> (Int, Int)? { if k < t.count, case .number(let n, let d) = t[k].0 { return (n, d) }; return nil }
        func mark(_ k: Int) -> Character? { if k < t.count, case .mark(let m) = t[k].0 { return m }; return nil }
        func word(_ k: Int) -> String? { if k < t.count, case .word(let w) = t[k].0 { return w }; return nil }
        while i < t.count {
            // d/m/yyyy, d-m-yyyy, d.m.yyyy
            if let (d, _) = number(i), let sep = mark(i + 1), "/-.".contains(sep), let (m, _) = number(i + 2),
               mark(i + 3) == sep, let (y, yd) = number(i + 4), yd == 4, valid(d, m, y) {
                var found = FoundDate(year: y, month: m, day: d, offset: t[i].1)
                attachTime(t, around: i, upto: i + 5, to: &found)
                out.append(found)
                i += 5
                continue
            }
            // ngày d tháng m [năm yyyy]
            if word(i) == "ngay", let (d, _) = number(i + 1), word(i + 2) == "thang", let (m, _) = number(i + 3) {
                var found = FoundDate(year: nil, month: m, day: d, offset: t[i].1)
                var end = i + 4
                if word(i + 4) == "nam", let (y, yd) = number(i + 5), yd == 4 { found.year = y; end = i + 6 }
                if valid(d, m, found.year ?? 2000) { out.append(found); i = end; continue }
            }
            // ngày d/m (no year)
            if word(i) == "ngay", let (d, _) = number(i + 1), mark(i + 2) == "/", let (m, _) = number(i + 3), valid(d, m, 2000),
               !(mark(i + 4) == "/" && number(i + 5) != nil) {
                out.append(FoundDate(year: nil, month: m, day: d, offset: t[i].1))
                i += 4
                continue
            }
            i += 1
        }
        return out
    }

    private static func valid(_ d: Int, _ m: Int, _ y: Int) -> Bool {
        (1...12).contains(m) && (1900...2100).contains(y) && d >= 1 && d <= CivilDate.daysIn(month: m, year: y)
    }

    /// A time right after the date (`15:20`, `- 15:20`, `5:50:00 CH`) or right before it (`18:10 - 24/09/2022`).
    private static func attachTime(_ t: [(Token, Int)], around start: Int, upto end: Int, to found: inout FoundDate) {
        func time(at k: Int) -> (Int, Int, Int)? {  // hour, minute, tokens used
            guard k + 2 < t.count, case .number(let h, _) = t[k].0, case .mark(":") = t[k + 1].0, case .number(let m, let md) = t[k + 2].0,
                  md == 2, h < 24, m < 60 else { return nil }
            var used = 3
            if k + 4 < t.count, case .mark(":") = t[k + 3].0, case .number = t[k + 4].0 { used = 5 }
            var hour = h
            if k + used < t.count, case .word(let w) = t[k + used].0 {
                if (w == "ch" || w == "pm" || w == "chieu" || w == "toi"), hour < 12 { hour += 12 }
                if (w == "sa" || w == "am" || w == "sang"), hour == 12 { hour = 0 }
            }
            return (hour, m, used)
        }
        var k = end
        if k < t.count, case .mark(let c) = t[k].0, "-–,|".contains(c) { k += 1 }
        if let (h, m, _) = time(at: k) { found.hour = h; found.minute = m; return }
        // Before: `18:10 - 24/09/2022`.
        for back in [start - 4, start - 3, start - 6, start - 5] where back >= 0 {
            if let (h, m, used) = time(at: back), back + used <= start, back + used >= start - 1 {
                found.hour = h; found.minute = m; return
            }
        }
    }

    /// The years a text names (`năm 2023`, `2019-2020`), in order.
    static func years(in text: String) -> [Int] {
        tokens(text).compactMap { token, _ in
            if case .number(let n, 4) = token, (1950...2100).contains(n) { return n }
            return nil
        }
    }
}
