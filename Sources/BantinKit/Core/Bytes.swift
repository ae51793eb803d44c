extension Array where Element == UInt8 {
    /// Whether `token` stands in these bytes at `offset`.
    func has(_ token: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + token.count <= count else { return false }
        for k in 0..<token.count where self[offset + k] != token[k] { return false }
        return true
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)` (tab and the Unicode space separators) without
    /// Foundation's bridging, which profiles showed on every figure and text field read.
    var trimmingSpaces: String { trimming(newlines: false) }

    /// Whether the text is empty or only spaces, tabs and line breaks
    /// (`trimmingCharacters(in: .whitespacesAndNewlines).isEmpty`).
    var isBlank: Bool { trimming(newlines: true).isEmpty }

    private func trimming(newlines: Bool) -> String {
        let scalars = unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            if s.value < 0x80 { return s == " " || s == "\t" || (newlines && s.value >= 0x0A && s.value <= 0x0D) }
            if newlines && (s.value == 0x85 || s.value == 0x2028 || s.value == 0x2029) { return true }
            return s.properties.generalCategory == .spaceSeparator
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
