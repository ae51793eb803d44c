import Foundation

/// URL names as the contract defines them: lower-case ASCII words joined by `-`. Vietnamese
/// letters lose their marks, `đ`/`Đ` become `d`, anything else that is not a letter or digit
/// separates words.
public enum Slug {
    public static func make(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSeparator = false
        for scalar in fold(text).unicodeScalars {
            let v = scalar.value
            let isAlnum = (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39)
            if isAlnum {
                if pendingSeparator && !out.isEmpty { out.append("-") }
                pendingSeparator = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingSeparator = true
            }
        }
        return out
    }

    /// Lower-cases and strips diacritics, keeping only ASCII letters and digits meaningful.
    /// Also used for accent-insensitive comparison.
    public static func fold(_ text: String) -> String {
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
