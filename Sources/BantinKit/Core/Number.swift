/// A figure from front-matter, kept as the writer gave it: a whole number stays whole.
public enum Number: Hashable, Sendable, Comparable {
    case integer(Int)
    case decimal(Double)

    public var double: Double {
        switch self {
        case .integer(let n): Double(n)
        case .decimal(let d): d
        }
    }

    public static func < (a: Number, b: Number) -> Bool { a.double < b.double }

    /// Reads a YAML number: `7575`, `-3`, `29.5`, `1e3`. Returns nil for anything else.
    public init?(yaml text: String) {
        let t = text.utf8.contains(UInt8(ascii: "_")) ? text.replacingOccurrences(of: "_", with: "") : text
        if let n = Int(t) {
            self = .integer(n)
        } else if t.contains(where: { $0.isNumber }), !t.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }),
                  let d = Double(t), d.isFinite {
            self = d.rounded() == d && abs(d) < 1e15 && !t.contains(".") ? .integer(Int(d)) : .decimal(d)
        } else {
            return nil
        }
    }

    /// Plain machine form, `.` as the decimal mark and no grouping: for CSV, JSON, attributes.
    public var plain: String {
        switch self {
        case .integer(let n): return String(n)
        case .decimal(let d):
            if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) }
            return "\(d)"
        }
    }
}
