import Foundation

/// What a build depends on, cheaply: the path, size and modification time of every source file,
/// the options, the bantin executable itself, and the output folder as the last build left it.
/// When it matches the one the last successful build stored, the output is already what this
/// build would write, and the build stops there (`make`'s rule, applied to the whole site).
struct BuildFingerprint {
    static let folder = ".bantin-cache"
    static let file = "build.fingerprint"

    static func inputs(root: String, options: BuildOptions, output: String) -> String? {
        var lines: [String] = ["v1", "drafts=\(options.drafts)", "strict=\(options.strict)", "output=\(output)"]
        guard let exe = stamp(CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } ?? "") else { return nil }
        lines.append("exe \(exe)")
        if let config = stamp(root + "/site.yml") { lines.append("site.yml \(config)") }
        for dir in SourceTree.folders {
            guard let walker = FileManager.default.enumerator(atPath: root + "/" + dir) else { continue }
            var entries: [String] = []
            while let rel = walker.nextObject() as? String {
                if let s = stamp(root + "/" + dir + "/" + rel) { entries.append("\(dir)/\(rel) \(s)") }
            }
            lines += entries.sorted()
        }
        return lines.joined(separator: "\n")
    }

    /// The output folder's identity and modification time: replaced or touched at its top, it no longer matches.
    static func output(_ path: String) -> String? { stamp(path) }

    static func stored(root: String) -> String? {
        try? String(contentsOfFile: "\(root)/\(folder)/\(file)", encoding: .utf8)
    }

    static func store(_ fingerprint: String, root: String) {
        let dir = "\(root)/\(folder)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? fingerprint.write(toFile: "\(dir)/\(file)", atomically: true, encoding: .utf8)
    }

    static func clear(root: String) {
        try? FileManager.default.removeItem(atPath: "\(root)/\(folder)/\(file)")
    }

    private static func stamp(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_mode)"
    }
}
