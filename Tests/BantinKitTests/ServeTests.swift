import Foundation
import Testing
@testable import BantinKit
@testable import BantinServe
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Calls `body` with 127.0.0.1:`port` as a `sockaddr`, for connect and bind.
func withLoopbackAddress<R>(_ port: Int, _ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
}

/// A plain HTTP/1.1 client over a loopback socket, able to read a response as it streams.
struct LoopbackClient {
    let port: Int

    /// Sends a GET and reads until `until` appears in the response (or the deadline passes).
    func get(_ path: String, until: String? = nil, seconds: Double = 10) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        let connected = withLoopbackAddress(port) { connect(fd, $0, $1) }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 { received += buffer[0..<n] } else if n == 0 { break }
            if let until, String(decoding: received, as: UTF8.self).contains(until) { break }
        }
        return String(decoding: received, as: UTF8.self)
    }
}

@Suite(.serialized) struct ServeTests {
    @Test(.timeLimit(.minutes(2))) func servesRebuildsReloadsAndRefusesTraversal() async throws {
        // The real command in its own process, so the other tests' blocking work in this one
        // cannot starve it.
        let site = try fixture("basic")
        let port = Int.random(in: 20000...60000)
        let process = Process()
        process.executableURL = bantinBinary()
        process.arguments = ["serve", "--source", site.path, "--port", String(port)]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.interrupt()  // Ctrl-C
            process.waitUntilExit()
        }
        var banner = Data()
        while !String(decoding: banner, as: UTF8.self).contains("\n") {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += chunk
        }
        // The site is Vietnamese, and so is what Bantin says (#16).
        #expect(String(decoding: banner, as: UTF8.self) == "bantin: đang phục vụ tại http://127.0.0.1:\(port)/ (có cả bản nháp; Ctrl-C để dừng)\n")
        let client = LoopbackClient(port: port)

        let page = try client.get("/2024/tong-ket-nam-2023/")
        #expect(page.hasPrefix("HTTP/1.1 200"))
        #expect(page.contains("Tổng kết năm 2023"))
        #expect(page.contains("new EventSource(\"/__bantin/events\")"))
        // The reload script is only in served pages, never in what the site renders, and the
        // preview writes nothing into the site folder.
        let live = LiveSite(root: site.path)
        live.refresh()
        guard case .bytes(let rendered) = live.file("index.html")?.content else { Issue.record("no home page"); return }
        #expect(!String(decoding: rendered, as: UTF8.self).contains("EventSource"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("public").path))
        #expect(try client.get("/tim-kiem/index.json").contains("application/json"))

        for path in ["/../site.yml", "/%2e%2e/site.yml", "/%2E%2E%2Fsite.yml", "/nam/%2e%2e/%2e%2e/site.yml", "/%252e%252e/site.yml", "/a%5c..%5csite.yml"] {
            #expect(try client.get(path).hasPrefix("HTTP/1.1 403"), "\(path)")
        }
        #expect(try client.get("/khong-co/").hasPrefix("HTTP/1.1 404"))
        #expect(try client.get("/nam").lowercased().contains("location: /nam/"))

        // An edit: the events stream says reload, and the page shows the change.
        // Edits come from a Dispatch thread: this test blocks its own thread while it reads events.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.7) {
            let file = site.appendingPathComponent("content/news/b-2023.md")
            try? (String(contentsOf: file, encoding: .utf8) + "\nĐoạn sửa trong lúc xem thử.\n").write(to: file, atomically: true, encoding: .utf8)
        }
        let events = try client.get(PreviewServer.eventsPath, until: "event: reload", seconds: 15)
        #expect(events.contains("text/event-stream"))
        #expect(events.contains("event: reload"))
        #expect(try client.get("/2024/tong-ket-nam-2023/").contains("Đoạn sửa trong lúc xem thử."))

        // A broken edit: the last good page stays, under an overlay naming the problem.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.7) {
            try? "---\ntitle: Hỏng\ndate: 2024-02-30\norganization: hkh-tinh\n---\n".write(
                to: site.appendingPathComponent("content/news/hong.md"), atomically: true, encoding: .utf8)
        }
        _ = try client.get(PreviewServer.eventsPath, until: "event: reload", seconds: 15)
        let withOverlay = try client.get("/2024/tong-ket-nam-2023/")
        #expect(withOverlay.contains("Đoạn sửa trong lúc xem thử."))
        #expect(withOverlay.contains("id=\"bantin-errors\""))
        #expect(withOverlay.contains("content/news/hong.md:3:7: error: lỗi: `date` không phải là ngày có thật: `2024-02-30` (tháng 2 có 29 ngày)"))
        #expect(withOverlay.contains(PreviewResponder.keptPages(.vi)))
    }

    @Test func aSiteThatNeverBuiltShowsItsProblems() throws {
        let site = try fixture("broken")
        let live = LiveSite(root: site.path)
        #expect(live.refresh().hasErrors)
        let responder = PreviewResponder(site: live)
        let answer = responder.answer("/")
        #expect(answer.status == .serviceUnavailable && answer.contentType.hasPrefix("text/html"))
        let html = String(decoding: answer.body, as: UTF8.self)
        #expect(html.contains("id=\"bantin-errors\"") && html.contains("new EventSource("))
        #expect(html.contains("content/news/d-date.md:3:7: error: `date` is not a real date"))
        #expect(html.contains(PreviewResponder.noPages(.en)))
        #expect(responder.answer("/%2e%2e/site.yml").status == .forbidden)
    }

    @Test func safePaths() {
        #expect(PreviewResponder.safePath("/nam/2023/") == "/nam/2023/")
        #expect(PreviewResponder.safePath("/ch%E1%BB%A7-%C4%91%E1%BB%81/") == "/chủ-đề/")
        for bad in ["/../x", "/%2e%2e/x", "/a/%2E%2E/%2E%2E/x", "/%252e%252e/x", "/a%5cb", "/a%00b", "relative"] {
            #expect(PreviewResponder.safePath(bad) == nil, "\(bad)")
        }
    }

    @Test func portInUseIsAClearError() throws {
        let site = try fixture("basic")
        let port = Int.random(in: 20000...60000)
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        let bound = withLoopbackAddress(port) { bind(holder, $0, $1) }
        #expect(bound == 0)
        #expect(listen(holder, 1) == 0)
        let result = try run(["serve", "--source", site.path, "--port", String(port)])
        #expect(result.status == 2)
        #expect(result.stderr.hasSuffix("bantin: error: port \(port) is in use; choose another with --port\n"))
    }
}
