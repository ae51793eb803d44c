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

    static func remove(_ file: String, root: String) {
        try? FileManager.default.removeItem(atPath: "\(root)/\(name)/\(file)")
    }
}
