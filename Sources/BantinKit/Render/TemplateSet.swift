/// The templates a build renders with: the built-in theme, overridden file by file by the site's
/// `layouts/`, parsed and compiled once when the layouts are read. Every page template is
/// compiled for the model it renders (`pageModels`), so every mistake a layout can hold is found
/// then, all in one run, at its line and column: a template that does not parse, a section
/// never closed, a partial or parent that does not exist, a layout that includes itself, and a
/// field its page does not have (with a suggestion).
public struct TemplateSet: Sendable {
    /// Where each template came from, for messages: `layouts/article.mustache` or `(built-in) article`.
    public let origins: [String: String]
    private let programs: [String: MustacheProgram]
    /// Another engine rendering the same templates over the same stack, for the differential
    /// test; nil in every build.
    typealias Oracle = @Sendable (_ template: String, _ stack: [MustacheValue], _ sources: [String: String]) -> [UInt8]
    var oracle: Oracle?
    /// The templates' text, for the oracle.
    let sources: [String: String]

    /// Each template's digest with everything it includes (`TemplateReference.closureDigests`).
    let closures: [String: UInt64]

    /// The model type each program was compiled for: its lookups are field positions of that type.
    private let models: [String: ObjectIdentifier]

    /// The model each page template renders, beneath `PageChrome` (`site`, `t`, `page`).
    static let pageModels: [(template: String, model: any ViewModel.Type)] = [
        ("home", HomeView.self), ("article", ArticleView.self), ("organizations", OrganizationsView.self),
        ("organization", ArchiveView.self), ("organization-year", ArchiveView.self), ("years", ListView.self),
        ("year", ArchiveView.self), ("awards", ArchiveView.self), ("statistics", ArchiveView.self),
        ("tags", ListView.self), ("tag", ArchiveView.self), ("page", StandalonePageView.self),
        ("404", StandalonePageView.self), ("search", SearchView.self),
    ]
    /// The card, rendered once per article beneath `CardChrome` (`site`, `t`).
    static let card = "article-card"

    /// Templates the renderer asks for by name.
    public static let required = pageModels.map(\.template)

    /// The built-in theme's templates with the site's over them: text, origin and path.
    private static func sources(_ overrides: [String: SourceFile], _ diagnostics: inout Diagnostics) -> [String: (text: String, origin: String, path: String)] {
        var sources: [String: (text: String, origin: String, path: String)] = [:]
        for (name, text) in BuiltinTheme.templates { sources[name] = (text, "(built-in) \(name)", "(built-in) \(name).mustache") }
        for (name, file) in overrides {
            guard let text = String(validating: file.data, as: UTF8.self) else {
                diagnostics.error(SourceLocation(path: file.path), "the template is not UTF-8 text")
                continue
            }
            sources[name] = (text, file.path, file.path)
        }
        return sources
    }

    public static func load(overrides: [String: SourceFile], diagnostics: inout Diagnostics) -> TemplateSet? {
        let sources = sources(overrides, &diagnostics)
        var failed = false
        var parsed: [String: [MustacheNode]] = [:]
        var references: [String: [TemplateReference]] = [:]
        var dynamic = Set<String>()
        for name in sources.keys.sorted() {
            let source = sources[name]!
            do {
                let nodes = try MustacheParser.parse(source.text)
                parsed[name] = nodes
                references[name] = TemplateReference.all(in: nodes)
                if TemplateReference.hasDynamic(nodes) { dynamic.insert(name) }
            } catch {
                diagnostics.error(SourceLocation(path: source.path, line: error.position.line, column: error.position.column),
                                  "the template does not parse: \(error.message)")
                failed = true
            }
        }
        // A template that includes itself, directly or through others, would render for ever.
        // Inside a section it depends on the data, but no view of a page holds a view of its own
        // kind, so that never ends either.
        let cycles = TemplateReference.cycles(references)
        for cycle in cycles {
            let name = cycle.path[cycle.path.count - 2]
            let tag = "{{\(cycle.closing.isParent ? "<" : ">")\(cycle.closing.name)}}"
            let how = cycle.closing.conditional ? ", inside a section, which still" : ", which"
            diagnostics.error(SourceLocation(path: sources[name]!.path, line: cycle.closing.line, column: cycle.closing.column),
                              "the template includes itself (\(cycle.path.joined(separator: " → ")))\(how) would never finish rendering a page: remove this `\(tag)`")
            failed = true
        }
        // The templates that parsed are compiled all the same, so that one run tells every mistake.
        var compiler = MustacheCompiler(templates: parsed, missingIsError: true)
        compiler.broken = Set(sources.keys).subtracting(parsed.keys)
        var programs: [String: MustacheProgram] = [:]
        for (template, model) in pageModels {
            programs[template] = compiler.compile(template, stack: [.view(model), .view(PageChrome.self)])
        }
        programs[card] = compiler.compile(card, stack: [.view(ArticleCard.self), .view(CardChrome.self)])
        // A partial used by several pages says its mistake once.
        var seen = Set<String>()
        // A cycle is told above; the compiler's depth limit would only say it again.
        for error in compiler.errors where !(!cycles.isEmpty && error.message.contains("times inside itself")) {
            let path = sources[error.template]?.path ?? "layouts/\(error.template).mustache"
            let location = SourceLocation(path: path, line: error.position.line, column: error.position.column)
            guard seen.insert("\(location) \(error.message)").inserted else { continue }
            diagnostics.error(location, error.message)
            failed = true
        }
        var models = Dictionary(uniqueKeysWithValues: pageModels.map { ($0.template, ObjectIdentifier($0.model)) })
        models[card] = ObjectIdentifier(ArticleCard.self)
        let texts = sources.mapValues(\.text)
        return failed ? nil : TemplateSet(origins: sources.mapValues(\.origin), programs: programs, sources: texts,
                                          closures: TemplateReference.closureDigests(references, dynamic: dynamic, sources: texts), models: models)
    }

    /// A page: `model` beneath the chrome, with the template compiled for it.
    func render<Model: ViewModel>(_ model: Model, chrome: PageChrome, template name: String) -> [UInt8] {
        precondition(models[name] == ObjectIdentifier(Model.self), "template \(name) renders \(Model.self)?")
        return run(name, [.view(model), .view(chrome)])
    }

    func renderCard(_ card: ArticleCard, chrome: CardChrome) -> String {
        String(decoding: run(Self.card, [.view(card), .view(chrome)]), as: UTF8.self)
    }

    private func run(_ name: String, _ stack: [MustacheValue]) -> [UInt8] {
        // Every required template exists (built-ins), so a nil here is a programming error.
        if let oracle { return oracle(name, stack, sources) }
        guard let program = programs[name] else { preconditionFailure("template \(name) was not compiled") }
        var renderer = MustacheRenderer(stack: stack)
        renderer.run(program)
        return renderer.out
    }
}
