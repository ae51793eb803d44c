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
        #expect(syntax.message == "invalid YAML: did not find expected ',' or ']'")
        #expect(syntax.context == "while parsing a flow sequence" && syntax.contextMark == YAMLMark(line: 2, column: 7))
    }

    @Test func nestingBeyondTheLimitIsRefused() {
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        guard case .failure(let p) = YAMLComposer.compose(deep, maxDepth: 64) else { Issue.record("accepted"); return }
        #expect(p.message == "the YAML is nested too deeply (more than 64 levels)")
    }
}
