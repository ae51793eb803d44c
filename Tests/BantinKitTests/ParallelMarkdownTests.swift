import Foundation
import Testing
@testable import BantinKit

/// cmark-gfm parsing on every thread at once (cmark_threads.c): 10,000 varied documents, with
/// tables, strikethrough, autolinks, footnotes and task lists, parsed 20 times over on several
/// threads, each time byte for byte what a parse on one thread gives.
@Suite struct ParallelMarkdownTests {
    static func document(_ n: Int) -> String {
        let words = ["Hội nghị", "tổng kết", "khuyến học", "học bổng", "giao ban", "đại hội", "Đoàn", "sinh viên"]
        let w = { (k: Int) in words[(n + k) % words.count] }
        var parts = ["# \(w(0)) \(n)", "Đoạn **\(w(1))** và *\(w(2))* với ~~\(w(3))~~ và ~một~ dấu."]
        if n % 2 == 0 { parts.append("| \(w(4)) | Số |\n|---|--:|\n| \(w(5)) | \(n) |\n| ~~x~~ www.e\(n).vn | 2 |") }
        if n % 3 == 0 { parts.append("Xem www.khuyenhoc\(n).vn, https://a.vn/\(n) và thư hoi\(n)@a.vn.") }
        if n % 5 == 0 { parts.append("Chú thích[^\(n)] ở đây.\n\n[^\(n)]: Ghi chú \(w(6)).") }
        if n % 7 == 0 { parts.append("- [ ] \(w(7))\n- [x] xong\n\n> trích ~~dẫn~~ `mã ~~`") }
        return parts.joined(separator: "\n\n")
    }

    @Test(.timeLimit(.minutes(3))) func parallelParsesEqualSerialOnes() {
        let renderer = MarkdownRenderer()
        let count = Int(ProcessInfo.processInfo.environment["BANTIN_STRESS_DOCUMENTS"] ?? "") ?? 10_000
        let rounds = Int(ProcessInfo.processInfo.environment["BANTIN_STRESS_ROUNDS"] ?? "") ?? 20
        let documents = (0..<count).map(Self.document)
        let serial = documents.map { renderer.render($0).html }
        #expect(serial[0].contains("<del>") && serial[0].contains("<table>") && serial[0].contains("<a href=\"http://www.khuyenhoc0.vn\">"))
        #expect(serial[5].contains("footnote"))
        // The library calls Bantin's function: from here on parses do not take turns.
        #expect(MarkdownRenderer.parsesConcurrently, "cmark-gfm does not call the interposed function: parsing stays serialised")
        var mismatches = 0
        for _ in 0..<rounds {
            let parallel = Parallel.map(Array(documents.indices), jobs: 4) { renderer.render(documents[$0]).html }
            mismatches += zip(parallel, serial).filter { $0 != $1 }.count
        }
        #expect(mismatches == 0, "\(mismatches) of \(count * rounds) parallel parses differ from the serial ones")
    }
}
