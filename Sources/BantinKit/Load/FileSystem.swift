import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The file reads the pipeline needs, injected so stages can be tested on memory.
/// Paths are absolute; listings are sorted so builds are deterministic.
public protocol FileSystem: Sendable {
    func read(_ path: String) throws -> Data
    func isDirectory(_ path: String) -> Bool
    func exists(_ path: String) -> Bool
    /// Every regular file below `directory`, as paths relative to it, sorted, with what was
    /// refused on the way: links that lead out of `boundary` (the site folder), link loops, FIFOs
    /// and devices, folders that cannot be opened (see `DirectoryWalk`).
    func listing(under directory: String, within boundary: String) throws -> DirectoryListing
    /// Where `path` leads, when it resolves (through links) outside `boundary`; nil otherwise.
    func outsideTarget(of path: String, boundary: String) -> String?
    /// A cheap identity of a file's current version (inode, size, modification time), or nil
    /// when the file system cannot tell: then the file is always read.
    func stamp(_ path: String) -> String?
}

extension FileSystem {
    /// The digest of a file's contents (`Digest.bytes`), read as the loader reads it (a FIFO
    /// or device is refused, never waited on); nil when it cannot be read.
    func digest(_ path: String) -> UInt64? {
        guard let data = try? read(path) else { return nil }
        return data.withUnsafeBytes(Digest.bytes)
    }
}

/// The files found below a folder, and the entries refused, both relative to it.
public struct DirectoryListing: Sendable, Equatable {
    public var files: [String]
    public var problems: [(path: String, message: String)]

    public init(files: [String], problems: [(path: String, message: String)] = []) {
        self.files = files
        self.problems = problems
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.files == b.files && a.problems.map(\.path) == b.problems.map(\.path) && a.problems.map(\.message) == b.problems.map(\.message)
    }
}

/// Why a file or folder could not be read, in words for the user (`Permission denied`).
public struct ReadFailure: Error, CustomStringConvertible, Sendable {
    public var description: String

    init(errno code: Int32) { description = String(cString: strerror(code)) }
    init(_ text: String) { description = text }
}

extension FileSystem {
    public func stamp(_ path: String) -> String? { nil }
    public func outsideTarget(of path: String, boundary: String) -> String? { nil }

    /// The regular files below `directory`, sorted (links followed only inside it).
    public func files(under directory: String) throws -> [String] {
        try listing(under: directory, within: directory).files
    }
}

public struct LocalFileSystem: FileSystem {
    public init() {}

    /// Reads a regular file with plain POSIX calls. Opening without blocking and checking the
    /// type first means a FIFO or a device put where a file was expected is refused, not read
    /// for ever.
    public func read(_ path: String) throws -> Data {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw ReadFailure(errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ReadFailure(errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw ReadFailure((info.st_mode & S_IFMT) == S_IFDIR ? "it is a folder, not a file" : "it is not a regular file")
        }
        // One byte more than the size, so the read that finds the end needs no larger buffer.
        var data = Data(count: Int(info.st_size) + 1)
        var offset = 0
        while true {
            if offset == data.count { data.count += max(4096, data.count / 2) }  // it grew since fstat
            let n = data.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadFailure(errno: errno)
            }
            if n == 0 { break }
            offset += n
        }
        data.count = offset
        return data
    }

    /// The digest (`Digest.bytes`) of the regular file `name` in the open folder `folder`: a
    /// fresh clone's first build digests every source, and opening each by its full path had
    /// the kernel walk every folder above it again.
    /// `size` is the file's as the walk found it (a regular file): read up to one byte more.
    func digest(_ name: String, in folder: Int32, size: Int) -> UInt64? {
        let fd = openat(folder, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return withUnsafeTemporaryAllocation(byteCount: size + 1, alignment: 8) { buffer -> UInt64? in
            var offset = 0
            while offset <= size {
                let n = Glibc.read(fd, buffer.baseAddress! + offset, size + 1 - offset)
                if n < 0, errno == EINTR { continue }
                if n < 0 { return nil }
                if n == 0 { break }
                offset += n
            }
            // It grew since the walk: read it whole the usual way.
            guard offset <= size else { return nil }
            return Digest.bytes(UnsafeRawBufferPointer(rebasing: buffer[..<offset]))
        }
    }

    /// Hands the file at `path` to `body` a megabyte at a time, until its end or until `body`
    /// returns false: files of the state and the output too large to hold whole.
    func chunks(_ path: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Bool) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadFailure(errno: errno) }
        defer { close(fd) }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
        defer { buffer.deallocate() }
        while true {
            let n = Glibc.read(fd, buffer.baseAddress!, buffer.count)
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw ReadFailure(errno: errno) }
            if n == 0 { return }
            guard try body(UnsafeBufferPointer(rebasing: buffer[..<n])) else { return }
        }
    }

    /// A regular file's bytes as an array (no `Data` to copy them out of): the engine reads the
    /// search index it wrote, 170 MB at 100,000 articles, and keeps lines of it.
    func bytes(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var offset = 0
            while offset < size {
                let n = Glibc.read(fd, buffer.baseAddress! + offset, size - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                offset += n
            }
            failed = offset != size
            count = offset
        }
        return failed ? nil : bytes
    }

    public func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    public func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    public func stamp(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    public func listing(under directory: String, within boundary: String) throws -> DirectoryListing {
        guard isDirectory(directory) else { return DirectoryListing(files: []) }
        let walked = try DirectoryWalk.walk(directory, stat: false, boundary: boundary)
        return DirectoryListing(files: walked.entries.filter { !$0.isFolder }.map(\.path).sorted(),
                                problems: walked.problems.map { ($0.path, $0.message) })
    }

    public func outsideTarget(of path: String, boundary: String) -> String? {
        Boundary(boundary).outside(path)
    }
}

/// Files held in memory, for tests: keys are absolute paths.
public struct MemoryFileSystem: FileSystem {
    public var contents: [String: Data]

    public init(_ contents: [String: String]) {
        self.contents = contents.mapValues { Data($0.utf8) }
    }

    public func read(_ path: String) throws -> Data {
        guard let data = contents[path] else { throw CocoaError(.fileReadNoSuchFile) }
        return data
    }

    public func isDirectory(_ path: String) -> Bool {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        return contents.keys.contains { $0.hasPrefix(prefix) }
    }

    public func exists(_ path: String) -> Bool { contents[path] != nil || isDirectory(path) }

    public func listing(under directory: String, within boundary: String) throws -> DirectoryListing {
        DirectoryListing(files: try files(under: directory))
    }

    public func files(under directory: String) throws -> [String] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return contents.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }.sorted()
    }
}
