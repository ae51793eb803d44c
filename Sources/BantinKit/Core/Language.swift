/// The site's language: it chooses the UI strings and how numbers and dates are written.
public enum SiteLanguage: String, Sendable, CaseIterable {
    case vi, en

    var groupingSeparator: String { self == .vi ? "." : "," }
    var decimalSeparator: String { self == .vi ? "," : "." }

    /// `7575` → `7.575` (vi) or `7,575` (en); `29.5` → `29,5` (vi) or `29.5` (en).
    public func format(_ number: Number) -> String {
        let plain = number.plain
        guard !plain.utf8.contains(UInt8(ascii: "e")) else { return plain }
        // On bytes: the figures of every organisation page go through here.
        let bytes = Array(plain.utf8)
        var start = 0
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 3 + 4)
        if bytes.first == UInt8(ascii: "-") {
            out.append(UInt8(ascii: "-"))
            start = 1
        }
        let dot = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.count
        let digits = dot - start
        for i in start..<dot {
            if i > start && (digits - (i - start)) % 3 == 0 { out.append(contentsOf: groupingSeparator.utf8) }
            out.append(bytes[i])
        }
        if dot < bytes.count - 1 {
            out.append(contentsOf: decimalSeparator.utf8)
            out.append(contentsOf: bytes[(dot + 1)...])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public func format(_ value: Int) -> String { format(Number.integer(value)) }

    /// `10/01/2024` (vi) or `10 January 2024` (en).
    public func format(_ date: CivilDate) -> String {
        switch self {
        case .vi:
            return "\(CivilDate.pad(date.day, 2))/\(CivilDate.pad(date.month, 2))/\(CivilDate.pad(date.year, 4))"
        case .en:
            return "\(date.day) \(Self.englishMonths[date.month - 1]) \(date.year)"
        }
    }

    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}
