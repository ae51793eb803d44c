import BantinKit
import Foundation
import Hummingbird
import Logging
import NIOCore

/// What the preview shows: the generation of the last good build, and the problems of the last
/// build if it failed (the last good pages stay served, under an overlay).
actor PreviewState {
    private(set) var generation = 0
    private(set) var problems: [Diagnostic] = []

    func succeeded() {
        generation += 1
        problems = []
    }

    func failed(_ diagnostics: [Diagnostic]) {
        generation += 1
        problems = diagnostics
    }
}

/// `bantin serve`: builds the site into a private folder, serves it on 127.0.0.1, watches the
/// sources, rebuilds on change and tells open pages to reload (server-sent events). The reload
/// script and the error overlay are added to pages as they are served; `bantin build` output
/// never contains them.
public struct PreviewServer: Sendable {
    public let source: String
    public let port: Int
    public let output: String
    public var pollInterval: Duration = .milliseconds(200)

    public init(source: String, port: Int) {
        self.source = URL(fileURLWithPath: source).standardizedFileURL.path
        self.port = port
        self.output = self.source + "/.bantin-cache/serve"
    }

    public static let eventsPath = "/__bantin/events"

    /// Builds on a Dispatch thread: a build is long synchronous work, and on a small machine it
    /// would otherwise hold one of the few threads that serve requests.
    static func build(_ builder: Builder, _ options: BuildOptions) async -> BuildResult {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: builder.build(options)) }
        }
    }

    /// Runs until cancelled. `onReady` is called once the first build is done and the port is bound.
    public func run(onReady: @escaping @Sendable (String) async -> Void = { _ in }) async throws {
        let state = PreviewState()
        var draftOptions = BuildOptions(source: source, output: output)
        draftOptions.drafts = true
        let options = draftOptions
        let builder = Builder()
        let interval = pollInterval
        let first = await Self.build(builder, options)
        if first.succeeded { await state.succeeded() } else { await state.failed(first.diagnostics.sorted) }
        var logger = Logger(label: "bantin.serve")
        logger.logLevel = .warning
        let app = Application(
            responder: PreviewResponder(root: output, state: state),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "bantin"),
            onServerRunning: { _ in await onReady("http://127.0.0.1:\(port)/") },
            logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            // No graceful shutdown: a preview has nothing to drain, and an open page's event
            // stream would hold it forever. Ctrl-C ends the process at once.
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            group.addTask {
                var last = Builder.inputFingerprint(options)
                var wait = interval
                while !Task.isCancelled {
                    try await Task.sleep(for: wait)
                    let started = ContinuousClock.now
                    let now = Builder.inputFingerprint(options)
                    // On a large site the scan itself takes time: keep polling to a third of a core at most.
                    wait = max(interval, (ContinuousClock.now - started) * 2)
                    guard now != last else { continue }
                    last = now
                    let result = await Self.build(builder, options)
                    if result.succeeded { await state.succeeded() } else { await state.failed(result.diagnostics.sorted) }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}

struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let root: String
    let state: PreviewState

    func respond(to request: Request, context: Context) async throws -> Response {
        let rawPath = request.uri.path
        if rawPath == PreviewServer.eventsPath { return events() }
        guard let path = Self.safePath(rawPath) else {
            return Response(status: .forbidden, body: .init(byteBuffer: ByteBuffer(string: "refused: outside the site\n")))
        }
        var file = root + path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            guard path.hasSuffix("/") else {
                return Response(status: .movedPermanently, headers: [.location: rawPath + "/"])
            }
            file += "index.html"
        }
        var status = HTTPResponse.Status.ok
        var data = FileManager.default.contents(atPath: file)
        if data == nil {
            status = .notFound
            file = root + "/404.html"
            data = FileManager.default.contents(atPath: file) ?? Data("not found\n".utf8)
        }
        var headers: HTTPFields = [.contentType: Self.contentType(file), .cacheControl: "no-store"]
        var body = data!
        if file.hasSuffix(".html") {
            body = Data(Self.inject(into: String(decoding: body, as: UTF8.self), problems: await state.problems).utf8)
        }
        headers[.contentLength] = String(body.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// An event each time a build finishes, so the page reloads (and shows or drops the overlay).
    func events() -> Response {
        let state = self.state
        let body = ResponseBody { writer in
            var seen = await state.generation
            try await writer.write(ByteBuffer(string: "retry: 500\ndata: \(seen)\n\n"))
            var ticks = 0
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(100))
                let now = await state.generation
                if now != seen {
                    seen = now
                    try await writer.write(ByteBuffer(string: "event: reload\ndata: \(now)\n\n"))
                }
                ticks += 1
                // A comment every few seconds: writing to a closed page fails and ends this stream.
                if ticks % 30 == 0 { try await writer.write(ByteBuffer(string: ": ping\n\n")) }
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

    static func inject(into html: String, problems: [Diagnostic]) -> String {
        var addition = """
        <script>new EventSource("\(PreviewServer.eventsPath)").addEventListener("reload", () => location.reload());</script>

        """
        if !problems.isEmpty {
            let items = problems.map { "<li>\(escapeHTML($0.description))</li>" }.joined()
            addition += """
            <div id="bantin-errors" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#fff4f4;color:#5c0000;border-top:4px solid #b00020;padding:1rem;font:14px/1.5 monospace;z-index:99999"><strong>bantin: the last build failed; these pages are from the last good one.</strong><ul>\(items)</ul></div>

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
