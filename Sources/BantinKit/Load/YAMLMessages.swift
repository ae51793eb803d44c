/// libyaml's problems said for people who write front-matter, not for programmers: what went
/// wrong and what to type instead. A problem not listed keeps libyaml's words.
enum YAMLMessages {
    /// The message for `problem` at `mark` in `text`; `context` is libyaml's "while parsing …"
    /// and where that began (line already in the file's numbering).
    static func human(_ problem: String, context: String?, contextLine: Int?, at mark: YAMLMark, in text: String) -> String {
        let opened = contextLine.map { " (opened on line \($0))" } ?? ""
        if character(at: mark, in: text) == "\t" {
            return "YAML cannot indent with a tab: use spaces (two for each level) at the start of this line"
        }
        switch problem {
        case "found character that cannot start any token":
            let c = character(at: mark, in: text).map { "`\($0)`" } ?? "this character"
            return "a value cannot start with \(c): put the whole value in quotes, like \"…\""
        case "mapping values are not allowed in this context" where isIndentedKey(at: mark, in: text):
            return "this `key:` line is indented more than the line above, so YAML reads it as part of that line's value: start it at the same indent as the other keys"
        case "mapping values are not allowed in this context":
            return "a second `: ` on this line; YAML reads one `key: value` per line, so put a value that holds `: ` in quotes, like title: \"Hội nghị: tổng kết năm\""
        case "did not find expected key":
            return "this line does not line up with the keys above it: start each `key: value` at the same indent, or put a long value that goes on over several lines in quotes"
        case "did not find expected '-' indicator":
            return "this line breaks a list: each item starts with `- ` at the same indent as the others"
        case "did not find expected ',' or ']'":
            return "a list in `[ ]`\(opened) is not closed: add `]` at its end, and put any item that holds a comma in quotes"
        case "did not find expected ',' or '}'":
            return "a `{ }`\(opened) is not closed: add `}` at its end, and put any value that holds a comma in quotes"
        case "found unexpected end of stream" where context?.contains("quoted scalar") == true:
            return "a quote\(opened) is never closed: add the closing quote at the end of the value"
        case "found unknown escape character":
            return "a backslash `\\` inside double quotes starts a code YAML does not know: write `\\\\` for a backslash, or use single quotes"
        case "could not find expected ':'":
            return "a key without its `:`\(opened): write `key: value`"
        case "block sequence entries are not allowed in this context":
            return "a list item `- ` where a value was expected: start the list on the next line, indented, or write it as [a, b]"
        case "did not find expected node content":
            return "a value is missing here: write it, or put it in quotes if it starts with a sign such as `*`, `&`, `!` or `%`"
        case "did not find expected alphabetic or numeric character":
            return "`&` and `*` mark YAML anchors and aliases: put a value that starts with them in quotes"
        default:
            return rare(problem, opened: opened) ?? problem + (context.map { " (\($0)\(contextLine.map { " that starts at line \($0)" } ?? ""))" } ?? "")
        }
    }

    /// The problems front-matter seldom meets: directives, tags, bad bytes, stray marks.
    static func rare(_ problem: String, opened: String) -> String? {
        switch problem {
        case "found a tab character that violates indentation", "found a tab character where an indentation space is expected":
            return "YAML cannot indent with a tab: use spaces (two for each level) at the start of this line"
        case "control characters are not allowed":
            return "an invisible control character is here (often pasted from Word or a PDF): delete it and type the text again"
        case "found an incorrect leading UTF-8 octet", "found an incorrect trailing UTF-8 octet", "invalid leading UTF-8 octet",
             "invalid trailing UTF-8 octet", "incomplete UTF-8 octet sequence", "invalid length of a UTF-8 sequence", "invalid Unicode character",
             "incomplete UTF-16 character", "incomplete UTF-16 surrogate pair":
            return "the text here is not UTF-8: save the file as UTF-8 (in Word: Save As › Plain Text › Unicode UTF-8)"
        case "could not find expected directive name", "found unknown directive name", "found duplicate %YAML directive", "found duplicate %TAG directive",
             "found incompatible YAML document", "did not find expected version number", "found extremely long version number",
             "did not find expected digit or '.' character", "did not find expected whitespace", "found unexpected non-alphabetical character":
            return "a line that starts with `%` is a YAML directive, which front-matter does not use: put a value that starts with `%` in quotes"
        case "did not find expected '!'", "did not find expected tag URI", "did not find URI escaped octet", "found undefined tag handle",
             "did not find the expected '>'":
            return "`!` starts a YAML tag, which front-matter does not use: put a value that starts with `!` in quotes"
        case "found unexpected ':'":
            return "a `:` where YAML does not expect one: put the whole value in quotes"
        case "found unexpected document indicator":
            return "a `---` or `...` inside a value ends the YAML there: put a value that holds it in quotes"
        case "found unexpected end of stream":
            return "the front-matter ends in the middle of a value\(opened): close the quote, `[` or `{` that is open"
        case "found invalid Unicode character escape code", "did not find expected hexdecimal number":
            return "a `\\u` or `\\x` code inside double quotes is not a character: type the character itself, or use single quotes"
        case "found an indentation indicator equal to 0":
            return "a `|` or `>` block cannot be indented by 0: write `|` or `>` alone and indent the lines under it"
        case "did not find expected comment or line break":
            return "text after a value that YAML does not expect (after a closing quote or bracket): remove it, or put the whole value in quotes"
        case "did not find expected whitespace or line break":
            return "YAML needs a space here: after `-` and after `:` comes a space"
        case "mapping keys are not allowed in this context":
            return "a `? ` where YAML does not expect a key: put the value in quotes"
        case "did not find expected <document start>":
            return "the YAML goes on after its end: the front-matter holds one block of `key: value` lines between two `---` lines"
        default:
            return nil
        }
    }

    /// Whether the line of `mark` starts with spaces and `mark` is at its first `:`, as in a
    /// key indented under a plain value (`title: A` then `  date: 2024`).
    static func isIndentedKey(at mark: YAMLMark, in text: String) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return false }
        let line = lines[mark.line - 1]
        guard line.first == " ", let colon = line.firstIndex(of: ":") else { return false }
        return line.distance(from: line.startIndex, to: colon) + 1 == mark.column
    }

    /// The character at `mark` (1-based line and column, columns counted in characters).
    static func character(at mark: YAMLMark, in text: String) -> Character? {
        var line = 1
        var index = text.startIndex
        while line < mark.line {
            guard let newline = text[index...].firstIndex(of: "\n") else { return nil }
            index = text.index(after: newline)
            line += 1
        }
        let rest = text[index...]
        guard mark.column >= 1, let at = rest.index(rest.startIndex, offsetBy: mark.column - 1, limitedBy: rest.endIndex), at < rest.endIndex else { return nil }
        return rest[at]
    }
}
