import Foundation

/// A calendar day, without a time zone.
public struct CivilDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var isValid: Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        return day <= CivilDate.daysIn(month: month, year: year)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// `2024-01-10`
    public var description: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// A publication time: the instant, and the calendar day it falls on in the site's time zone.
public struct Timestamp: Hashable, Sendable, Comparable {
    public var instant: Date
    public var local: CivilDate

    public init(instant: Date, local: CivilDate) {
        self.instant = instant
        self.local = local
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.instant < b.instant }

    /// RFC 3339 in UTC, for feeds and sitemaps: `2024-01-10T10:50:00Z`.
    public var rfc3339: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        return "\(CivilDate.pad(c.year!, 4))-\(CivilDate.pad(c.month!, 2))-\(CivilDate.pad(c.day!, 2))T"
            + "\(CivilDate.pad(c.hour!, 2)):\(CivilDate.pad(c.minute!, 2)):\(CivilDate.pad(c.second!, 2))Z"
    }
}

/// Why a date text could not be read.
public enum DateParseError: Error, Equatable, Sendable {
    case malformed
    case nonexistent(CivilDate)
    case badTime
}

/// Reads the date forms writers use in front-matter: `2024-01-10`, `2024-01-10 17:50`,
/// `2024-01-10T17:50:00`, optionally with fractional seconds and `Z` or `+07:00`; with
/// `vietnameseForms`, also `10/01/2024`, `10/01/2024 17:50` (day first, never month first) and
/// `ngày 10 tháng 1 năm 2024`. A time without an offset is in `timeZone`.
public struct DateParser: Sendable {
    public let timeZone: TimeZone
    public let vietnameseForms: Bool
    private let calendar: Calendar

    public init(timeZone: TimeZone, vietnameseForms: Bool = false) {
        self.timeZone = timeZone
        self.vietnameseForms = vietnameseForms
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    public func civilDate(_ text: String) -> Result<CivilDate, DateParseError> {
        let text = vietnameseForms ? VietnameseDate.iso(text) ?? text : text
        let bytes = Array(text.trimmingSpaces.utf8)
        guard bytes.count == 10 else { return .failure(.malformed) }
        return Self.readDay(bytes)
    }

    public func timestamp(_ text: String) -> Result<Timestamp, DateParseError> {
        let text = vietnameseForms ? VietnameseDate.iso(text) ?? text : text
        let bytes = Array(text.trimmingSpaces.utf8)
        guard bytes.count >= 10 else { return .failure(.malformed) }
        let day: CivilDate
        switch Self.readDay(bytes) {
        case .success(let d): day = d
        case .failure(let e): return .failure(e)
        }
        var clock = Clock()
        if bytes.count > 10 {
            switch Self.readClock(bytes, from: 10) {
            case .success(let c): clock = c
            case .failure(let e): return .failure(e)
            }
        }
        let (hour, minute, second, nanos, offsetSeconds) = (clock.hour, clock.minute, clock.second, clock.nanos, clock.offsetSeconds)
        var components = DateComponents()
        components.year = day.year; components.month = day.month; components.day = day.day
        components.hour = hour; components.minute = minute; components.second = second
        components.nanosecond = nanos
        var cal = calendar
        if let offsetSeconds { cal.timeZone = TimeZone(secondsFromGMT: offsetSeconds) ?? timeZone }
        guard let instant = cal.date(from: components) else { return .failure(.malformed) }
        let local = calendar.dateComponents([.year, .month, .day], from: instant)
        return .success(Timestamp(instant: instant, local: CivilDate(year: local.year!, month: local.month!, day: local.day!)))
    }

    /// The time of day and offset after a date: `T17:50`, ` 17:50:05.5+07:00`, `Z`.
    private struct Clock {
        var hour = 0, minute = 0, second = 0, nanos = 0
        var offsetSeconds: Int?
    }

    private static func readClock(_ bytes: [UInt8], from start: Int) -> Result<Clock, DateParseError> {
        var c = Clock()
        var i = start
        guard bytes[i] == UInt8(ascii: "T") || bytes[i] == UInt8(ascii: "t") || bytes[i] == UInt8(ascii: " ") else {
            return .failure(.malformed)
        }
        i += 1
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        guard let h = number(bytes, &i, 2), expect(bytes, &i, ":"), let m = number(bytes, &i, 2) else {
            return .failure(.malformed)
        }
        c.hour = h; c.minute = m
        if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
            i += 1
            guard let s = number(bytes, &i, 2) else { return .failure(.malformed) }
            c.second = s
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                var digits = 0, value = 0
                while i < bytes.count, let d = digit(bytes[i]) {
                    if digits < 9 { value = value * 10 + d; digits += 1 }
                    i += 1
                }
                guard digits > 0 else { return .failure(.malformed) }
                for _ in digits..<9 { value *= 10 }
                c.nanos = value
            }
        }
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        if i < bytes.count {
            if bytes[i] == UInt8(ascii: "Z") || bytes[i] == UInt8(ascii: "z") {
                c.offsetSeconds = 0
                i += 1
            } else if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                let sign = bytes[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = number(bytes, &i, 2) else { return .failure(.malformed) }
                var om = 0
                if i < bytes.count {
                    _ = expect(bytes, &i, ":")
                    guard let m = number(bytes, &i, 2) else { return .failure(.malformed) }
                    om = m
                }
                guard oh <= 23, om <= 59 else { return .failure(.badTime) }
                c.offsetSeconds = sign * (oh * 3600 + om * 60)
            }
        }
        guard i == bytes.count else { return .failure(.malformed) }
        guard c.hour <= 23, c.minute <= 59, c.second <= 60 else { return .failure(.badTime) }
        return .success(c)
    }

    /// The instant at which `day` begins in the site's time zone.
    public func startOf(_ day: CivilDate) -> Timestamp {
        var components = DateComponents()
        components.year = day.year; components.month = day.month; components.day = day.day
        return Timestamp(instant: calendar.date(from: components) ?? Date(timeIntervalSince1970: 0), local: day)
    }

    private static func readDay(_ b: [UInt8]) -> Result<CivilDate, DateParseError> {
        var i = 0
        guard let y = number(b, &i, 4), expect(b, &i, "-"), let m = number(b, &i, 2), expect(b, &i, "-"),
              let d = number(b, &i, 2) else { return .failure(.malformed) }
        let date = CivilDate(year: y, month: m, day: d)
        return date.isValid ? .success(date) : .failure(.nonexistent(date))
    }

    private static func digit(_ b: UInt8) -> Int? {
        b >= 48 && b <= 57 ? Int(b - 48) : nil
    }

    private static func number(_ b: [UInt8], _ i: inout Int, _ width: Int) -> Int? {
        guard i + width <= b.count else { return nil }
        var value = 0
        for k in i..<(i + width) {
            guard let d = digit(b[k]) else { return nil }
            value = value * 10 + d
        }
        i += width
        return value
    }

    private static func expect(_ b: [UInt8], _ i: inout Int, _ c: Unicode.Scalar) -> Bool {
        guard i < b.count, b[i] == UInt8(ascii: c) else { return false }
        i += 1
        return true
    }
}

/// Dates as Vietnamese documents and portals print them, rewritten into the ISO form the parser
/// reads: `10/01/2024` → `2024-01-10`, `10/01/2024 17:50` → `2024-01-10 17:50`,
/// `ngày 10 tháng 1 năm 2024` → `2024-01-10`. The day always comes first. A day or month out of
/// range is kept as written (`2024-13-10`), so the parser names what is wrong.
enum VietnameseDate {
    static func iso(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces
        return numeric(trimmed) ?? spelled(trimmed)
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func isoText(_ day: Int, _ month: Int, _ year: Int, time: (Int, Int)?) -> String {
        var out = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        if let (h, m) = time { out += " \(pad(h, 2)):\(pad(m, 2))" }
        return out
    }

    /// `D/M/YYYY` (also with `-` or `.`), then an optional ` H:MM`.
    private static func numeric(_ text: String) -> String? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count) else { return nil }
        let date = parts[0]
        guard let separator = date.first(where: { $0 == "/" || $0 == "-" || $0 == "." }) else { return nil }
        let fields = date.split(separator: separator, omittingEmptySubsequences: false)
        guard fields.count == 3, (1...2).contains(fields[0].count), (1...2).contains(fields[1].count), fields[2].count == 4,
              let day = Int(fields[0]), let month = Int(fields[1]), let year = Int(fields[2]),
              fields.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        var time: (Int, Int)?
        if parts.count == 2 {
            let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard clock.count == 2, (1...2).contains(clock[0].count), clock[1].count == 2,
                  let h = Int(clock[0]), let m = Int(clock[1]) else { return nil }
            time = (h, m)
        }
        return isoText(day, month, year, time: time)
    }

    /// `ngày 10 tháng 1 năm 2024`, in any case, with the words precomposed or not.
    private static func spelled(_ text: String) -> String? {
        // Only `ngày …` can be one: ISO dates skip the normalising below.
        guard let first = text.utf8.first, first | 0x20 == UInt8(ascii: "n") else { return nil }
        let words = text.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: \.isWhitespace)
        guard words.count == 6, words[0] == "ngày", words[2] == "tháng", words[4] == "năm",
              let day = Int(words[1]), let month = Int(words[3]), let year = Int(words[5]), words[5].count == 4 else { return nil }
        return isoText(day, month, year, time: nil)
    }
}
