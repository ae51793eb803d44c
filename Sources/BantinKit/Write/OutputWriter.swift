import CAtomicSwap
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Writes the published site atomically: everything goes into a temporary folder beside the
/// output, which replaces the output only once complete. A build that fails or is killed part
/// way leaves the previous output as it was (at worst a stray temporary folder, removed next run).
public struct OutputWriter: Sendable {
    /// Remove the replaced output in a detached `rm -rf` instead of waiting for it. Deleting a
    /// tree of thousands of page folders took half of the write stage at 10,000 articles, and
    /// nothing after the swap needs it gone. Leftovers are removed by the next run.
    public var removesPreviousInBackground = false

    public init(removesPreviousInBackground: Bool = false) {
        self.removesPreviousInBackground = removesPreviousInBackground
    }

    static let trashMarker = ".bantin-trash-"

    private func discard(_ url: URL) throws {
        guard removesPreviousInBackground else { return try FileManager.default.removeItem(at: url) }
        let trash = url.deletingLastPathComponent().appendingPathComponent(Self.trashName())
        try FileManager.default.moveItem(at: url, to: trash)
        let rm = Process()
        rm.executableURL = URL(fileURLWithPath: "/bin/rm")
        rm.arguments = ["-rf", "--", trash.path]
        rm.standardOutput = FileHandle.nullDevice
        rm.standardError = FileHandle.nullDevice
        do { try rm.run() } catch { try FileManager.default.removeItem(at: trash) }
    }

    private static func trashName() -> String {
        "\(trashMarker)\(getpid())-\(UInt64(Date().timeIntervalSince1970 * 1e6))"
    }

    /// Two files that would land on the same path: an error naming both sources.
    public static func collisions(_ files: [(path: String, origin: SourceLocation)]) -> Diagnostics {
        var diagnostics = Diagnostics()
        var seen: [String: SourceLocation] = [:]
        for file in files {
            if let first = seen[file.path] {
                if first != file.origin {
                    diagnostics.error(file.origin, "this would be written to /\(file.path), which \(first.path) is written to already; give one of them another slug")
                } else {
                    diagnostics.error(file.origin, "this would be written twice to /\(file.path)")
                }
            } else {
                seen[file.path] = file.origin
            }
        }
        return diagnostics
    }

    /// A path inside the output folder: relative, no `..`, no empty or hidden-dot segments.
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/") else { return false }
        return segmentLengths(path).allSatisfy { $0.length > 0 && !$0.dots }
    }

    /// The byte length of each `/`-separated segment of `path`, and whether it is `.` or `..`.
    /// On bytes: splitting 20,000 paths by Character showed in a 10,000-article build's profile.
    static func segmentLengths(_ path: String) -> [(length: Int, dots: Bool)] {
        var out: [(length: Int, dots: Bool)] = []
        var length = 0, dots = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                out.append((length, length > 0 && dots == length && length <= 2))
                (length, dots) = (0, 0)
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        out.append((length, length > 0 && dots == length && length <= 2))
        return out
    }

    public func write(_ files: [OutputFile], to output: String, jobs: Int = 1, progress: BuildProgress? = nil) throws {
        let staged = try begin(output: output, paths: files.map(\.path))
        progress?.start("writing", total: files.count)
        let failures = Parallel.map(files, jobs: jobs) { file -> String? in
            defer { progress?.advance() }
            return staged.put(file)
        }
        if let failure = failures.compactMap({ $0 }).first {
            staged.abandon()
            throw WriteError.failed(failure)
        }
        try staged.commit()
    }

    /// Starts a new output beside `output`: a staging folder holding the folders of `paths`.
    /// Files then go in with `put` (from any thread, each path once), and `commit` swaps the
    /// staging folder in; `abandon` removes it and leaves the output as it was.
    public func begin(output: String, paths: [String]) throws -> StagedOutput {
        let fm = FileManager.default
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent()
        let name = outputURL.lastPathComponent
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(name).bantin-new")
        let previous = parent.appendingPathComponent(".\(name).bantin-old")
        // Leftovers of an interrupted run.
        try Self.recover(output: outputURL, previous: previous)
        for url in [staging, previous] where fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
        // Trash of earlier runs whose background removal did not finish (the machine stopped).
        for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(Self.trashMarker) {
            try? fm.removeItem(at: parent.appendingPathComponent(name))
        }
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        try OutputFolder.mark(staging.path)
        let staged = StagedOutput(writer: self, output: outputURL, staging: staging, previous: previous)
        if let unsafe = paths.first(where: { !Self.isSafe($0) }) {
            staged.abandon()
            throw WriteError.unsafePath(unsafe)
        }
        return staged
    }

    /// Puts `staging` in place of `output` (see `swap`).
    fileprivate func finish(_ staging: URL, into output: URL, previous: URL) throws {
        try swap(staging, into: output, previous: previous)
    }

    /// Puts `staging` at `output`. Where the kernel can exchange the two folders in one step, the
    /// output path never stops holding a complete site; elsewhere it is two renames, and a run
    /// interrupted between them is repaired by `recover` at the start of the next.
    private func swap(_ staging: URL, into output: URL, previous: URL) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: output.path) else {
            try fm.moveItem(at: staging, to: output)
            return
        }
        if exchangePaths(staging.path, output.path) {
            try discard(staging)  // now holds the previous output
            return
        }
        try fm.moveItem(at: output, to: previous)
        do {
            try fm.moveItem(at: staging, to: output)
        } catch {
            try? fm.moveItem(at: previous, to: output)
            throw error
        }
        try discard(previous)
    }

    /// After a run killed between the two renames of the fallback swap, the output is missing and
    /// the previous one waits beside it: put it back.
    static func recover(output: URL, previous: URL) throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: output.path), fm.fileExists(atPath: previous.path) {
            try fm.moveItem(at: previous, to: output)
        }
    }
}

/// A new output being written: see `OutputWriter.begin`.
public final class StagedOutput: Sendable {
    let writer: OutputWriter
    let output: URL
    let staging: URL
    let previous: URL

    /// Folders made so far. Each is made by the first file that needs it, on whichever thread
    /// writes it: making thousands of page folders one by one up front was a tenth of a build.
    private let folders = Mutex<Set<String>>([""])
    /// Whether there is a previous output to share unchanged files with: without one (a first
    /// build, or the output removed), no file is looked for there.
    private let hasPrevious: Bool
    private let listingSum = Mutex<UInt64>(0)

    /// `listingLine` summed over the files put so far: the build records the output's listing
    /// without walking thousands of page folders again.
    public var listing: UInt64 { listingSum.withLock { $0 } }

    /// One output file's part of the listing digest: its path, size and modification time. A
    /// file added, removed or rewritten since the build changes the digest; the folder copied
    /// with its times kept (a CI cache) does not.
    static func listingLine(_ path: String, _ info: stat) -> UInt64 {
        // Numbers hashed as numbers: formatting them as text for 14,000 files showed in a CI
        // runner's first build.
        var key = KeyHasher()
        key.add(Digest.fnv1a(path))
        key.add(Int(info.st_size))
        key.add(Int(info.st_mtim.tv_sec))
        key.add(Int(info.st_mtim.tv_nsec))
        return key.value
    }

    init(writer: OutputWriter, output: URL, staging: URL, previous: URL) {
        self.writer = writer
        self.output = output
        self.staging = staging
        self.previous = previous
        var info = stat()
        hasPrevious = stat(output.path, &info) == 0
    }

    /// Makes the folder of `path` in the staging folder, and any folder above it not made yet:
    /// one `mkdir` each, the first time a file needs it.
    private func makeFolder(of path: String) throws {
        let folder = dirname(path)
        guard folders.withLock({ !$0.contains(folder) }) else { return }
        try makeFolder(of: folder)  // its parent first
        // Two threads may make the same folder at once: an existing folder is not an error.
        guard mkdir(staging.path + "/" + folder, 0o755) == 0 || errno == EEXIST else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        _ = folders.withLock { $0.insert(folder) }
    }

    /// Writes one file; returns what went wrong, if anything.
    public func put(_ file: OutputFile) -> String? {
        guard OutputWriter.isSafe(file.path) else { return "\(file.path): outside the output folder" }
        let target = staging.path + "/" + file.path
        let old = output.path + "/" + file.path
        do {
            try makeFolder(of: file.path)
            var info = stat()
            switch file.content {
            case .bytes(let data):
                // Unchanged bytes: the new tree shares the old file (same inode, same
                // modification time), so deploys upload only what changed, and removing the
                // old tree frees nothing that is still in use.
                if hasPrevious, FileWriter.linkIfSame(data, old: old, new: target) {
                    guard stat(target, &info) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                } else {
                    info = try FileWriter.write(data, to: target)
                }
            case .copy(let source):
                // The file's bytes, never a link: the output holds no symbolic link.
                if hasPrevious, FileWriter.linkIfSame(file: source, old: old, new: target) {
                    guard stat(target, &info) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                } else {
                    info = try FileWriter.write(try LocalFileSystem().read(source), to: target)
                }
            case .stream(let produce):
                // Written beside, then shared with the old file when they are the same.
                let part = target + ".bantin-part"
                _ = try FileWriter.write(streaming: produce, to: part)
                if hasPrevious, FileWriter.linkIfSame(file: part, old: old, new: target) {
                    unlink(part)
                } else if rename(part, target) != 0 {
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                guard stat(target, &info) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            }
            let line = Self.listingLine(file.path, info)
            listingSum.withLock { $0 &+= line }
            return nil
        } catch {
            return "\(file.path): \(error)"
        }
    }

    /// Puts the previous output's file at `path` in the staged site as it is (a hard link: the
    /// same inode and time): a rebuild stages only what it made again and keeps the rest.
    public func keep(_ path: String) -> String? {
        guard OutputWriter.isSafe(path) else { return "\(path): outside the output folder" }
        do {
            try makeFolder(of: path)
            var info = stat()
            guard link(output.path + "/" + path, staging.path + "/" + path) == 0, stat(staging.path + "/" + path, &info) == 0 else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            let line = Self.listingLine(path, info)
            listingSum.withLock { $0 &+= line }
            return nil
        } catch {
            return "\(path): \(error)"
        }
    }

    /// Makes the staged site the output.
    public func commit() throws {
        try writer.finish(staging, into: output, previous: previous)
    }

    /// Removes the staged site; the output stays as it was.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }
}

/// Swaps two paths in one step where the kernel allows it (Linux `renameat2`).
func exchangePaths(_ a: String, _ b: String) -> Bool { bantin_exchange_paths(a, b) == 0 }

public enum WriteError: Error, CustomStringConvertible {
    case unsafePath(String)
    case failed(String)

    public var description: String {
        switch self {
        case .unsafePath(let p): "refusing to write outside the output folder: \(p)"
        case .failed(let what): "cannot write \(what)"
        }
    }
}

/// Writes a file with plain POSIX calls. Foundation's `Data.write` fsyncs every file, which cost
/// a tenth of a build here; a crash of the machine mid-build loses only the staging folder, never
/// the published output, so the sync buys nothing.
enum FileWriter {
    /// Whether `path` is a regular file holding exactly `data` (its size is checked first, so a
    /// changed file is seldom read).
    static func holds(_ path: String, exactly data: Data) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == data.count,
              let existing = FileManager.default.contents(atPath: path) else { return false }
        return existing == data
    }

    /// Hard-links `old` at `new` when `old` holds exactly `data`.
    static func linkIfSame(_ data: Data, old: String, new: String) -> Bool {
        holds(old, exactly: data) && link(old, new) == 0
    }

    /// Hard-links `old` at `new` when `old` has the same bytes as the file `source`.
    static func linkIfSame(file source: String, old: String, new: String) -> Bool {
        var a = stat(), b = stat()
        guard stat(old, &a) == 0, stat(source, &b) == 0, (a.st_mode & S_IFMT) == S_IFREG, a.st_size == b.st_size,
              let x = FileManager.default.contents(atPath: old), let y = FileManager.default.contents(atPath: source), x == y
        else { return false }
        return link(old, new) == 0
    }

    /// The first step of putting `data` at `path` (which exists) in place of what it holds:
    /// `data` written to a temporary file beside it. Nil when `path` already holds exactly that.
    /// Incremental builds write every changed file so before renaming any over the output
    /// (`replace(_:with:)`): a write that fails then leaves the output as it was.
    static func stageReplacement(of path: String, with data: Data) throws -> String? {
        if holds(path, exactly: data) { return nil }
        let temporary = dirname(path) + "/.bantin-\(getpid())-" + (path.split(separator: "/").last.map(String.init) ?? "file")
        do {
            try write(data, to: temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        return temporary
    }

    /// The second step: the temporary file renamed over `path`, so a reader sees the old file
    /// or the new one, never half of one.
    static func replace(_ path: String, with temporary: String) throws {
        guard rename(temporary, path) == 0 else {
            let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            unlink(temporary)
            throw error
        }
    }

    /// Writes `data` at `path` (open, write, fstat, close) and returns the file's stat, which the
    /// output's listing needs: no second look-up by path.
    @discardableResult
    static func write(_ data: Data, to path: String) throws -> stat {
        try write(streaming: { sink in try sink(data) }, to: path)
    }

    /// A file made a chunk at a time by `produce`.
    static func write(streaming produce: (_ sink: (Data) throws -> Void) throws -> Void, to path: String) throws -> stat {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        try produce { data in try writeAll(data, to: fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return info
    }

    /// Writes what `produce` makes to `path`, comparing it chunk by chunk with the file at
    /// `existing` as it goes; returns whether `existing` holds exactly those bytes. Neither file
    /// is read back whole (a site's data files are tens of megabytes).
    static func write(streaming produce: (_ sink: (Data) throws -> Void) throws -> Void, to path: String, comparingWith existing: String) throws -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        // Not through a link: a link planted in the output is replaced, never taken as the file.
        let old = open(existing, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        defer { if old >= 0 { close(old) } }
        var same = old >= 0
        var buffer = [UInt8]()
        try produce { data in
            try writeAll(data, to: fd)
            guard same else { return }
            if buffer.count < data.count { buffer = [UInt8](repeating: 0, count: data.count) }
            same = buffer.withUnsafeMutableBytes { readFully(old, into: $0.baseAddress!, count: data.count) } == data.count
                && data.withUnsafeBytes { new in buffer.withUnsafeBytes { memcmp(new.baseAddress!, $0.baseAddress!, data.count) == 0 } }
        }
        // The old file must end where the new one does.
        var extra: UInt8 = 0
        return same && read(old, &extra, 1) == 0
    }

    /// Reads up to `count` bytes (fewer only at the end of the file); the number read.
    private static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        var done = 0
        while done < count {
            let n = read(fd, buffer + done, count - done)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
        return done
    }

    /// A new file holding `data`; `EEXIST` when `path` exists, even one that appeared a moment
    /// ago (O_EXCL): `bantin new` and `bantin import` never replace a file.
    static func create(_ data: Data, at path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        try writeAll(data, to: fd)
    }

    private static func writeAll(_ data: Data, to fd: Int32) throws {
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += n
            }
        }
    }
}
