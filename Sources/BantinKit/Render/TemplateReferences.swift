/// The partials (`{{> name}}`) and parents (`{{< name}}`) a Mustache template names, found by
/// reading its tags as Mustache does (delimiter changes included), each with where it stands
/// and whether it sits inside a section, so that it renders only for some data.
struct TemplateReference: Equatable {
    var name: String
    var line: Int
    var column: Int
    /// Inside `{{#…}}` or `{{^…}}`: rendered or not depending on the page's data.
    var conditional: Bool
    /// `{{< name}}` rather than `{{> name}}`.
    var isParent: Bool

    /// Every reference of `text`, in order. Dynamic names (`{{>*name}}`) are left out.
    static func all(in text: String) -> [TemplateReference] {
        var out: [TemplateReference] = []
        var open = Array("{{".utf8), close = Array("}}".utf8)
        let bytes = Array(text.utf8)
        var i = 0, line = 1, lineStart = 0
        var sections: [UInt8] = []  // the sigil of each open section: # ^ $ <
        func starts(_ token: [UInt8], at index: Int) -> Bool {
            index + token.count <= bytes.count && Array(bytes[index..<index + token.count]) == token
        }
        while i < bytes.count {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1; i += 1; continue }
            guard starts(open, at: i) else { i += 1; continue }
            let tagLine = line
            let tagColumn = String(decoding: bytes[lineStart..<i], as: UTF8.self).unicodeScalars.count + 1
            var j = i + open.count
            // `{{{name}}}` closes with one more brace.
            let triple = open == Array("{{".utf8) && j < bytes.count && bytes[j] == UInt8(ascii: "{")
            let closing = triple ? close + [UInt8(ascii: "}")] : close
            var end = j
            while end < bytes.count, !starts(closing, at: end) { end += 1 }
            guard end < bytes.count else { break }  // an unclosed tag: the parser reports it
            let inner = String(decoding: bytes[j..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            j = end + closing.count
            for k in i..<min(j, bytes.count) where bytes[k] == 0x0A { line += 1; lineStart = k + 1 }
            i = j
            guard let sigil = inner.utf8.first else { continue }
            let name = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces)
            switch sigil {
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"):
                sections.append(sigil)
            case UInt8(ascii: "/"):
                if !sections.isEmpty { sections.removeLast() }
            case UInt8(ascii: ">"), UInt8(ascii: "<"):
                let conditional = sections.contains(UInt8(ascii: "#")) || sections.contains(UInt8(ascii: "^"))
                if !name.isEmpty, !name.hasPrefix("*") {
                    out.append(TemplateReference(name: name, line: tagLine, column: tagColumn, conditional: conditional,
                                                 isParent: sigil == UInt8(ascii: "<")))
                }
                if sigil == UInt8(ascii: "<") { sections.append(sigil) }
            case UInt8(ascii: "="):
                // `{{=<% %>=}}`: the new delimiters, separated by white space.
                guard inner.hasSuffix("="), inner.count > 2 else { continue }
                let parts = inner.dropFirst().dropLast().split(separator: " ", omittingEmptySubsequences: true)
                if parts.count == 2 { open = Array(parts[0].utf8); close = Array(parts[1].utf8) }
            default:
                continue
            }
        }
        return out
    }

    /// The cycles among `templates` (name → its references): each once, as the names around it
    /// from the template whose reference closes it, with that reference.
    static func cycles(_ templates: [String: [TemplateReference]]) -> [(path: [String], closing: TemplateReference)] {
        var found: [(path: [String], closing: TemplateReference)] = []
        var seen = Set<[String]>()
        var done = Set<String>()
        func visit(_ name: String, _ stack: [String]) {
            guard !done.contains(name) else { return }
            for reference in templates[name] ?? [] where templates[reference.name] != nil {
                if let start = stack.firstIndex(of: reference.name) {
                    let path = Array(stack[start...]) + [name]
                    let key = path.sorted()
                    if seen.insert(key).inserted { found.append((path + [reference.name], reference)) }
                } else if reference.name == name {
                    if seen.insert([name]).inserted { found.append(([name, name], reference)) }
                } else {
                    visit(reference.name, stack + [name])
                }
            }
            done.insert(name)
        }
        for name in templates.keys.sorted() { visit(name, []) }
        return found
    }
}
