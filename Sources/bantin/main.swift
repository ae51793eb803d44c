import ArgumentParser
import BantinKit
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
        subcommands: [Build.self, Check.self])
}

struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder (holding site.yml).")
    var source: String = "."

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    /// A missing site folder is a usage error (exit 2), not a content error.
    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("the source folder \(source) does not exist")
        }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder.")

    @OptionGroup var common: SourceOptions

    @Option(name: .long, help: "The output folder (default: public/ in the site folder).")
    var output: String?

    @Flag(name: .long, help: "Include articles and pages marked `draft: true`.")
    var drafts = false

    @Option(name: .long, help: "Parallel jobs (default: the number of cores).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var options = BuildOptions(source: common.source, output: output)
        options.drafts = drafts
        options.strict = common.strict
        if let jobs { options.jobs = jobs }
        options.removesPreviousInBackground = true
        options.reusesUnchangedOutput = true
        let started = Date()
        let result = Builder().build(options)
        report(result.diagnostics)
        guard result.succeeded else { throw ExitCode(Status.contentErrors) }
        let ms = Int(Date().timeIntervalSince(started) * 1000)
        if result.upToDate {
            print("bantin: nothing changed since the last build; \(result.outputPath ?? "") left as it was (\(ms) ms)")
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
        let result = Builder().build(options)
        report(result.diagnostics)
        guard result.succeeded else { throw ExitCode(Status.contentErrors) }
        print("bantin: no errors (\(result.pagesWritten) pages)")
    }
}

/// Every problem, one per line on standard error, then a summary line.
func report(_ diagnostics: Diagnostics) {
    guard !diagnostics.items.isEmpty else { return }
    var text = diagnostics.sorted.map(\.description).joined(separator: "\n")
    text += "\n\(diagnostics.summary)\n"
    FileHandle.standardError.write(Data(text.utf8))
}

// ArgumentParser exits with 64 on a usage error; the contract asks for 2.
do {
    var command = try Bantin.parseAsRoot()
    try command.run()
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
