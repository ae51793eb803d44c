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
            for reference in references(in: source.text) where sources[reference.name] == nil {
                diagnostics.error(location(reference.line, reference.column),
                                  "the template names `\(reference.name)`, but there is no layouts/\(reference.name).mustache")
                failed = true
            }
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

    /// `{{> name}}` partials and `{{< name}}` parents, with where they stand.
    static func references(in text: String) -> [(name: String, line: Int, column: Int)] {
        var out: [(String, Int, Int)] = []
        var line = 1, column = 1
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("{{>") || text[index...].hasPrefix("{{<") {
                var nameStart = text.index(index, offsetBy: 3)
                while nameStart < text.endIndex, text[nameStart] == " " { nameStart = text.index(after: nameStart) }
                if let close = text[nameStart...].range(of: "}}") {
                    let name = text[nameStart..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty && !name.hasPrefix("*") { out.append((name, line, column)) }  // `*` = dynamic name
                }
            }
            if text[index] == "\n" { line += 1; column = 1 } else { column += 1 }
            index = text.index(after: index)
        }
        return out
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
