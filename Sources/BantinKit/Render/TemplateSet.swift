import Mustache

/// The templates a build renders with: the built-in theme, overridden file by file by the site's
/// `layouts/`. Loading checks what swift-mustache would let pass silently: a template that does
/// not parse, and a partial or parent that does not exist (which would render as empty text).
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
    /// Where each template came from, for messages: `layouts/article.mustache` or `(built-in) article`.
    public let origins: [String: String]

    /// Templates the renderer asks for by name.
    public static let required = [
        "home", "article", "organizations", "organization", "organization-year", "years", "year",
        "awards", "statistics", "tags", "tag", "page", "404", "search",
    ]

    public static func load(overrides: [String: SourceFile], diagnostics: inout Diagnostics) -> TemplateSet? {
        var sources: [String: (text: String, origin: String, path: String?)] = [:]
        for (name, text) in BuiltinTheme.templates { sources[name] = (text, "(built-in) \(name)", nil) }
        for (name, file) in overrides {
            guard let text = String(validating: file.data, as: UTF8.self) else {
                diagnostics.error(SourceLocation(path: file.path), "the template is not UTF-8 text")
                continue
            }
            sources[name] = (text, file.path, file.path)
        }
        FastHTMLContentType.registered
        var library = MustacheLibrary()
        var failed = false
        var references: [String: [TemplateReference]] = [:]
        for name in sources.keys.sorted() {
            let source = sources[name]!
            // Every template, the site's own too, escapes with the fast escaper: the pragma works
            // per template, and a page template's blocks are rendered under its own content type.
            // It is put on line 1 without a newline, so only line 1's columns need correcting.
            let prefixed = !source.text.hasPrefix(FastHTMLContentType.pragma)
            let location = { (line: Int, column: Int) in
                SourceLocation(path: source.path ?? "(built-in) \(name).mustache", line: line,
                               column: line == 1 && prefixed ? max(1, column - FastHTMLContentType.pragma.count) : column)
            }
            do {
                library.register(try MustacheTemplate(string: prefixed ? FastHTMLContentType.pragma + source.text : source.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.error(location(error.context.lineNumber, error.context.columnNumber),
                                  "the template does not parse: \(describe(error.error))")
                failed = true
                continue
            } catch {
                diagnostics.error(location(1, 1), "the template does not parse: \(error)")
                failed = true
                continue
            }
            references[name] = TemplateReference.all(in: source.text)
            for reference in references[name]! where sources[reference.name] == nil {
                diagnostics.error(location(reference.line, reference.column),
                                  "the template names `\(reference.name)`, but there is no layouts/\(reference.name).mustache")
                failed = true
            }
        }
        // A template that includes itself, directly or through others, would render for ever
        // (swift-mustache then overflows the stack). Inside a section it depends on the data,
        // but no view of a page holds a view of its own kind, so that never ends either.
        for cycle in TemplateReference.cycles(references) {
            let name = cycle.path[cycle.path.count - 2]
            let source = sources[name]!
            let chain = cycle.path.joined(separator: " → ")
            let tag = "{{\(cycle.closing.isParent ? "<" : ">")\(cycle.closing.name)}}"
            let how = cycle.closing.conditional ? ", inside a section, which still" : ", which"
            diagnostics.error(SourceLocation(path: source.path ?? "(built-in) \(name).mustache", line: cycle.closing.line, column: cycle.closing.column),
                              "the template includes itself (\(chain))\(how) would never finish rendering a page: remove this `\(tag)`")
            failed = true
        }
        return failed ? nil : TemplateSet(library: library, origins: sources.mapValues(\.origin))
    }

    public func render(_ context: Any, template name: String) -> String {
        // Every required template exists (built-ins), so a nil here is a programming error.
        guard let html = library.render(context, withTemplate: name) else {
            preconditionFailure("template \(name) missing from the built-in theme")
        }
        return html
    }

    private static func describe(_ error: Error) -> String {
        guard let e = error as? MustacheTemplate.Error else { return "\(error)" }
        switch e {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not closed with `}}`"
        case .expectedSectionEnd: return "a section `{{#…}}` is never closed with `{{/…}}`"
        case .invalidSetDelimiter: return "invalid delimiter change"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only `{{$block}}` overrides may stand inside `{{<parent}}`"
        case .textInsideInheritSection: return "only `{{$block}}` overrides may stand inside `{{<parent}}`"
        default: return "\(e)"
        }
    }
}

import Foundation
