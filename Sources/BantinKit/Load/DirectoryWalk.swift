import Foundation

/// Every entry below a folder, read with `readdir` and `stat` directly. FileManager's
/// enumerator, which builds an object per entry, was a sixth of an incremental rebuild of a
/// 10,000-article site. Names starting with a dot (.git, .DS_Store, editors' swap files) are
/// skipped, with what is below them, as the build skips them.
///
/// The walk is also where the site's edge is kept: a symbolic link is followed only when it
/// resolves inside `boundary` (the site folder), a link back to a folder the walk is inside is a
/// loop and is not followed (so loops end at once), and anything that is neither a regular file nor a folder
/// (a FIFO, a device) is never listed as a file, since reading it could block or never end.
/// What is refused is returned as a problem, for the loader to report where it stands.
enum DirectoryWalk {
    struct Entry {
        /// Relative to the folder walked.
        var path: String
        var isFolder: Bool
        /// Filled when asked for (`stat: true`); zeroed otherwise.
        var info: stat
    }

    /// An entry the walk refused, with why, for the user.
    struct Problem: Equatable {
        /// Relative to the folder walked.
        var path: String
        var message: String
    }

    struct Result {
        var entries: [Entry] = []
        var problems: [Problem] = []
    }

    /// Folders and files below `root`, unsorted. `stat` fills `info` for every entry; without it,
    /// entries are only stat'ed when `readdir` cannot tell a folder from a file. Links are checked
    /// against `boundary` (an absolute path; nil: the real path of `root`). Throws only when
    /// `root` itself cannot be opened, with the reason.
    static func walk(_ root: String, stat wantsStat: Bool, boundary: String? = nil) throws -> Result {
        var rootInfo = stat()
        guard stat(root, &rootInfo) == 0, let handle = opendir(root) else { throw ReadFailure(errno: errno) }
        closedir(handle)
        var walker = Walker(boundary: Boundary(boundary ?? root), wantsStat: wantsStat)
        walker.walk(root, prefix: "", inside: [FolderID(rootInfo)])
        return walker.result
    }

    /// The same, for callers that only want the entries.
    static func entries(under root: String, stat wantsStat: Bool) throws -> [Entry] {
        try walk(root, stat: wantsStat).entries
    }

    private struct FolderID: Hashable {
        let device: UInt64
        let inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private struct Walker {
        let boundary: Boundary
        let wantsStat: Bool
        /// How often each folder was entered: links may show one folder in several places, but
        /// a few links stacked on each other could otherwise multiply a walk past any bound.
        var entered: [FolderID: Int] = [:]
        static let maximumEntries = 16
        var result = Result()

        init(boundary: Boundary, wantsStat: Bool) {
            self.boundary = boundary
            self.wantsStat = wantsStat
        }

        /// `inside`: the folders from the root down to `dir`.
        mutating func walk(_ dir: String, prefix: String, inside: Set<FolderID>) {
            guard let handle = opendir(dir) else {
                // The walk's root was opened by `walk(_:stat:boundary:)`; this is a folder below it.
                result.problems.append(Problem(path: prefix, message: "cannot open this folder: \(String(cString: strerror(errno)))"))
                return
            }
            var folders: [(full: String, rel: String, id: FolderID)] = []
            // Each entry is looked at relative to its folder (fstatat): by its full path, the
            // kernel walked every folder above it again, half of a rebuild's fingerprint.
            let folder = dirfd(handle)
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let full = dir + "/" + name
                let rel = prefix.isEmpty ? name : prefix + "/" + name
                let type = Int32(entry.pointee.d_type)
                var info = stat()
                var linkTarget: String?
                if type == Int32(DT_LNK) || type == Int32(DT_UNKNOWN) {
                    var own = stat()
                    guard fstatat(folder, name, &own, AT_SYMLINK_NOFOLLOW) == 0 else { continue }  // gone since readdir
                    if (own.st_mode & S_IFMT) == S_IFLNK {
                        // Listed under its own name, as a copy of what it leads to.
                        guard let target = followLink(full, rel: rel, into: &info) else { continue }
                        linkTarget = target
                    } else {
                        info = own
                    }
                } else if wantsStat || type != Int32(DT_REG) {
                    guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                } else {
                    info.st_mode = S_IFREG
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    guard enter(info, rel: rel, target: linkTarget, inside: inside) else { continue }
                    folders.append((full, rel, FolderID(info)))
                    result.entries.append(Entry(path: rel, isFolder: true, info: wantsStat ? info : stat()))
                case S_IFREG:
                    result.entries.append(Entry(path: rel, isFolder: false, info: wantsStat ? info : stat()))
                default:
                    result.problems.append(Problem(path: rel, message: "is not a regular file (\(Self.kind(info.st_mode))); Bantin reads only files and folders: remove it"))
                }
            }
            closedir(handle)
            for folder in folders { walk(folder.full, prefix: folder.rel, inside: inside.union([folder.id])) }
        }

        /// Whether to walk a folder: not when a link leads back to a folder the walk is inside
        /// (a loop), nor past `maximumEntries` visits; each refusal is a problem.
        private mutating func enter(_ info: stat, rel: String, target: String?, inside: Set<FolderID>) -> Bool {
            let id = FolderID(info)
            let shown = target.map { boundary.shown($0) } ?? rel
            if inside.contains(id) {
                result.problems.append(Problem(path: rel, message: "links back to a folder it is inside (\(shown)), which would be read again and again: remove the link"))
                return false
            }
            entered[id, default: 0] += 1
            if entered[id]! > Self.maximumEntries {
                result.problems.append(Problem(path: rel, message: "leads to \(shown), which links have already shown \(Self.maximumEntries) times: remove some of the links"))
                return false
            }
            return true
        }

        /// Resolves the link at `full`: its target's real path, with `info` filled, when it is a
        /// file or folder inside the site; nil, with a problem, otherwise.
        private mutating func followLink(_ full: String, rel: String, into info: inout stat) -> String? {
            let written = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?"
            guard stat(full, &info) == 0, let target = resolvedPath(full) else {
                result.problems.append(Problem(path: rel, message: "is a link to \(written), which does not exist: remove the link or put the file back"))
                return nil
            }
            let mode = info.st_mode & S_IFMT
            if mode != S_IFDIR && mode != S_IFREG {
                result.problems.append(Problem(path: rel, message: "is not a regular file (a link to \(Self.kind(info.st_mode)) \(target)); Bantin reads only files and folders: remove it"))
                return nil
            }
            guard boundary.contains(target) else {
                result.problems.append(Problem(path: rel, message: "links outside the site (to \(target)); Bantin does not publish it"))
                return nil
            }
            return target
        }

        private static func kind(_ mode: mode_t) -> String {
            switch mode & S_IFMT {
            case S_IFIFO: "a FIFO"
            case S_IFSOCK: "a socket"
            case S_IFCHR: "a character device"
            case S_IFBLK: "a block device"
            case S_IFLNK: "a link"
            default: "not a file"
            }
        }
    }
}

/// The site folder as the file system resolves it: what a link may lead to.
struct Boundary: Sendable {
    /// The real path, without a trailing slash.
    let root: String

    init(_ path: String) {
        root = resolvedPath(path) ?? URL(fileURLWithPath: path).standardizedFileURL.path
    }

    func contains(_ realPath: String) -> Bool {
        root == "/" || realPath == root || realPath.hasPrefix(root + "/")
    }

    /// A path inside as the site names it (`content/tin`), or the path itself outside.
    func shown(_ realPath: String) -> String {
        if realPath == root { return "the site folder" }
        return realPath.hasPrefix(root + "/") ? String(realPath.dropFirst(root.count + 1)) + "/" : realPath
    }

    /// Where `path` (which may go through links) resolves, when that is outside; nil inside, or
    /// when nothing is there (there is nothing to leak).
    func outside(_ path: String) -> String? {
        guard let real = resolvedPath(path), !contains(real) else { return nil }
        return real
    }
}

/// `path` with every link resolved (`realpath`), or nil when nothing is there.
func resolvedPath(_ path: String) -> String? {
    guard let real = realpath(path, nil) else { return nil }
    defer { free(real) }
    return String(cString: real)
}
