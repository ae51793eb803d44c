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

    /// `data` written to `file` in the folder, to be read back once (`stream`); its path, or
    /// nil when it cannot be written (then the caller keeps the data).
    static func scratch(_ file: String, holding data: Data, root: String) -> String? {
        let dir = "\(root)/\(name)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = "\(dir)/\(file)"
        return (try? data.write(to: URL(fileURLWithPath: path))) == nil ? nil : path
    }

    /// The file at `path` handed to `sink` a megabyte at a time.
    static func stream(_ path: String, to sink: (Data) throws -> Void) throws {
        try LocalFileSystem().chunks(path) { bytes in
            try sink(Data(buffer: bytes))
            return true
        }
    }

    static func remove(_ file: String, root: String) {
        try? FileManager.default.removeItem(atPath: "\(root)/\(name)/\(file)")
    }
}
