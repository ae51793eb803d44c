import BantinKit
import Foundation
import Hummingbird
import Logging
import NIOCore

/// `bantin serve`: keeps the site in memory (`LiveSite`), serves it on 127.0.0.1, watches the
/// sources, refreshes what a change touches and tells open pages to reload (server-sent events).
/// Pages are rendered when they are asked for. The reload script and the error overlay are added
/// to pages as they are served; `bantin build` output never contains them.
public struct PreviewServer: Sendable {
    public let source: String
    public let port: Int
    public var pollInterval: Duration = .milliseconds(200)
    /// Called after each refresh with its duration and diagnostics, for the terminal.
    public var onRefresh: @Sendable (Duration, Diagnostics, LiveSite.RefreshKind) -> Void = { _, _, _ in }
    /// The language of the problems box shown over the pages (see `MessageLanguage`).
    public var language: SiteLanguage = .en

    public init(source: String, port: Int) {
        self.source = URL(fileURLWithPath: source).standardizedFileURL.path
        self.port = port
    }

    public static let eventsPath = "/__bantin/events"

    /// Runs until cancelled. `onReady` is called once the first build is done and the port is bound.
    public func run(onReady: @escaping @Sendable (String) async -> Void = { _ in }) async throws {
        let site = LiveSite(root: source, drafts: true)
        let started = ContinuousClock.now
        let first = site.refresh()
        onRefresh(ContinuousClock.now - started, first, .full)
        startWatching(site)
        var logger = Logger(label: "bantin.serve")
        logger.logLevel = .warning
        let app = Application(
            responder: PreviewResponder(site: site, language: language),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "bantin"),
            onServerRunning: { _ in await onReady("http://127.0.0.1:\(port)/") },
            logger: logger)
        // No graceful shutdown: a preview has nothing to drain, and an open page's event stream
        // would hold it forever. Ctrl-C ends the process at once.
        try await app.runService(gracefulShutdownSignals: [])
    }

    /// Refreshes the site when a source changes, on a thread of its own: waiting for file events
    /// and refreshing are blocking work that must not hold the few threads serving requests.
    func startWatching(_ site: LiveSite) {
        let options = BuildOptions(source: source)
        let interval = pollInterval
        let report = onRefresh
        // The folders are watched before the server says it is ready: an edit saved the moment
        // after must be seen (set up on the thread, a save right after `serving` could be missed).
        let made = WatcherHandoff(SourceWatcher(root: site.root))
        let thread = Thread {
            let watcher = made.watcher
            var last = watcher == nil ? Builder.inputFingerprint(options) : nil
            while true {
                var changed: Set<String>?
                if let watcher {
                    guard watcher.wait(milliseconds: 1000) else { continue }
                    // One save is often several events (write, rename, attributes): take them all.
                    while watcher.wait(milliseconds: 5) {}
                    changed = watcher.takeChanges()
                } else {
                    // Without inotify: poll, at most a third of a core on a large site.
                    let started = ContinuousClock.now
                    let now = Builder.inputFingerprint(options)
                    let scan = ContinuousClock.now - started
                    let wait = max(interval, scan * 2).components
                    Thread.sleep(forTimeInterval: Double(wait.seconds) + Double(wait.attoseconds) / 1e18)
                    guard now != last else { continue }
                    last = now
                }
                let started = ContinuousClock.now
                let diagnostics = site.refresh(changed: changed)
                report(ContinuousClock.now - started, diagnostics, site.lastRefresh)
            }
        }
        thread.name = "bantin-watch"
        thread.start()
    }
}

/// The watcher made on the server's thread, handed to the watching thread, which alone uses it.
private final class WatcherHandoff: @unchecked Sendable {
    let watcher: SourceWatcher?
    init(_ watcher: SourceWatcher?) { self.watcher = watcher }
}

struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let site: LiveSite
    var language: SiteLanguage = .en

    func respond(to request: Request, context: Context) async throws -> Response {
        let rawPath = request.uri.path
        if rawPath == PreviewServer.eventsPath { return events() }
        let answer = answer(rawPath)
        var headers: HTTPFields = [.contentType: answer.contentType, .cacheControl: "no-store", .contentLength: String(answer.body.count)]
        if let location = answer.location { headers[.location] = location }
        return Response(status: answer.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// What a request for `rawPath` gets, apart from the event stream.
    struct Answer {
        var status: HTTPResponse.Status
        var contentType: String
        var body: Data
        var location: String?
    }

    func answer(_ rawPath: String) -> Answer {
        guard let path = Self.safePath(rawPath) else {
            return Answer(status: .forbidden, contentType: "text/plain; charset=utf-8", body: Data("refused: outside the site\n".utf8))
        }
        var relative = String(path.dropFirst())
        if relative.isEmpty || relative.hasSuffix("/") {
            relative += "index.html"
        } else if site.isFolder(relative) {
            return Answer(status: .movedPermanently, contentType: "text/plain; charset=utf-8", body: Data(), location: rawPath + "/")
        }
        var status = HTTPResponse.Status.ok
        var file = site.file(relative)
        if file == nil {
            status = .notFound
            file = site.file("404.html")
        }
        var body: Data
        var name = file?.path ?? "404.txt"
        switch file {
        case let file?: body = file.data ?? Data()
        case nil where !site.problems.isEmpty:
            // The site has never built: a page to carry the problems, which reloads once fixed.
            status = .serviceUnavailable
            name = "problems.html"
            body = Data("<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head><meta charset=\"utf-8\"><title>\(Self.noPagesTitle(language))</title></head>\n<body>\n</body>\n</html>\n".utf8)
        case nil: body = Data("not found\n".utf8)
        }
        if name.hasSuffix(".html") {
            body = Data(Self.inject(into: String(decoding: body, as: UTF8.self), problems: site.problems,
                                    heading: name == "problems.html" ? Self.noPages(language) : Self.keptPages(language), language: language).utf8)
        }
        return Answer(status: status, contentType: Self.contentType(name), body: body)
    }

    /// An event each time a build finishes, so the page reloads (and shows or drops the overlay).
    func events() -> Response {
        let site = self.site
        let body = ResponseBody { writer in
            var seen = site.generation
            try await writer.write(ByteBuffer(string: "retry: 500\ndata: \(seen)\n\n"))
            var ticks = 0
            while !Task.isCancelled {
                // A cheap look every 10 ms: the reload follows a refresh closely.
                try await Task.sleep(for: .milliseconds(10))
                let now = site.generation
                if now != seen {
                    seen = now
                    try await writer.write(ByteBuffer(string: "event: reload\ndata: \(now)\n\n"))
                }
                ticks += 1
                // A comment every few seconds: writing to a closed page fails and ends this stream.
                if ticks % 300 == 0 { try await writer.write(ByteBuffer(string: ": ping\n\n")) }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }

    /// The request path, percent-decoded, if it stays inside the site: no `..` segment in any
    /// encoding, no backslash, no NUL.
    static func safePath(_ raw: String) -> String? {
        guard let decoded = raw.removingPercentEncoding, decoded.hasPrefix("/"),
              !decoded.contains("\\"), !decoded.contains("\0") else { return nil }
        // Decoding twice catches %252e%252e, which a proxy might decode once more.
        if let twice = decoded.removingPercentEncoding, twice != decoded, twice.split(separator: "/").contains("..") { return nil }
        guard !decoded.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." }) else { return nil }
        return decoded
    }

    static func keptPages(_ language: SiteLanguage) -> String {
        language == .vi ? "bantin: lần dựng vừa rồi bị lỗi; đây là các trang của lần dựng tốt gần nhất."
            : "bantin: the last build failed; these pages are from the last good one."
    }
    static func noPages(_ language: SiteLanguage) -> String {
        language == .vi ? "bantin: trang chưa dựng được; trang này sẽ tự tải lại khi các lỗi dưới đây được sửa."
            : "bantin: the site does not build yet; this page reloads once these are fixed."
    }
    static func noPagesTitle(_ language: SiteLanguage) -> String {
        language == .vi ? "bantin: trang chưa dựng được" : "bantin: the site does not build yet"
    }

    static func inject(into html: String, problems: [Diagnostic], heading: String? = nil, language: SiteLanguage = .en) -> String {
        let heading = heading ?? keptPages(language)
        var addition = """
        <script>new EventSource("\(PreviewServer.eventsPath)").addEventListener("reload", () => location.reload());</script>

        """
        if !problems.isEmpty {
            let items = problems.map { "<li>\(escapeHTML($0.description(in: language)))</li>" }.joined()
            addition += """
            <div id="bantin-errors" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#fff4f4;color:#5c0000;border-top:4px solid #b00020;padding:1rem;font:14px/1.5 monospace;z-index:99999"><strong>\(heading)</strong><ul>\(items)</ul></div>

            """
        }
        guard let end = html.range(of: "</body>", options: .backwards) else { return html + addition }
        return html.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: addition)
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "xml": "application/xml; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        case "pdf": "application/pdf"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}
