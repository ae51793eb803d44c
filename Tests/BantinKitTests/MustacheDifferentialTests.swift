import Foundation
import Mustache
import Testing
@testable import BantinKit

/// swift-mustache, the library Bantin's templates were written for, kept as a test-only oracle:
/// the same templates over the same views must give the same bytes through both engines.
enum Oracle {
    /// A view as swift-mustache sees it: its fields by name, from the same field table.
    struct Parent: MustacheParent {
        let value: MustacheValue
        func child(named name: String) -> Any? {
            switch value {
            case .view(let view): return Oracle.any(Oracle.field(view, name))
            case .map(let map): return map[name].map(Oracle.any) ?? nil
            default: return nil
            }
        }
    }

    static func field(_ view: any ViewModel, _ name: String) -> MustacheValue {
        func open<V: ViewModel>(_ v: V) -> MustacheValue {
            guard let i = V.schema.fields.firstIndex(where: { $0.name == name }) else { return .none }
            return v.value(at: i)
        }
        return open(view)
    }

    static func any(_ value: MustacheValue) -> Any? {
        switch value {
        case .none: nil
        case .bool(let b): b
        case .int(let i): i
        case .double(let d): d
        case .string(let s): s
        case .view, .map: Parent(value: value)
        case .views(let list): (0..<list.count).map { Parent(value: .view(list[$0])) }
        case .list(let items): items.map { any($0) as Any }
        }
    }

    /// A stack of frames as one object: the top frame's names first.
    struct Stack: MustacheParent {
        let frames: [MustacheValue]
        func child(named name: String) -> Any? {
            for frame in frames.reversed() {
                if case .view(let view) = frame {
                    func has<V: ViewModel>(_ v: V) -> Bool { V.schema.fields.contains { $0.name == name } }
                    if has(view) { return Oracle.any(Oracle.field(view, name)) }
                }
            }
            return nil
        }
    }

    static func render(_ templates: [String: String], _ name: String, stack: [MustacheValue]) throws -> String {
        var library = MustacheLibrary()
        for (n, text) in templates { library.register(try MustacheTemplate(string: text), named: n) }
        return library.render(Stack(frames: stack), withTemplate: name) ?? ""
    }

    static func bantin(_ templates: [String: String], _ name: String, stack: [MustacheFrame], values: [MustacheValue]) throws -> (String, [MustacheCompileError]) {
        var parsed: [String: [MustacheNode]] = [:]
        for (n, text) in templates { parsed[n] = try MustacheParser.parse(text) }
        var compiler = MustacheCompiler(templates: parsed, missingIsError: true)
        let program = compiler.compile(name, stack: stack)
        var renderer = MustacheRenderer(stack: values)
        renderer.run(program)
        return (String(decoding: renderer.out, as: UTF8.self), compiler.errors)
    }
}

@Suite struct MustacheDifferentialTests {
    @Test func snippets() throws {
        let card = ArticleCard(title: "T", url: "/t/", date: "1", dateISO: "2", summary: nil, organizations: [], meetingKind: nil, tags: [], html: nil)
        let home = HomeView(articles: [card, card], figures: [], pagination: nil, isFirstPage: true)
        let cases: [[String: String]] = [
            ["p": "a\n{{>q}}\nb\n", "q": "{{^empty(articles)}}\n<ul>\n{{/empty(articles)}}{{#articles}}  <li>{{title}}</li>\n{{/articles}}{{^empty(articles)}}</ul>\n{{/empty(articles)}}"],
            ["p": "{{#first_page}}\n{{^empty(articles)}}\n<s>\n  <h2>x</h2>\n{{>q}}\n</s>\n{{/empty(articles)}}\n{{/first_page}}\n", "q": "{{^empty(articles)}}\n<ul>\n{{/empty(articles)}}{{#articles}}  <li>{{title}}</li>\n{{/articles}}{{^empty(articles)}}</ul>\n{{/empty(articles)}}"],
        ]
        for templates in cases {
            let expected = try Oracle.render(templates, "p", stack: [.view(home)])
            let (got, errors) = try Oracle.bantin(templates, "p", stack: [.view(HomeView.self)], values: [.view(home)])
            #expect(errors.isEmpty, "\(errors)")
            #expect(got == expected, "\(templates)")
        }
    }
}

/// The oracle as a build's page renderer: swift-mustache over the theme's templates.
final class OracleEngine: @unchecked Sendable {
    private let lock = NSLock()
    private var library: MustacheLibrary?

    func render(_ name: String, _ stack: [MustacheValue], _ sources: [String: String]) -> [UInt8] {
        let library = lock.withLock {
            if let library = self.library { return library }
            var made = MustacheLibrary()
            for (n, text) in sources { made.register(try! MustacheTemplate(string: text), named: n) }
            self.library = made
            return made
        }
        return Array((library.render(Oracle.Stack(frames: stack), withTemplate: name) ?? "").utf8)
    }
}

@Suite struct SiteDifferentialTests {
    /// Every file of a site built by both engines.
    static func compare(_ site: URL) throws -> (files: Int, differing: [String]) {
        let engine = OracleEngine()
        func build(_ builder: Builder, _ out: URL) throws -> [String: Data] {
            var options = BuildOptions(source: site.path, output: out.path)
            options.drafts = true
            let result = builder.build(options)
            #expect(result.succeeded, "\(result.diagnostics.sorted.prefix(5))")
            return try EngineRebuildTests.snapshot(out)
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-diff-\(UUID().uuidString)")
        let ours = try build(Builder(), scratch.appendingPathComponent("ours"))
        let theirs = try build(Builder(oracle: { engine.render($0, $1, $2) }), scratch.appendingPathComponent("oracle"))
        #expect(Set(ours.keys) == Set(theirs.keys))
        let differing = ours.keys.sorted().filter { ours[$0] != theirs[$0] }
        if let keep = ProcessInfo.processInfo.environment["BANTIN_KEEP_DIFF"], !differing.isEmpty {
            try? FileManager.default.removeItem(atPath: keep)
            try? FileManager.default.moveItem(at: scratch, to: URL(fileURLWithPath: keep))
        }
        try? FileManager.default.removeItem(at: scratch)
        return (ours.count, differing)
    }

    @Test func theExampleSiteIsByteIdentical() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        for item in ["site.yml", "content", "layouts", "static"] where FileManager.default.fileExists(atPath: root.appendingPathComponent(item).path) {
            try FileManager.default.copyItem(at: root.appendingPathComponent(item), to: site.appendingPathComponent(item))
        }
        let (files, differing) = try Self.compare(site)
        #expect(files > 50)
        #expect(differing.isEmpty, "\(differing.count) of \(files) differ: \(differing.prefix(10))")
    }

    @Test func theTestFixtureIsByteIdentical() throws {
        let (files, differing) = try Self.compare(try fixture("basic"))
        #expect(files > 30)
        #expect(differing.isEmpty, "\(differing.count) of \(files) differ: \(differing.prefix(10))")
    }
}
