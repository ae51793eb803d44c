import ArgumentParser
import BantinKit
import BantinServe
import Foundation

/// `--lang vi|en`, taken out of the arguments wherever it stands (before ArgumentParser sees
/// them, so that `--help` is in that language too), and the language Bantin then speaks.
struct Speech {
    let language: SiteLanguage
    let arguments: [String]
    let badLanguage: String?

    static func from(_ all: [String], environment: [String: String]) -> Speech {
        var rest: [String] = []
        var asked: SiteLanguage?
        var bad: String?
        var source: String?
        var i = 0
        while i < all.count {
            let a = all[i]
            if a == "--lang" || a.hasPrefix("--lang=") {
                let value = a == "--lang" ? (i + 1 < all.count ? all[i + 1] : "") : String(a.dropFirst(7))
                if let l = SiteLanguage(rawValue: value.lowercased()) { asked = l } else { bad = value }
                i += a == "--lang" ? 2 : 1
                continue
            }
            if a == "--source", i + 1 < all.count { source = all[i + 1] }
            if a.hasPrefix("--source=") { source = String(a.dropFirst(9)) }
            rest.append(a)
            i += 1
        }
        let language = MessageLanguage.choose(asked: asked, siteFolder: source ?? ".", environment: environment)
        return Speech(language: language, arguments: rest, badLanguage: bad)
    }
}

let speech = Speech.from(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)

/// The English or the Vietnamese, as Bantin speaks to this user.
func say(_ english: String, _ vietnamese: String) -> String { speech.language == .vi ? vietnamese : english }

/// Exit status as the contract sets it: 0 success, 1 content errors, 2 usage errors.
enum Status {
    static let contentErrors: Int32 = 1
    static let usage: Int32 = 2
}

struct Bantin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bantin",
        abstract: say("A static-site generator for the news and results of Vietnamese organizations.", "Dựng trang tin tĩnh cho tin tức và kết quả hoạt động của các tổ chức."),
        discussion: say("""
            Bantin speaks Vietnamese when the site's language is vi (the default) or LANG starts with vi, \
            English otherwise; --lang vi or --lang en, anywhere on the line, chooses.
            """, """
            Bantin nói tiếng Việt khi trang có language: vi (mặc định) hoặc biến LANG bắt đầu bằng vi, \
            còn lại nói tiếng Anh; --lang vi hoặc --lang en, đặt ở bất kỳ đâu trên dòng lệnh, để chọn.
            """),
        version: BantinVersion.current,
        subcommands: [Build.self, Check.self, Serve.self, New.self, Figures.self, Import.self, Fields.self])
}

struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(say("The site folder (holding site.yml).", "Thư mục của trang (nơi có site.yml).")))
    var source: String = "."

    @Flag(name: .long, help: ArgumentHelp(say("Treat warnings as errors.", "Coi cảnh báo là lỗi.")))
    var strict = false

    @Option(name: .long, help: ArgumentHelp(say("How to print problems: `plain` (PATH:LINE:COLUMN: error: …) or `github` (Actions annotations).", "Cách in lỗi: `plain` (ĐƯỜNG-DẪN:DÒNG:CỘT: error: …) hoặc `github` (chú thích của GitHub Actions).")))
    var diagnostics: DiagnosticsFormat = .plain

    /// A missing site folder is a usage error (exit 2), not a content error.
    func validate() throws { try validateSource(source) }
}

/// `--source` must name a folder: a missing one and a file are told apart.
func validateSource(_ source: String) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
        throw ValidationError(say("the source folder \(source) does not exist", "thư mục nguồn \(source) không tồn tại"))
    }
    guard isDirectory.boolValue else {
        throw ValidationError(say("the source \(source) is a file, not a folder; give --source the site's folder (the one holding site.yml)",
                                  "nguồn \(source) là một tệp, không phải thư mục; hãy cho --source thư mục của trang (thư mục có site.yml)"))
    }
}

/// A command refused before it read or wrote anything: exit 2, as the contract sets it.
func refuseIfUsageError(_ result: BuildResult) throws {
    guard let why = result.usageError else { return }
    FileHandle.standardError.write(Data("bantin: error: \(say(why, "lỗi: " + MessageTranslator.translate(why, to: .vi)))\n".utf8))
    throw ExitCode(Status.usage)
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("Build the site into the output folder.", "Dựng trang vào thư mục kết quả."))

    @OptionGroup var common: SourceOptions

    @Option(name: .long, help: ArgumentHelp(say("The output folder (default: public/ in the site folder).", "Thư mục kết quả (mặc định: public/ trong thư mục trang).")))
    var output: String?

    @Flag(name: .long, help: ArgumentHelp(say("Include articles and pages marked `draft: true`.", "Dựng cả bài và trang có `draft: true` (bản nháp).")))
    var drafts = false

    @Flag(name: .long, help: ArgumentHelp(say("Replace an output folder that holds files Bantin did not write. Never the site's own folders, a .git folder, the home folder or /.", "Thay cả thư mục kết quả dù nó có tệp không do Bantin ghi. Không bao giờ áp dụng cho thư mục của trang, thư mục .git, thư mục nhà hay /.")))
    var force = false

    @Option(name: .long, help: ArgumentHelp(say("Parallel jobs (default: the number of cores).", "Số việc chạy song song (mặc định: số nhân CPU).")))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError(say("--jobs must be at least 1", "--jobs phải từ 1 trở lên")) }
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
            print(say("bantin: nothing changed since the last build; \(result.outputPath ?? "") left as it was (\(ms) ms)",
                      "bantin: không có gì thay đổi từ lần dựng trước; \(result.outputPath ?? "") giữ nguyên (\(ms) ms)"))
            return
        }
        if let updated = result.updatedInPlace {
            let files = updated.count == 1 ? "1 file" : "\(updated.count) files"
            print(say("bantin: \(files) changed in \(result.outputPath ?? ""), the rest as it was, in \(ms) ms",
                      "bantin: đã cập nhật \(updated.count) tệp trong \(result.outputPath ?? ""), phần còn lại giữ nguyên, trong \(ms) ms"))
            return
        }
        print(say("bantin: \(result.pagesWritten) pages, \(result.files.count) files written to \(result.outputPath ?? "") in \(ms) ms",
                  "bantin: đã ghi \(result.pagesWritten) trang, \(result.files.count) tệp vào \(result.outputPath ?? "") trong \(ms) ms"))
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("Validate the site; writes nothing.", "Kiểm tra trang; không ghi gì."))

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
        print(say("bantin: no errors (\(result.pagesWritten) pages)", "bantin: không có lỗi (\(result.pagesWritten) trang)"))
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say("Bring pages of an old portal (saved HTML, text copies, or folders of them) in as draft articles.", "Nhập các trang của cổng thông tin cũ (HTML đã lưu, bản sao chữ, hoặc thư mục chứa chúng) thành bài viết nháp."),
        discussion: """
        Each page becomes content/tin/<organization>/<title>.md (a folder with index.md when it has photos), \
        with draft: true, the page's title, date, author and source, and the figures its text reports \
        commented out for you to check. A page imported before is skipped; no file is ever overwritten.
        """)

    @Argument(help: ArgumentHelp(say("Saved pages (.html), text copies (.txt) or folders of them, such as a wget --mirror of the old site.", "Các trang đã lưu (.html), bản sao chữ (.txt) hoặc thư mục chứa chúng, ví dụ bản wget --mirror của trang cũ.")))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp(say("The organization the articles belong to (its id, the file name in content/organizations/).", "Tổ chức của các bài (mã của nó, tức tên tệp trong content/organizations/).")))
    var organization: String

    @Option(name: .long, help: ArgumentHelp(say("The site folder (holding site.yml).", "Thư mục của trang (nơi có site.yml).")))
    var source: String = "."

    @Flag(name: .long, help: ArgumentHelp(say("Print what would be imported, and write nothing.", "In ra những gì sẽ được nhập, không ghi gì.")))
    var dryRun = false

    func validate() throws {
        try validateSource(source)
        if paths.isEmpty { throw ValidationError(say("give at least one page or folder to import", "hãy cho ít nhất một trang hoặc thư mục để nhập")) }
    }

    func run() throws {
        let importer: Importer
        let inputs: [String]
        do {
            importer = try Importer(root: source, organization: organization, dryRun: dryRun)
            inputs = try Importer.inputs(paths)
        } catch let refusal as Importer.Refusal {
            FileHandle.standardError.write(Data("bantin: error: \(say("\(refusal)", "lỗi: " + MessageTranslator.translate("\(refusal)", to: .vi)))\n".utf8))
            throw ExitCode(Status.usage)
        }
        let lines = importer.run(inputs)
        for line in lines {
            print(line.description.split(separator: "\n").map { MessageTranslator.translate(String($0), to: speech.language) }.joined(separator: "\n"))
        }
        var imported = 0, skipped = 0, failed = 0
        for line in lines {
            switch line.outcome {
            case .imported: imported += 1
            case .skipped: skipped += 1
            case .failed: failed += 1
            }
        }
        let verb = dryRun ? "would be imported (dry run: nothing written)" : "imported"
        print(say("bantin: \(imported) \(verb), \(skipped) skipped, \(failed) failed" + (imported > 0 && !dryRun ? "; each is a draft (draft: true) until you review it" : ""),
                  "bantin: \(imported) bài \(dryRun ? "sẽ được nhập (chạy thử: chưa ghi gì)" : "đã nhập"), \(skipped) bỏ qua, \(failed) không nhập được"
                    + (imported > 0 && !dryRun ? "; mỗi bài là bản nháp (draft: true) cho tới khi bạn duyệt" : "")))
        if failed > 0 { throw ExitCode(Status.contentErrors) }
    }
}

struct Figures: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say("Print every figure the site will publish, with the line it comes from and what it corrected.", "In mọi số liệu trang sẽ đăng, kèm dòng nguồn và số liệu nó đính chính."))

    @OptionGroup var common: SourceOptions

    @Option(name: .long, help: ArgumentHelp(say("Only this organization (its id, the file name in content/organizations/).", "Chỉ tổ chức này (mã của nó, tức tên tệp trong content/organizations/).")))
    var organization: String?

    @Option(name: .long, help: ArgumentHelp(say("Only the figures that count for this year.", "Chỉ các số liệu tính cho năm này.")))
    var year: Int?

    @Option(name: .long, help: ArgumentHelp(say("Only this statistic key, such as members.", "Chỉ mã số liệu này, ví dụ members.")))
    var key: String?

    @Option(name: .long, help: ArgumentHelp(say("table (for reading), csv (for Excel) or json.", "table (để đọc), csv (cho Excel) hoặc json.")))
    var format: FiguresReport.Format = .table

    func run() throws {
        var options = BuildOptions(source: common.source)
        options.strict = common.strict
        let (index, result) = Builder().index(options)
        try refuseIfUsageError(result)
        report(result.diagnostics, common.diagnostics)
        guard let index else { throw ExitCode(Status.contentErrors) }
        if let organization, index.organizations[organization] == nil {
            throw usageError(say("there is no organization `\(organization)`", "không có tổ chức `\(organization)`"), organization, among: index.organizationIDs)
        }
        if let key, !index.statistics.contains(where: { $0.key == key }) {
            throw usageError(say("no article reports the statistic `\(key)`", "không bài nào báo cáo số liệu `\(key)`"), key, among: index.statistics.map(\.key))
        }
        let figures = FiguresReport(index: index, organization: organization, year: year, key: key)
        print(figures.text(format, language: index.config.language), terminator: "")
    }

    private func usageError(_ what: String, _ given: String, among known: [String]) -> ExitCode {
        var message = "bantin: error: \(what)"
        if let near = Suggest.closest(to: given, in: known) { message += say("; did you mean `\(near)`?", "; có phải ý bạn là `\(near)`?") }
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
    let language = speech.language
    var text = diagnostics.sorted.map { format == .github ? $0.githubAnnotation(in: language) : $0.description(in: language) }.joined(separator: "\n")
    text += "\n\(diagnostics.summary(in: language))\n"
    FileHandle.standardError.write(Data(text.utf8))
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("Preview the site on 127.0.0.1; rebuilds and reloads pages on change.", "Xem trước trang tại 127.0.0.1; tự dựng lại và tải lại trang khi có thay đổi."))

    @Option(name: .long, help: ArgumentHelp(say("The site folder (holding site.yml).", "Thư mục của trang (nơi có site.yml)."))) var source: String = "."
    @Option(name: .long, help: ArgumentHelp(say("The port to listen on.", "Cổng để phục vụ."))) var port: Int = 1313

    func validate() throws {
        try validateSource(source)
        guard (1...65535).contains(port) else { throw ValidationError(say("--port must be between 1 and 65535", "--port phải từ 1 đến 65535")) }
    }

    func run() async throws { try await serve() }

    func serve() async throws {
        // Ctrl-C or SIGTERM end the preview at once, even if the shell started it ignoring SIGINT.
        for sig in [SIGINT, SIGTERM] { signal(sig) { _ in _exit(0) } }
        do {
            var server = PreviewServer(source: source, port: port)
            server.language = speech.language
            server.onRefresh = { duration, diagnostics, kind in
                let ms = Int((Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15).rounded())
                var text = diagnostics.sorted.map { "\($0.description(in: speech.language))\n" }.joined()
                text += diagnostics.hasErrors
                    ? say("bantin: \(diagnostics.summary) after \(ms) ms; the last good pages stay served\n",
                          "bantin: \(diagnostics.summary(in: .vi)) sau \(ms) ms; vẫn phục vụ các trang của lần dựng tốt gần nhất\n")
                    : kind == .full ? say("bantin: site read in \(ms) ms\n", "bantin: đã đọc trang trong \(ms) ms\n")
                    : say("bantin: updated in \(ms) ms\n", "bantin: đã cập nhật trong \(ms) ms\n")
                FileHandle.standardError.write(Data(text.utf8))
            }
            try await server.run { url in
                // Written unbuffered: whoever started the server waits for this line.
                FileHandle.standardOutput.write(Data(say("bantin: serving \(url) (drafts included; Ctrl-C to stop)\n",
                                                         "bantin: đang phục vụ tại \(url) (có cả bản nháp; Ctrl-C để dừng)\n").utf8))
            }
        } catch {
            if "\(error)".contains("Address already in use") || "\(error)".contains("EADDRINUSE") {
                FileHandle.standardError.write(Data("bantin: error: \(say("port \(port) is in use; choose another with --port", "lỗi: cổng \(port) đang bận; hãy chọn cổng khác bằng --port"))\n".utf8))
                throw ExitCode(Status.usage)
            }
            throw error
        }
    }
}

struct Fields: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("List the fields every layout may use, page by page.", "Liệt kê các trường mà mỗi tệp mẫu (layout) dùng được, theo từng loại trang."))

    func run() throws { print(FieldListing.text(), terminator: "") }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say("Write a skeleton: an article, an organization or a whole starter site.", "Tạo khung: một bài viết, một tổ chức hoặc cả một trang mẫu ban đầu."),
        subcommands: [NewArticle.self, NewOrganization.self, NewSite.self])
}

struct NewArticle: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "article", abstract: say("Write a new article dated now.", "Tạo một bài viết mới, ghi ngày giờ hiện tại."))

    @Argument(help: ArgumentHelp(say("The article's title.", "Tiêu đề bài viết."))) var title: String
    @Option(name: .long, help: ArgumentHelp(say("The id of the organization it is about.", "Mã của tổ chức mà bài viết nói về."))) var organization: String
    @Option(name: .long, help: ArgumentHelp(say("The site folder.", "Thư mục của trang."))) var source: String = "."

    func run() throws {
        try scaffold { say("bantin: wrote ", "bantin: đã tạo ") + (try Scaffold.article(title: title, organization: organization, root: source)) }
    }
}

struct NewOrganization: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "organization", abstract: say("Write a new organization.", "Tạo một tổ chức mới."))

    @Argument(help: ArgumentHelp(say("Its id: the URL name, e.g. hkh-yen-bai.", "Mã của tổ chức: tên không dấu dùng trong địa chỉ, ví dụ hkh-yen-bai."))) var id: String
    @Option(name: .long, help: ArgumentHelp(say("Its full name.", "Tên đầy đủ."))) var name: String
    @Option(name: .long, help: ArgumentHelp(say("The site folder.", "Thư mục của trang."))) var source: String = "."

    func run() throws {
        try scaffold { say("bantin: wrote ", "bantin: đã tạo ") + (try Scaffold.organization(id: id, name: name, root: source)) }
    }
}

struct NewSite: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "site", abstract: say("Write a starter site that builds as it is.", "Tạo một trang mẫu ban đầu, dựng được ngay."))

    @Argument(help: ArgumentHelp(say("The folder to create.", "Thư mục sẽ tạo."))) var directory: String
    @Flag(name: .long, help: ArgumentHelp(say("Add a sample organisation and article to learn from.", "Thêm một tổ chức và một bài viết mẫu để tham khảo."))) var example = false

    func run() throws {
        try scaffold {
            let files = try Scaffold.site(at: directory, example: example)
            var text = say("bantin: wrote \(files.count) files in \(directory); build it with `bantin build --source \(directory)`",
                           "bantin: đã tạo \(files.count) tệp trong \(directory); dựng trang bằng `bantin build --source \(directory)`")
            if example {
                text += say("\nbantin: the sample organisation and article are there to learn from; when you have your own, delete "
                            + Scaffold.exampleFiles.joined(separator: " and "),
                            "\nbantin: tổ chức và bài viết mẫu là để tham khảo; khi đã có của mình, hãy xoá "
                            + Scaffold.exampleFiles.joined(separator: " và "))
            } else {
                text += say("\nbantin: next, add your organisation with `bantin new organization <id> --name \"<full name>\" --source \(directory)`,"
                            + " then an article with `bantin new article \"<title>\" --organization <id> --source \(directory)`",
                            "\nbantin: tiếp theo, thêm tổ chức của bạn bằng `bantin new organization <mã> --name \"<tên đầy đủ>\" --source \(directory)`,"
                            + " rồi một bài viết bằng `bantin new article \"<tiêu đề>\" --organization <mã> --source \(directory)`")
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
        FileHandle.standardError.write(Data("bantin: error: \(say("\(failure)", "lỗi: " + MessageTranslator.translate("\(failure)", to: .vi)))\n".utf8))
        throw ExitCode(Status.contentErrors)
    }
}

// ArgumentParser exits with 64 on a usage error; the contract asks for 2.
if let bad = speech.badLanguage {
    FileHandle.standardError.write(Data("bantin: error: --lang is vi (tiếng Việt) or en (English), not `\(bad)`\n".utf8))
    Foundation.exit(Status.usage)
}
do {
    var command = try Bantin.parseAsRoot(speech.arguments)
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
