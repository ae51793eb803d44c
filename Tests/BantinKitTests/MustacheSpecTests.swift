import Foundation
import Testing
@testable import BantinKit

/// The official Mustache specification, every case of the required files, through the same
/// parser, compiler and renderer as the layouts (the generic path: names looked up in JSON data).
@Suite struct MustacheSpecTests {
    enum JSON: Decodable {
        case null, bool(Bool), int(Int), double(Double), string(String), array([JSON]), object([String: JSON])

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let i = try? c.decode(Int.self) { self = .int(i) }
            else if let d = try? c.decode(Double.self) { self = .double(d) }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else if let a = try? c.decode([JSON].self) { self = .array(a) }
            else { self = .object(try c.decode([String: JSON].self)) }
        }

        var value: MustacheValue {
            switch self {
            case .null: .none
            case .bool(let b): .bool(b)
            case .int(let i): .int(i)
            case .double(let d): .double(d)
            case .string(let s): .string(s)
            case .array(let a): .list(a.map(\.value))
            case .object(let o): .map(o.mapValues(\.value))
            }
        }
    }

    struct SpecFile: Decodable {
        struct Case: Decodable {
            var name: String
            var data: JSON
            var template: String
            var partials: [String: String]?
            var expected: String
        }
        var tests: [Case]
    }

    static let files = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]

    /// Renders `template` with `partials` over `data` as the generic path does.
    static func render(_ template: String, partials: [String: String], data: MustacheValue) throws -> String {
        var parsed: [String: [MustacheNode]] = [:]
        for (name, text) in partials { parsed[name] = try MustacheParser.parse(text) }
        parsed["(test)"] = try MustacheParser.parse(template)
        var compiler = MustacheCompiler(templates: parsed, missingIsError: false)
        let program = compiler.compile("(test)", stack: [.dynamic])
        var renderer = MustacheRenderer(root: data)
        renderer.run(program)
        return String(decoding: renderer.out, as: UTF8.self)
    }

    @Test(arguments: files) func everyCasePasses(_ file: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/mustache-spec/\(file).json")
        let spec = try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url))
        var passed = 0
        for test in spec.tests {
            let got = try? Self.render(test.template, partials: test.partials ?? [:], data: test.data.value)
            if got == test.expected { passed += 1 } else {
                Issue.record("\(file) › \(test.name): expected \(test.expected.debugDescription), got \(got.debugDescription)")
            }
        }
        print("mustache spec \(file): \(passed) of \(spec.tests.count) pass")
        #expect(passed == spec.tests.count)
    }
}
