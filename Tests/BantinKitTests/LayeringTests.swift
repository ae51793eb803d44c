import Foundation
import Testing

/// The pipeline's stages, as folders of `Sources/BantinKit`, may use only what the stages
/// before them declare: load → parse → index → render → write, with `Core` under all of them
/// and `Engine` (which runs the stages) and `Scaffold` over them. The rule is read from the
/// sources themselves, so a back-dependency fails here, with the file and line that adds it.
@Suite struct LayeringTests {
    static let stages = ["Core", "Load", "Parse", "Index", "Photos", "Render", "Write", "Engine", "Scaffold", "Import"]

    /// The source text without comments and string literals (interpolations kept), so words
    /// and braces in them do not count. Line breaks are kept, so line numbers stay right.
    static func code(_ text: String) -> String {
        enum Mode { case code, string, multilineString, interpolation(Int) }
        let chars = Array(text)
        var out = "", modes: [Mode] = [.code], i = 0
        func at(_ k: Int, _ s: String) -> Bool { k + s.count <= chars.count && String(chars[k..<(k + s.count)]) == s }
        while i < chars.count {
            let c = chars[i]
            switch modes.last! {
            case .code, .interpolation:
                if at(i, "//") {
                    while i < chars.count, chars[i] != "\n" { i += 1 }
                    continue
                }
                if at(i, "/*") {
                    i += 2
                    while i < chars.count, !at(i, "*/") { if chars[i] == "\n" { out.append("\n") }; i += 1 }
                    i += 2
                    continue
                }
                if at(i, "\"\"\"") { modes.append(.multilineString); i += 3; continue }
                if c == "\"" { modes.append(.string); i += 1; continue }
                if case .interpolation(let depth) = modes.last! {
                    if c == "(" { modes[modes.count - 1] = .interpolation(depth + 1) }
                    if c == ")" {
                        if depth == 1 { modes.removeLast(); i += 1; continue }
                        modes[modes.count - 1] = .interpolation(depth - 1)
                    }
                }
                out.append(c)
                i += 1
            case .string, .multilineString:
                let multiline: Bool = { if case .multilineString = modes.last! { return true }; return false }()
                if c == "\\", i + 1 < chars.count {
                    if chars[i + 1] == "(" { modes.append(.interpolation(1)); i += 2; continue }
                    i += 2
                    continue
                }
                if multiline ? at(i, "\"\"\"") : c == "\"" { modes.removeLast(); i += multiline ? 3 : 1; continue }
                if c == "\n" { out.append("\n"); if !multiline { modes.removeLast() } }
                i += 1
            }
        }
        return out
    }

    @Test func noStageUsesALaterOne() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/BantinKit")
        var files: [String: [(path: String, code: String)]] = [:]
        var owner: [String: String] = [:]
        let declaration = try NSRegularExpression(pattern: #"^(?:public |private |fileprivate |internal |final |indirect )*(?:struct|enum|class|protocol|typealias|actor)\s+([A-Z]\w*)"#, options: .anchorsMatchLines)
        for stage in Self.stages {
            let folder = sources.appendingPathComponent(stage)
            let enumerator = FileManager.default.enumerator(atPath: folder.path)
            while let name = enumerator?.nextObject() as? String {
                guard name.hasSuffix(".swift") else { continue }
                let code = Self.code(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
                files[stage, default: []].append(("\(stage)/\(name)", code))
                // Top-level declarations only (nested types are used qualified).
                for match in declaration.matches(in: code, range: NSRange(code.startIndex..., in: code)) {
                    let type = String(code[Range(match.range(at: 1), in: code)!])
                    if owner[type] == nil { owner[type] = stage }
                }
            }
        }
        #expect(files.count == Self.stages.count, "a stage folder is missing: \(Set(Self.stages).subtracting(files.keys))")
        let word = try NSRegularExpression(pattern: #"\b[A-Z]\w*\b"#)
        var problems: [String] = []
        for (rank, stage) in Self.stages.enumerated() {
            for file in files[stage] ?? [] {
                for (number, line) in file.code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let text = String(line)
                    for match in word.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                        let type = String(text[Range(match.range, in: text)!])
                        guard let from = owner[type], let later = Self.stages.firstIndex(of: from), later > rank else { continue }
                        problems.append("Sources/BantinKit/\(file.path):\(number + 1): \(stage) uses \(type), which \(from) declares")
                    }
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// The rule itself: a use of a later stage's type is found, a comment or string naming it is not.
    @Test func theRuleSeesCodeNotWords() {
        let code = Self.code("let a = Renderer() // Renderer\nlet s = \"Renderer: http://x { \\(f(\"{\")) \\(Index.x)\"\n/* Renderer */ let b = 1")
        #expect(code.contains("Renderer()"))
        #expect(code.components(separatedBy: "Renderer").count == 2)
        #expect(code.contains("f()") && code.contains("Index.x") && !code.contains("{"))
        #expect(code.split(separator: "\n", omittingEmptySubsequences: false).count == 3)
    }

    /// No function, initialiser or computed property is longer than 60 lines (the generated
    /// theme, which is data, aside): each reads as one step of its stage.
    @Test func noFunctionIsLongerThanSixtyLines() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let start = try NSRegularExpression(pattern: #"^\s*(?:@\w+\s+)*(?:(?:public|private|fileprivate|internal|static|mutating|override|nonisolated)\s+)*(?:func\s|init[?(<])"#)
        var long: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let name = enumerator?.nextObject() as? String {
            guard name.hasSuffix(".swift"), !name.hasSuffix("BuiltinTheme.swift") else { continue }
            let lines = Self.code(try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8))
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (k, line) in lines.enumerated() where start.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
                guard line.contains("{") else { continue }  // a requirement, or a signature going on below: rare enough here
                var depth = 0, end = k
                for j in k..<lines.count {
                    depth += lines[j].filter { $0 == "{" }.count - lines[j].filter { $0 == "}" }.count
                    end = j
                    if depth <= 0 { break }
                }
                if end - k + 1 > 60 { long.append("Sources/\(name):\(k + 1): \(end - k + 1) lines: \(line.trimmingCharacters(in: .whitespaces))") }
            }
        }
        #expect(long.isEmpty, "\(long.joined(separator: "\n"))")
    }
}
