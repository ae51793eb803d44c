import Foundation

/// The file reads the pipeline needs, injected so stages can be tested on memory.
/// Paths are absolute; listings are sorted so builds are deterministic.
public protocol FileSystem: Sendable {
    func read(_ path: String) throws -> Data
    func isDirectory(_ path: String) -> Bool
    func exists(_ path: String) -> Bool
    /// Every regular file below `directory`, as paths relative to it, sorted.
    func files(under directory: String) throws -> [String]
    /// A cheap identity of a file's current version (inode, size, modification time), or nil
    /// when the file system cannot tell: then the file is always read.
    func stamp(_ path: String) -> String?
}

extension FileSystem {
    public func stamp(_ path: String) -> String? { nil }
}

public struct LocalFileSystem: FileSystem {
    public init() {}

    public func read(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
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

    public func files(under directory: String) throws -> [String] {
        guard isDirectory(directory) else { return [] }
        return try DirectoryWalk.entries(under: directory, stat: false).filter { !$0.isFolder }.map(\.path).sorted()
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

    public func files(under directory: String) throws -> [String] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return contents.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }.sorted()
    }
}
