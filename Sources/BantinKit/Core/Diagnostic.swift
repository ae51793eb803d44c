/// A place in a source file, in the terms a writer sees: the path relative to the site folder,
/// the 1-based line and column in the file itself.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

public enum Severity: String, Sendable, Comparable {
    case warning, error

    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}

/// One problem found in the site. Errors are values: stages collect them and go on, so that a
/// single run reports every problem, not only the first.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(_ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, location, message)
    }

    public static func warning(_ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, location, message)
    }

    /// `PATH:LINE:COLUMN: error: MESSAGE`, as the contract asks.
    /// One line, whatever the file name or message hold: a newline, tab, escape code or other
    /// control character is written as `\n`, `\t`, `\u{1B}`, so tools reading `PATH:LINE:COLUMN`
    /// lines stay in step and nothing reaches the terminal as a command.
    public var description: String { description(in: .en) }

    /// The same line for a reader of `language`. The prefix stays as tools parse it
    /// (`PATH:LINE:COLUMN: error:`); in Vietnamese the message says `lỗi:` or `cảnh báo:` itself.
    public func description(in language: SiteLanguage) -> String {
        "\(Self.oneLine(location.path)):\(location.line):\(location.column): \(severity.rawValue): \(Self.oneLine(localizedMessage(language)))"
    }

    /// The message in `language`, with `lỗi:`/`cảnh báo:` in front in Vietnamese.
    public func localizedMessage(_ language: SiteLanguage) -> String {
        guard language == .vi else { return message }
        return (severity == .error ? "lỗi: " : "cảnh báo: ") + MessageTranslator.translate(message, to: .vi)
    }

    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where isControl(scalar): out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// A GitHub Actions workflow command: `::error file=PATH,line=L,col=C::MESSAGE`, which GitHub
    /// shows as an annotation on the file.
    public var githubAnnotation: String { githubAnnotation(in: .en) }

    public func githubAnnotation(in language: SiteLanguage) -> String {
        func data(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }
        func property(_ s: String) -> String { data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C") }
        return "::\(severity.rawValue) file=\(property(location.path)),line=\(location.line),col=\(location.column)::\(data(localizedMessage(language)))"
    }
}

/// An ordered collection of diagnostics, the error channel of every stage.
public struct Diagnostics: Sendable {
    public private(set) var items: [Diagnostic] = []

    public init(_ items: [Diagnostic] = []) { self.items = items }

    public mutating func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }
    public mutating func append(contentsOf other: Diagnostics) { items.append(contentsOf: other.items) }
    public mutating func error(_ location: SourceLocation, _ message: String) { items.append(.error(location, message)) }
    public mutating func warning(_ location: SourceLocation, _ message: String) { items.append(.warning(location, message)) }

    public var errorCount: Int { items.filter { $0.severity == .error }.count }
    public var warningCount: Int { items.filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { items.contains { $0.severity == .error } }

    /// Sorted by path, line, column, then message, so output is stable run to run.
    public var sorted: [Diagnostic] {
        items.sorted { a, b in
            if a.location != b.location { return a.location < b.location }
            if a.severity != b.severity { return a.severity > b.severity }
            return a.message < b.message
        }
    }

    /// With `strict`, warnings count as errors.
    public func promotingWarnings(_ strict: Bool) -> Diagnostics {
        guard strict else { return self }
        return Diagnostics(items.map { Diagnostic(.error, $0.location, $0.message) })
    }

    /// `3 errors, 1 warning`
    public var summary: String { summary(in: .en) }

    public func summary(in language: SiteLanguage) -> String {
        if language == .vi { return "\(errorCount) lỗi, \(warningCount) cảnh báo" }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errorCount, "error")), \(plural(warningCount, "warning"))"
    }
}
