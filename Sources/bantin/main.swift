import ArgumentParser
import BantinKit
import BantinServe
import Foundation

/// Exit status as the contract sets it: 0 success, 1 content errors, 2 usage errors.
enum Status {
    static let contentErrors: Int32 = 1
    static let usage: Int32 = 2
}

struct Bantin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bantin",
        abstract: "A static-site generator for the news and results of Vietnamese organizations.",
        version: BantinVersion.current,
        subcommands: [Build.self, Check.self, Serve.self, New.self, Figures.self, Import.self, Fields.self])
}

struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder (holding site.yml).")
    var source: String = "."

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Option(name: .long, help: "How to print problems: `plain` (PATH:LINE:COLUMN: error: …) or `github` (Actions annotations).")
    var diagnostics: DiagnosticsFormat = .plain

    /// A missing site folder is a usage error (exit 2), not a content error.
    func validate() throws { try validateSource(source) }
}

/// `--source` must name a folder: a missing one and a file are told apart.
func validateSource(_ source: String) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
        throw ValidationError("the source folder \(source) does not exist")
    }
    guard isDirectory.boolValue else {
        throw ValidationError("the source \(source) is a file, not a folder; give --source the site's folder (the one holding site.yml)")
    }
}

/// A command refused before it read or wrote anything: exit 2, as the contract sets it.
func refuseIfUsageError(_ result: BuildResult) throws {
    guard let why = result.usageError else { return }
    FileHandle.standardError.write(Data("bantin: error: \(why)\n".utf8))
    throw ExitCode(Status.usage)
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder.")

    @OptionGroup var common: SourceOptions

    @Option(name: .long, help: "The output folder (default: public/ in the site folder).")
    var output: String?

    @Flag(name: .long, help: "Include articles and pages marked `draft: true`.")
    var drafts = false

    @Flag(name: .long, help: "Replace an output folder that holds files Bantin did not write. Never the site's own folders, a .git folder, the home folder or /.")
    var force = false

    @Option(name: .long, help: "Parallel jobs (default: the number of cores).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var options = BuildOptions(source: common.source, output: output)
        options.drafts = drafts
        options.strict = common.strict
        options.force = force
        if let jobs { options.jobs = jobs }
        options.removesPreviousInBackground = true
        options.reusesUnchangedOutput = true
        let started = Date()
        let line = ProgressLine.startIfTerminal()
        options.progress = line?.progress
        let result = Builder().build(options)
        line?.stop()
        try refuseIfUsageError(result)
        report(result.diagnostics, common.diagnostics)
        guard result.succeeded else { throw ExitCode(Status.contentErrors) }
        let ms = Int(Date().timeIntervalSince(started) * 1000)
        if result.upToDate {
            print("bantin: nothing changed since the last build; \(result.outputPath ?? "") left as it was (\(ms) ms)")
            return
        }
        if let updated = result.updatedInPlace {
            let files = updated.count == 1 ? "1 file" : "\(updated.count) files"
            print("bantin: \(files) changed in \(result.outputPath ?? ""), the rest as it was, in \(ms) ms")
            return
        }
        print("bantin: \(result.pagesWritten) pages, \(result.files.count) files written to \(result.outputPath ?? "") in \(ms) ms")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate the site; writes nothing.")

    @OptionGroup var common: SourceOptions

    func run() throws {
        var options = BuildOptions(source: common.source)
        options.strict = common.strict
        options.write = false
        options.makesPhotos = false
        let result = Builder().build(options)
        try refuseIfUsageError(result)
        report(result.diagnostics, common.diagnostics)
        guard result.succeeded else { throw ExitCode(Status.contentErrors) }
        print("bantin: no errors (\(result.pagesWritten) pages)")
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring pages of an old portal (saved HTML, text copies, or folders of them) in as draft articles.",
        discussion: """
        Each page becomes content/tin/<organization>/<title>.md (a folder with index.md when it has photos), \
        with draft: true, the page's title, date, author and source, and the figures its text reports \
        commented out for you to check. A page imported before is skipped; no file is ever overwritten.
        """)

    @Argument(help: "Saved pages (.html), text copies (.txt) or folders of them, such as a wget --mirror of the old site.")
    var paths: [String]

    @Option(name: .long, help: "The organization the articles belong to (its id, the file name in content/organizations/).")
    var organization: String

    @Option(name: .long, help: "The site folder (holding site.yml).")
    var source: String = "."

    @Flag(name: .long, help: "Print what would be imported, and write nothing.")
    var dryRun = false

    func validate() throws {
        try validateSource(source)
        if paths.isEmpty { throw ValidationError("give at least one page or folder to import") }
    }

    func run() throws {
        let importer: Importer
        let inputs: [String]
        do {
            importer = try Importer(root: source, organization: organization, dryRun: dryRun)
            inputs = try Importer.inputs(paths)
        } catch let refusal as Importer.Refusal {
            FileHandle.standardError.write(Data("bantin: error: \(refusal)\n".utf8))
            throw ExitCode(Status.usage)
        }
        let lines = importer.run(inputs)
        for line in lines { print(line.description) }
        var imported = 0, skipped = 0, failed = 0
        for line in lines {
            switch line.outcome {
            case .imported: imported += 1
            case .skipped: skipped += 1
            case .failed: failed += 1
            }
        }
        let verb = dryRun ? "would be imported (dry run: nothing written)" : "imported"
        print("bantin: \(imported) \(verb), \(skipped) skipped, \(failed) failed" + (imported > 0 && !dryRun ? "; each is a draft (draft: true) until you review it" : ""))
        if failed > 0 { throw ExitCode(Status.contentErrors) }
    }
}

struct Figures: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every figure the site will publish, with the line it comes from and what it corrected.")

    @OptionGroup var common: SourceOptions

    @Option(name: .long, help: "Only this organization (its id, the file name in content/organizations/).")
    var organization: String?

    @Option(name: .long, help: "Only the figures that count for this year.")
    var year: Int?

    @Option(name: .long, help: "Only this statistic key, such as members.")
    var key: String?

    @Option(name: .long, help: "table (for reading), csv (for Excel) or json.")
    var format: FiguresReport.Format = .table

    func run() throws {
        var options = BuildOptions(source: common.source)
        options.strict = common.strict
        let (index, result) = Builder().index(options)
        try refuseIfUsageError(result)
        report(result.diagnostics, common.diagnostics)
        guard let index else { throw ExitCode(Status.contentErrors) }
        if let organization, index.organizations[organization] == nil {
            throw usageError("there is no organization `\(organization)`", organization, among: index.organizationIDs)
        }
        if let key, !index.statistics.contains(where: { $0.key == key }) {
            throw usageError("no article reports the statistic `\(key)`", key, among: index.statistics.map(\.key))
        }
        let figures = FiguresReport(index: index, organization: organization, year: year, key: key)
        print(figures.text(format, language: index.config.language), terminator: "")
    }

    private func usageError(_ what: String, _ given: String, among known: [String]) -> ExitCode {
        var message = "bantin: error: \(what)"
        if let near = Suggest.closest(to: given, in: known) { message += "; did you mean `\(near)`?" }
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return ExitCode(Status.usage)
    }
}

extension FiguresReport.Format: ExpressibleByArgument {}

enum DiagnosticsFormat: String, ExpressibleByArgument, CaseIterable {
    case plain, github
}

/// Every problem, one per line on standard error, then a summary line.
func report(_ diagnostics: Diagnostics, _ format: DiagnosticsFormat = .plain) {
    guard !diagnostics.items.isEmpty else { return }
    var text = diagnostics.sorted.map { format == .github ? $0.githubAnnotation : $0.description }.joined(separator: "\n")
    text += "\n\(diagnostics.summary)\n"
    FileHandle.standardError.write(Data(text.utf8))
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Preview the site on 127.0.0.1; rebuilds and reloads pages on change.")

    @Option(name: .long, help: "The site folder (holding site.yml).") var source: String = "."
    @Option(name: .long, help: "The port to listen on.") var port: Int = 1313

    func validate() throws {
        try validateSource(source)
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
    }

    func run() async throws { try await serve() }

    func serve() async throws {
        // Ctrl-C or SIGTERM end the preview at once, even if the shell started it ignoring SIGINT.
        for sig in [SIGINT, SIGTERM] { signal(sig) { _ in _exit(0) } }
        do {
            var server = PreviewServer(source: source, port: port)
            server.onRefresh = { duration, diagnostics, kind in
                let ms = Int((Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15).rounded())
                var text = diagnostics.sorted.map { "\($0)\n" }.joined()
                text += diagnostics.hasErrors
                    ? "bantin: \(diagnostics.summary) after \(ms) ms; the last good pages stay served\n"
                    : kind == .full ? "bantin: site read in \(ms) ms\n" : "bantin: updated in \(ms) ms\n"
                FileHandle.standardError.write(Data(text.utf8))
            }
            try await server.run { url in
                // Written unbuffered: whoever started the server waits for this line.
                FileHandle.standardOutput.write(Data("bantin: serving \(url) (drafts included; Ctrl-C to stop)\n".utf8))
            }
        } catch {
            if "\(error)".contains("Address already in use") || "\(error)".contains("EADDRINUSE") {
                FileHandle.standardError.write(Data("bantin: error: port \(port) is in use; choose another with --port\n".utf8))
                throw ExitCode(Status.usage)
            }
            throw error
        }
    }
}

struct Fields: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the fields every layout may use, page by page.")

    func run() throws { print(FieldListing.text(), terminator: "") }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a skeleton: an article, an organization or a whole starter site.",
        subcommands: [NewArticle.self, NewOrganization.self, NewSite.self])
}

struct NewArticle: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "article", abstract: "Write a new article dated now.")

    @Argument(help: "The article's title.") var title: String
    @Option(name: .long, help: "The id of the organization it is about.") var organization: String
    @Option(name: .long, help: "The site folder.") var source: String = "."

    func run() throws {
        try scaffold { "bantin: wrote " + (try Scaffold.article(title: title, organization: organization, root: source)) }
    }
}

struct NewOrganization: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "organization", abstract: "Write a new organization.")

    @Argument(help: "Its id: the URL name, e.g. hkh-yen-bai.") var id: String
    @Option(name: .long, help: "Its full name.") var name: String
    @Option(name: .long, help: "The site folder.") var source: String = "."

    func run() throws {
        try scaffold { "bantin: wrote " + (try Scaffold.organization(id: id, name: name, root: source)) }
    }
}

struct NewSite: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "site", abstract: "Write a starter site that builds as it is.")

    @Argument(help: "The folder to create.") var directory: String
    @Flag(name: .long, help: "Add a sample organisation and article to learn from.") var example = false

    func run() throws {
        try scaffold {
            let files = try Scaffold.site(at: directory, example: example)
            var text = "bantin: wrote \(files.count) files in \(directory); build it with `bantin build --source \(directory)`"
            if example {
                text += "\nbantin: the sample organisation and article are there to learn from; when you have your own, delete "
                    + Scaffold.exampleFiles.joined(separator: " and ")
            } else {
                text += "\nbantin: next, add your organisation with `bantin new organization <id> --name \"<full name>\" --source \(directory)`,"
                    + " then an article with `bantin new article \"<title>\" --organization <id> --source \(directory)`"
            }
            return text
        }
    }
}

/// Runs a scaffold; its refusals are content problems (exit 1), printed plainly.
func scaffold(_ body: () throws -> String) throws {
    do {
        print(try body())
    } catch let failure as Scaffold.Failure {
        FileHandle.standardError.write(Data("bantin: error: \(failure)\n".utf8))
        throw ExitCode(Status.contentErrors)
    }
}

// ArgumentParser exits with 64 on a usage error; the contract asks for 2.
do {
    var command = try Bantin.parseAsRoot()
    if let serve = command as? Serve {
        try await serve.serve()
    } else {
        try command.run()
    }
} catch {
    let code = Bantin.exitCode(for: error)
    if code == .success {
        Bantin.exit(withError: error)
    } else if let exit = error as? ExitCode {
        Foundation.exit(exit.rawValue)
    } else {
        FileHandle.standardError.write(Data((Bantin.fullMessage(for: error) + "\n").utf8))
        Foundation.exit(Status.usage)
    }
}

/// A one-line progress display on standard error, for builds long enough to wait for: it
/// appears after a second (`BANTIN_PROGRESS_AFTER` seconds), redraws ten times a second, and is
/// erased before the summary. Only when standard error is a terminal, so logs and CI output
/// stay clean.
final class ProgressLine: @unchecked Sendable {
    let progress = BuildProgress()
    private let done = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    static func startIfTerminal() -> ProgressLine? {
        guard isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
        let line = ProgressLine()
        Thread { line.draw() }.start()
        return line
    }

    private func draw() {
        var drawn = false
        let after = Double(ProcessInfo.processInfo.environment["BANTIN_PROGRESS_AFTER"] ?? "") ?? 1
        if done.wait(timeout: .now() + after) == .timedOut {
            repeat {
                let s = progress.current
                if !s.stage.isEmpty {
                    let percent = s.total > 0 ? " \(s.done * 100 / s.total)%" : ""
                    FileHandle.standardError.write(Data("\r\u{1B}[Kbantin: \(s.stage) \(s.done)/\(s.total)\(percent)".utf8))
                    drawn = true
                }
            } while done.wait(timeout: .now() + .milliseconds(100)) == .timedOut
        }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        finished.signal()
    }

    func stop() {
        done.signal()
        finished.wait()
    }
}
