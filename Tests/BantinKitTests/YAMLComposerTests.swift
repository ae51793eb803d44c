import Testing
@testable import BantinKit

/// Front-matter composed from libyaml's events (`YAMLComposer`): shapes, marks, and the errors
/// Yams' composer used to give, now located and in words staff can act on.
@Suite struct YAMLComposerTests {
    func compose(_ text: String) -> Result<YAMLNode?, YAMLProblem> { YAMLComposer.compose(text) }

    @Test func scalarsKeepTheirTextStyleAndPlace() throws {
        guard case .success(let root?) = compose("title: Hội nghị\nvalue: 7.575\nquoted: \"26.330\"\nlist:\n  - a\n  - 'b'\n"),
              case .mapping(let pairs, let mark) = root else { Issue.record("not a mapping"); return }
        #expect(mark == YAMLMark(line: 1, column: 1))
        #expect(pairs.count == 4)
        guard case .scalar(let title) = pairs[0].value, case .scalar(let value) = pairs[1].value,
              case .scalar(let quoted) = pairs[2].value, case .sequence(let items, let listMark) = pairs[3].value else {
            Issue.record("wrong shapes"); return
        }
        #expect(title.string == "Hội nghị" && title.style == .plain && title.mark == YAMLMark(line: 1, column: 8))
        #expect(value.string == "7.575" && value.style == .plain)  // text: the reader decides what it is
        #expect(quoted.string == "26.330" && quoted.style == .doubleQuoted && quoted.mark == YAMLMark(line: 3, column: 9))
        #expect(listMark == YAMLMark(line: 5, column: 3))
        guard case .scalar(let b) = items[1] else { Issue.record("not a scalar"); return }
        #expect(b.string == "b" && b.style == .singleQuoted && b.mark == YAMLMark(line: 6, column: 5))
    }

    @Test func emptyTextHasNoDocument() {
        guard case .success(let node) = compose("# only a comment\n") else { Issue.record("failed"); return }
        #expect(node == nil)
    }

    @Test func aRepeatedKeyIsAnErrorAtTheSecond() {
        guard case .failure(let p) = compose("title: A\ndate: 2024-01-01\ntitle: B\n") else { Issue.record("accepted"); return }
        #expect(p.mark == YAMLMark(line: 3, column: 1))
        #expect(p.message == "`title` is given twice (first on line 1); keep one of them")
    }

    @Test func aliasesShareTheirAnchorAndAnUnknownOneIsNamed() {
        guard case .success(let root?) = compose("a: &x [1, 2]\nb: *x\n"), case .mapping(let pairs, _) = root,
              case .sequence(let items, _) = pairs[1].value else { Issue.record("alias not resolved"); return }
        #expect(items.count == 2)
        guard case .failure(let p) = compose("a: *nowhere\n") else { Issue.record("accepted"); return }
        #expect(p.mark == YAMLMark(line: 1, column: 4))
        #expect(p.message == "`*nowhere` refers to no `&nowhere` above it")
    }

    @Test func anAliasBombIsRefusedAsItIsComposed() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        guard case .failure(let p) = compose(text) else { Issue.record("accepted"); return }
        #expect(p.message.hasPrefix("the YAML is too large once its aliases are expanded"))
        #expect(p.mark.line == 5)  // a4 alone would expand to 111,111 values
    }

    @Test func aSecondDocumentAndSyntaxErrorsAreLocated() {
        guard case .failure(let second) = compose("title: A\n---\ntitle: B\n") else { Issue.record("accepted"); return }
        #expect(second.mark == YAMLMark(line: 2, column: 1))
        guard case .failure(let syntax) = compose("title: A\ndate: [2024\n") else { Issue.record("accepted"); return }
        #expect(syntax.message == "did not find expected ',' or ']'" && syntax.isSyntax)  // said for people by YAMLMessages
        #expect(syntax.context == "while parsing a flow sequence" && syntax.contextMark == YAMLMark(line: 2, column: 7))
    }

    @Test func nestingBeyondTheLimitIsRefused() {
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        guard case .failure(let p) = YAMLComposer.compose(deep, maxDepth: 64) else { Issue.record("accepted"); return }
        #expect(p.message == "the YAML is nested too deeply (more than 64 levels)")
    }

    /// Every libyaml problem staff are likely to meet, said for people, at its line and column.
    @Test(arguments: [
        ("title: A\n\tdate: 2024-01-01", "content/a.md:3:1: error: invalid YAML: YAML cannot indent with a tab: use spaces (two for each level) at the start of this line"),
        ("title: Hội nghị: tổng kết\ndate: 2024-01-01", "content/a.md:2:16: error: invalid YAML: a second `: ` on this line; YAML reads one `key: value` per line, so put a value that holds `: ` in quotes, like title: \"Hội nghị: tổng kết năm\""),
        ("title: A\n  date: 2024", "content/a.md:3:7: error: invalid YAML: this `key:` line is indented more than the line above, so YAML reads it as part of that line's value: start it at the same indent as the other keys"),
        ("title: A\ntags: [a, b\ndate: 2024-01-01", "content/a.md:4:5: error: invalid YAML: a list in `[ ]` (opened on line 3) is not closed: add `]` at its end, and put any item that holds a comma in quotes"),
        ("statistics:\n  - { key: a, value: 1\ntitle: x", "content/a.md:4:6: error: invalid YAML: a `{ }` (opened on line 3) is not closed: add `}` at its end, and put any value that holds a comma in quotes"),
        ("title: \"A\ndate: 2024-01-01", "content/a.md:3:17: error: invalid YAML: a quote (opened on line 2) is never closed: add the closing quote at the end of the value"),
        ("title: \"a \\q b\"", "content/a.md:2:11: error: invalid YAML: a backslash `\\` inside double quotes starts a code YAML does not know: write `\\\\` for a backslash, or use single quotes"),
        ("title: @abc", "content/a.md:2:8: error: invalid YAML: a value cannot start with `@`: put the whole value in quotes, like \"…\""),
        ("title: - a", "content/a.md:2:8: error: invalid YAML: a list item `- ` where a value was expected: start the list on the next line, indented, or write it as [a, b]"),
    ])
    func problemsSaidForPeople(_ yaml: String, _ expected: String) {
        let (_, d) = article("---\n\(yaml)\n---\n")
        #expect(d == [expected])
    }
}
