/// The site's language: it chooses the UI strings and how numbers and dates are written.
public enum SiteLanguage: String, Sendable, CaseIterable {
    case vi, en

    var groupingSeparator: String { self == .vi ? "." : "," }
    var decimalSeparator: String { self == .vi ? "," : "." }

    /// `7575` → `7.575` (vi) or `7,575` (en); `29.5` → `29,5` (vi) or `29.5` (en).
    public func format(_ number: Number) -> String {
        let plain = number.plain
        guard !plain.contains("e") else { return plain }
        var integerPart = Substring(plain)
        var fraction: Substring = ""
        if let dot = plain.firstIndex(of: ".") {
            integerPart = plain[..<dot]
            fraction = plain[plain.index(after: dot)...]
        }
        var sign = ""
        if integerPart.hasPrefix("-") {
            sign = "-"
            integerPart = integerPart.dropFirst()
        }
        var grouped = ""
        for (i, ch) in integerPart.enumerated() {
            if i > 0 && (integerPart.count - i) % 3 == 0 { grouped += groupingSeparator }
            grouped.append(ch)
        }
        return sign + grouped + (fraction.isEmpty ? "" : decimalSeparator + fraction)
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
