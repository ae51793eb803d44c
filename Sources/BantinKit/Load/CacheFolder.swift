import Foundation

/// `.bantin-cache/` beside `site.yml`: what one build leaves for the next (`BuildFingerprint`,
/// `EngineState`). Losing it costs one full build, never a wrong one, so its files are read and
/// written without reporting failures.
enum CacheFolder {
    static let name = ".bantin-cache"

    static func read(_ file: String, root: String) -> String? {
        try? String(contentsOfFile: "\(root)/\(name)/\(file)", encoding: .utf8)
    }

    static func write(_ text: String, to file: String, root: String) {
        let dir = "\(root)/\(name)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? text.write(toFile: "\(dir)/\(file)", atomically: true, encoding: .utf8)
    }

    static func data(_ file: String, root: String) -> Data? {
        FileManager.default.contents(atPath: "\(root)/\(name)/\(file)")
    }

    static func write(_ data: Data, to file: String, root: String) {
        let dir = "\(root)/\(name)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: "\(dir)/\(file)"), options: .atomic)
    }

    static func remove(_ file: String, root: String) {
        try? FileManager.default.removeItem(atPath: "\(root)/\(name)/\(file)")
    }
}
