import Foundation

/// Every entry below a folder, read with `readdir` and `stat` directly. FileManager's
/// enumerator, which builds an object per entry, was a sixth of an incremental rebuild of a
/// 10,000-article site. Names starting with a dot (.git, .DS_Store, editors' swap files) are
/// skipped, with what is below them, as the build skips them.
enum DirectoryWalk {
    struct Entry {
        /// Relative to the folder walked.
        var path: String
        var isFolder: Bool
        /// Filled when asked for (`stat: true`); zeroed otherwise.
        var info: stat
    }

    enum Failure: Error, CustomStringConvertible {
        case cannotOpen(String, Int32)
        var description: String {
            if case .cannotOpen(let path, let code) = self { return "\(path): \(String(cString: strerror(code)))" }
            return ""
        }
    }

    /// Folders and files below `root`, unsorted. `stat` fills `info` for every entry;
    /// without it, entries are only stat'ed when `readdir` cannot tell a folder from a file.
    static func entries(under root: String, stat wantsStat: Bool) throws -> [Entry] {
        var out: [Entry] = []
        try walk(root, prefix: "", stat: wantsStat, into: &out)
        return out
    }

    private static func walk(_ dir: String, prefix: String, stat wantsStat: Bool, into out: inout [Entry]) throws {
        guard let handle = opendir(dir) else { throw Failure.cannotOpen(dir, errno) }
        var folders: [(full: String, rel: String)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let full = dir + "/" + name
            let rel = prefix.isEmpty ? name : prefix + "/" + name
            let type = Int32(entry.pointee.d_type)
            var info = stat()
            var isFolder = type == Int32(DT_DIR)
            if wantsStat || type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                // stat follows symbolic links, as the build's reads do.
                guard stat(full, &info) == 0 else { continue }
                isFolder = (info.st_mode & S_IFMT) == S_IFDIR
            }
            out.append(Entry(path: rel, isFolder: isFolder, info: info))
            if isFolder { folders.append((full, rel)) }
        }
        closedir(handle)
        for folder in folders { try walk(folder.full, prefix: folder.rel, stat: wantsStat, into: &out) }
    }
}
