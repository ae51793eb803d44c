import Foundation

/// What a build depends on, keyed by content: the digest of every source file, of the bantin
/// executable itself, and the options; and a digest of the output folder's listing (names,
/// sizes, modification times) as the build left it. When a new build finds the same, the
/// output is already what it would write (`make`'s rule, applied to the whole site); otherwise
/// the engine starts from the last build's state (`EngineState`) and redoes what changed.
///
/// Digests survive what stamps do not: a fresh clone in CI gives every file a new inode and
/// modification time, yet with `.bantin-cache/` and the output restored, nothing is built
/// again that did not change. Reading every file at every build would cost more than a
/// no-change build may take, so a file whose stamp (inode, size, modification and change
/// times) is the one recorded keeps its recorded digest, as `git status` trusts its index.
struct BuildFingerprint: Equatable, Sendable {
    static let file = "build.fingerprint"
    static let header = "bantin-fingerprint 3\n"

    /// What the file system says of a file without reading it: inode, size, modification and
    /// change times (nanoseconds). Numbers, not text: formatting and parsing 10,000 of them as
    /// text at every build was a tenth of a rebuild's fingerprint.
    struct Stamp: Equatable, Sendable, CustomStringConvertible {
        var inode: UInt64 = 0
        var size: UInt64 = 0
        var modified: UInt64 = 0
        var changed: UInt64 = 0

        init(inode: UInt64 = 0, size: UInt64 = 0, modified: UInt64 = 0, changed: UInt64 = 0) {
            (self.inode, self.size, self.modified, self.changed) = (inode, size, modified, changed)
        }

        init(_ info: stat) {
            func ns(_ t: timespec) -> UInt64 { UInt64(bitPattern: Int64(t.tv_sec)) &* 1_000_000_000 &+ UInt64(bitPattern: Int64(t.tv_nsec)) }
            self.init(inode: UInt64(info.st_ino), size: UInt64(bitPattern: Int64(info.st_size)), modified: ns(info.st_mtim), changed: ns(info.st_ctim))
        }

        var description: String { "\(inode) \(size) \(modified) \(changed)" }
    }

    struct Version: Equatable, Sendable {
        var stamp: Stamp
        var digest: UInt64
    }

    /// The options that change the output.
    var options: String
    var executable: Version
    /// `site.yml` and every file under `SourceTree.folders`, by path relative to the site.
    var files: [String: Version]
    /// The output folder as the build left it; nil before it is written.
    var output: OutputState?

    /// The output folder's own stamp, and a digest of its listing (`StagedOutput.listingLine` of every
    /// file, summed so that one file's change can be applied without listing the folder again).
    /// The listing is only computed when the folder's stamp differs from the recorded one: with
    /// a page per folder, listing 10,000 pages costs more than a no-change build may take.
    struct OutputState: Equatable, Sendable {
        var stamp: Stamp
        var listing: UInt64
    }

    /// The sources as they are now, digesting only files whose stamps differ from `previous`.
    static func current(root: String, options: BuildOptions, output: String, previous: BuildFingerprint?) -> BuildFingerprint? {
        let exePath = executablePath()
        var exeInfo = stat()
        guard stat(exePath, &exeInfo) == 0, let executable = version(exePath, exeInfo, known: previous?.executable) else { return nil }
        let sources = sources(root: root)
        guard sources.refused.isEmpty else { return nil }
        let found = sources.entries.filter { !$0.isFolder }
        // Unseen files are read on all threads, a folder at a time: a fresh clone digests them all.
        var byFolder: [String: [Int]] = [:]
        for (i, entry) in found.enumerated() {
            let folder = entry.path.lastIndex(of: "/").map { String(entry.path[..<$0]) } ?? ""
            byFolder[folder, default: []].append(i)
        }
        let groups = Array(byFolder)
        let versions = Parallel.map(groups, jobs: Parallel.defaultJobs) { folder, members -> [(Int, Version?)] in
            let fd = open(folder.isEmpty ? root : root + "/" + folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            defer { if fd >= 0 { close(fd) } }
            return members.map { i in
                let entry = found[i]
                let stamp = Stamp(entry.info)
                if let known = previous?.files[entry.path], known.stamp == stamp { return (i, known) }
                let name = entry.path.lastIndex(of: "/").map { String(entry.path[entry.path.index(after: $0)...]) } ?? entry.path
                let digest = fd >= 0 ? LocalFileSystem().digest(name, in: fd, size: Int(entry.info.st_size)) : nil
                return (i, (digest ?? LocalFileSystem().digest(root + "/" + entry.path)).map { Version(stamp: stamp, digest: $0) })
            }
        }
        var files: [String: Version] = [:]
        files.reserveCapacity(found.count)
        for group in versions {
            for (i, version) in group {
                guard let version else { return nil }
                files[found[i].path] = version
            }
        }
        // The output folder relative to the site when it is inside it: a CI runner may check the site out elsewhere.
        let outputName = output.hasPrefix(root + "/") ? String(output.dropFirst(root.count + 1)) : output
        return BuildFingerprint(options: "drafts=\(options.drafts) strict=\(options.strict) output=\(outputName)",
                                executable: executable, files: files, output: nil)
    }

    /// Why the last build's output cannot be started from, or nil: the same options and
    /// executable, and the output folder as the last build left it.
    func reuseProblem(since previous: BuildFingerprint, outputNow: OutputState?) -> FullBuildReason? {
        guard options == previous.options else { return .optionsChanged }
        guard executable.digest == previous.executable.digest else { return .bantinChanged }
        guard let outputNow, outputNow.listing == previous.output?.listing else { return .outputChanged }
        return nil
    }

    /// Whether every source has the contents it had (stamps aside).
    func sameSources(as previous: BuildFingerprint) -> Bool {
        files.count == previous.files.count && files.allSatisfy { previous.files[$0.key]?.digest == $0.value.digest }
    }

    /// The engine's two keys of the sources (one pass over the files, sorted once):
    /// - `parse`: what an article's parse depends on beyond its file: the organisations there
    ///   are, and Bantin itself (and what of `site.yml` it reads, added by `BuildRun.setKeys`).
    ///   Records made under another are parsed again.
    /// - `site`: everything a page may show that is not an article, an organisation nor a
    ///   template: `site.yml`, the words, the pages, the options and Bantin itself (`UnitInputs`;
    ///   the organisations' part is added from their parse, `BuildRun.siteKey`).
    var engineKeys: (parse: UInt64, site: UInt64) {
        var parse = KeyHasher(), site = KeyHasher()
        parse.add(executable.digest)
        site.add(options)
        site.add(executable.digest)
        var shown: [String] = [], organizations: [String] = []
        for path in files.keys where !path.hasPrefix("content/") || path.hasPrefix("content/organizations/") || path.hasPrefix("content/pages/") {
            switch SourceKind.of(path) {
            case .config, .strings, .page: shown.append(path)
            case .organization: organizations.append(path)
            default: continue
            }
        }
        for path in organizations.sorted() { parse.add(path) }
        for path in shown.sorted() {
            site.add(path)
            site.add(files[path]!.digest)
        }
        return (parse.value, site.value)
    }

    /// The files of each of the site's folders, relative to it and sorted, as the loader lists them.
    var listing: [String: [String]] {
        var out: [String: [String]] = [:]
        for folder in SourceTree.folders { out[folder] = [] }
        for path in files.keys {
            guard let slash = path.firstIndex(of: "/") else { continue }
            let folder = String(path[..<slash])
            if out[folder] != nil { out[folder]!.append(String(path[path.index(after: slash)...])) }
        }
        return out.mapValues { $0.sorted() }
    }

    var parseContext: UInt64 { engineKeys.parse }
    var siteKey: UInt64 { engineKeys.site }

    /// The output folder's state now; its listing is taken from `known` when the folder's
    /// stamp is the recorded one. Nil when there is no output folder.
    static func outputState(_ path: String, known: OutputState?) -> OutputState? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        let folderStamp = stamp(info)
        if let known, known.stamp == folderStamp { return known }
        guard let listing = listing(of: path) else { return nil }
        return OutputState(stamp: folderStamp, listing: listing)
    }

    /// The sum of the output's `listingLine`s: a CI runner that restores the output gives it a
    /// new stamp, and walking 10,000 pages' folders was most of its first build. What Bantin
    /// writes (plain files and folders) is walked the quick way (`plainListing`); anything else
    /// (a link put there) the way the sources are.
    private static func listing(of path: String) -> UInt64? {
        if let quick = plainListing(of: path) { return quick }
        guard let entries = try? DirectoryWalk.entries(under: path, stat: true) else { return nil }
        return entries.filter { !$0.isFolder }.reduce(UInt64(0)) { $0 &+ StagedOutput.listingLine($1.path, $1.info) }
    }

    /// The listing of an output of plain files and folders only (what Bantin writes), walked by
    /// folder handles (`openat`, `fstatat`) with its top folders side by side; nil when it holds
    /// anything else (a link, a type the file system does not tell).
    private static func plainListing(of path: String) -> UInt64? {
        let top = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard top >= 0 else { return nil }
        defer { close(top) }
        var files: [String] = [], folders: [String] = []
        guard forEachEntry(dup(top), { name, type in
            switch type {
            case Int32(DT_REG): files.append(name)
            case Int32(DT_DIR): folders.append(name)
            default: return false
            }
            return true
        }) else { return nil }
        let parts = Parallel.map(folders, jobs: Parallel.defaultJobs) { folder -> UInt64? in
            let fd = openat(top, folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            return fd < 0 ? nil : plainSum(fd, prefix: folder + "/")
        }
        var total: UInt64 = 0
        for part in parts {
            guard let part else { return nil }
            total &+= part
        }
        for name in files {
            var info = stat()
            guard lstat(path + "/" + name, &info) == 0 else { return nil }
            total &+= StagedOutput.listingLine(name, info)
        }
        return total
    }

    /// The listing lines of every file below the open folder `fd` (closed here), named from
    /// `prefix`; nil at anything that is not a plain file or folder.
    private static func plainSum(_ fd: Int32, prefix: String) -> UInt64? {
        var total: UInt64 = 0
        var folders: [String] = []
        var info = stat()
        let ok = forEachEntry(dup(fd)) { name, type in
            switch type {
            case Int32(DT_REG):
                guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return false }
                total &+= StagedOutput.listingLine(prefix + name, info)
            case Int32(DT_DIR): folders.append(name)
            default: return false
            }
            return true
        }
        defer { close(fd) }
        guard ok else { return nil }
        for folder in folders {
            let sub = openat(fd, folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard sub >= 0, let part = plainSum(sub, prefix: prefix + folder + "/") else { return nil }
            total &+= part
        }
        return total
    }

    /// Calls `body` with each entry's name and `d_type` in the open folder `fd` (closed here),
    /// names starting with a dot left out as every walk leaves them; false when `body` is.
    private static func forEachEntry(_ fd: Int32, _ body: (String, Int32) -> Bool) -> Bool {
        guard fd >= 0, let handle = fdopendir(fd) else {
            if fd >= 0 { close(fd) }
            return false
        }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            if name.hasPrefix(".") { continue }
            guard body(name, Int32(entry.pointee.d_type)) else { return false }
        }
        return true
    }

    /// Whether `path` is the output the last build of the site at `root` left, file for file:
    /// an output written before outputs carried `OutputFolder`'s marker is still known as Bantin's.
    static func isLastOutput(_ path: String, root: String) -> Bool {
        guard let known = stored(root: root)?.output, let now = outputState(path, known: nil) else { return false }
        return now.listing == known.listing
    }

    /// The output folder's own stamp now.
    static func folderStamp(_ path: String) -> Stamp? { stamp(path) }

    /// The fingerprint as stored: a header line, then `RecordWriter` fields.
    func encoded() -> [UInt8] {
        var w = RecordWriter()
        w.bytes = Array(Self.header.utf8)
        w.bytes.reserveCapacity(files.count * 96)
        func version(_ v: Version) {
            for n in [v.stamp.inode, v.stamp.size, v.stamp.modified, v.stamp.changed, v.digest] { w.unsigned(n) }
        }
        w.string(options)
        version(executable)
        w.unsigned(UInt64(files.count))
        for (path, v) in files {
            w.string(path)
            version(v)
        }
        w.optional(output) { w, output in
            for n in [output.stamp.inode, output.stamp.size, output.stamp.modified, output.stamp.changed, output.listing] { w.unsigned(n) }
        }
        return w.bytes
    }

    static func decode(_ data: Data) -> BuildFingerprint? {
        let header = Array(Self.header.utf8)
        guard data.starts(with: header) else { return nil }
        return data.withUnsafeBytes { raw -> BuildFingerprint? in
            var r = RecordReader(raw, offset: header.count)
            func version() -> Version? {
                guard let i = r.unsigned(), let s = r.unsigned(), let m = r.unsigned(), let c = r.unsigned(), let d = r.unsigned() else { return nil }
                return Version(stamp: Stamp(inode: i, size: s, modified: m, changed: c), digest: d)
            }
            guard let options = r.string(), let executable = version(), let count = r.count() else { return nil }
            var files: [String: Version] = [:]
            files.reserveCapacity(count)
            for _ in 0..<count {
                guard let path = r.string(), let v = version() else { return nil }
                files[path] = v
            }
            guard let output = r.optional({ r -> OutputState? in
                guard let i = r.unsigned(), let s = r.unsigned(), let m = r.unsigned(), let c = r.unsigned(), let l = r.unsigned() else { return nil }
                return OutputState(stamp: Stamp(inode: i, size: s, modified: m, changed: c), listing: l)
            }), r.atEnd else { return nil }
            return BuildFingerprint(options: options, executable: executable, files: files, output: output)
        }
    }

    static func stored(root: String) -> BuildFingerprint? { CacheFolder.data(file, root: root).flatMap(decode) }
    func store(root: String) { CacheFolder.write(Data(encoded()), to: Self.file, root: root) }
    static func clear(root: String) { CacheFolder.remove(file, root: root) }

    /// The running executable's file. Not `argv[0]`: run from the PATH as `bantin`, it names no file.
    static func executablePath() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        if let path = Bundle.main.executablePath { return URL(fileURLWithPath: path).resolvingSymlinksInPath().path }
        return CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } ?? ""
    }

    /// Paths and stamps only, no reading: cheap enough for the preview server to poll.
    static func stamps(root: String) -> String {
        let sources = sources(root: root)
        return (sources.entries.map { "\($0.path) \(stamp($0.info))" } + sources.refused.map { "\($0) refused" }).sorted().joined(separator: "\n")
    }

    /// `site.yml` and everything under `SourceTree.folders` (folders too), paths relative to the
    /// site. Entries the walk refused (links out of the site, loops, FIFOs) are listed as
    /// `refused`: a site with any is never taken as unchanged, so the build reports them.
    private static func sources(root: String) -> (entries: [DirectoryWalk.Entry], refused: [String]) {
        var found: [DirectoryWalk.Entry] = []
        var refused: [String] = []
        var configInfo = stat()
        if stat(root + "/site.yml", &configInfo) == 0 { found.append(.init(path: "site.yml", isFolder: false, info: configInfo)) }
        for dir in SourceTree.folders {
            // Links are followed only inside the site, as the loader follows them: nothing outside is read.
            guard let walked = try? DirectoryWalk.walk(root + "/" + dir, stat: true, boundary: root) else { continue }
            found += walked.entries.map { .init(path: dir + "/" + $0.path, isFolder: $0.isFolder, info: $0.info) }
            refused += walked.problems.map { dir + "/" + $0.path }
        }
        return (found, refused)
    }

    private static func version(_ path: String, _ info: stat, known: Version?) -> Version? {
        let stamp = stamp(info)
        if let known, known.stamp == stamp { return known }
        guard let digest = LocalFileSystem().digest(path) else { return nil }
        return Version(stamp: stamp, digest: digest)
    }

    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(info)
    }

    private static func stamp(_ info: stat) -> Stamp { Stamp(info) }
}
