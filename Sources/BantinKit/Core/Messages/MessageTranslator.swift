/// Bantin's messages in the reader's language. Messages are made in English where the problem
/// is found (the tests and the code read them so); when they are printed for a Vietnamese user,
/// each is matched against the English templates of `VietnameseMessages` (`{}` stands for what
/// the message says of this case: a file name, a value) and said with the Vietnamese one, whose
/// `{0}`, `{1}`… are those parts in the English order. The parts that are themselves English
/// words ("a list", "nothing") are translated too.
public enum MessageTranslator {
    public static func translate(_ message: String, to language: SiteLanguage) -> String {
        guard language == .vi else { return message }
        return vietnamese(message) ?? message
    }

    /// The Vietnamese for `message`, or nil when no template matches it.
    public static func vietnamese(_ message: String) -> String? {
        for (english, vietnamese) in VietnameseMessages.compiled {
            guard let parts = english.match(message) else { continue }
            return fill(vietnamese, with: parts.map { VietnameseMessages.fragment($0) })
        }
        return nil
    }

    static func fill(_ template: String, with parts: [String]) -> String {
        var out = ""
        var i = template.startIndex
        var next = 0
        while i < template.endIndex {
            if template[i] == "{", let close = template[i...].firstIndex(of: "}") {
                let inside = template[template.index(after: i)..<close]
                if inside.isEmpty, next < parts.count {
                    out += parts[next]; next += 1; i = template.index(after: close); continue
                }
                if let n = Int(inside), n < parts.count {
                    out += parts[n]; i = template.index(after: close); continue
                }
            }
            out.append(template[i])
            i = template.index(after: i)
        }
        return out
    }
}

/// An English message template: literal pieces with a `{}` between each two.
struct MessageTemplate: Sendable {
    let pieces: [String]

    init(_ template: String) {
        pieces = template.components(separatedBy: "{}")
    }

    /// The parts of `message` that stand where the `{}` are, or nil when it is another message.
    /// Each part is the shortest that lets the rest match, the last the rest of the line.
    func match(_ message: String) -> [String]? {
        guard message.hasPrefix(pieces[0]) else { return nil }
        if pieces.count == 1 { return message == pieces[0] ? [] : nil }
        return match(Substring(message).dropFirst(pieces[0].count), from: 1)
    }

    private func match(_ rest: Substring, from k: Int) -> [String]? {
        let piece = pieces[k]
        if k == pieces.count - 1 {
            guard rest.hasSuffix(piece) else { return nil }
            return [String(rest.dropLast(piece.count))]
        }
        if piece.isEmpty { return nil }  // two `{}` side by side cannot be told apart
        var search = rest.startIndex
        while let found = rest[search...].range(of: piece) {
            if let tail = match(rest[found.upperBound...], from: k + 1) {
                return [String(rest[..<found.lowerBound])] + tail
            }
            search = rest.index(after: found.lowerBound)
        }
        return nil
    }
}
