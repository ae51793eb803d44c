import Foundation
import Synchronization

/// An output folder changed in place, for a rebuild that changes a few of its files. Each file
/// put is written beside the one it replaces (and not at all when the bytes are the same);
/// `commit` then renames each over the old and removes the files no longer made. A write that
/// fails leaves the output as it was; the caller forgets its records of the output first, so a
/// run killed during `commit` leaves the next build a whole one.
public final class OutputPatch: Sendable {
    let output: String
    private let staged = Mutex<[(path: String, temporary: String)]>([])
    private let folders = Mutex<Set<String>>([""])

    init(output: String) {
        self.output = output
    }

    /// Files put that differed from the output's, so far.
    var changed: [String] { staged.withLock { $0.map(\.path) } }

    private func makeFolder(of path: String) throws {
        let folder = dirname(path)
        guard folders.withLock({ !$0.contains(folder) }) else { return }
        try makeFolder(of: folder)
        guard mkdir(output + "/" + folder, 0o755) == 0 || errno == EEXIST else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        _ = folders.withLock { $0.insert(folder) }
    }

    /// Stages one file; returns what went wrong, if anything.
    public func put(_ file: OutputFile) -> String? {
        guard OutputWriter.isSafe(file.path) else { return "\(file.path): outside the output folder" }
        let target = output + "/" + file.path
        let temporary = dirname(target) + "/.bantin-\(getpid())-" + (file.path.split(separator: "/").last.map(String.init) ?? "file")
        do {
            try makeFolder(of: file.path)
            switch file.content {
            case .bytes(let data):
                if FileWriter.holds(target, exactly: data) { return nil }
                try FileWriter.write(data, to: temporary)
            case .copy(let source):
                let data = try LocalFileSystem().read(source)
                if FileWriter.holds(target, exactly: data) { return nil }
                try FileWriter.write(data, to: temporary)
            case .stream(let produce):
                if try FileWriter.write(streaming: produce, to: temporary, comparingWith: target) {
                    unlink(temporary)
                    return nil
                }
            }
            staged.withLock { $0.append((file.path, temporary)) }
            return nil
        } catch {
            unlink(temporary)
            return "\(file.path): \(error)"
        }
    }

    /// Renames every staged file over its old one and removes `removed`; returns `listing` (the
    /// output's `StagedOutput.listingLine` sum) with the changes applied.
    func commit(removing removed: [String], listing: UInt64) throws -> UInt64 {
        var listing = listing
        var pending = staged.withLock { $0 }
        defer { for file in pending { unlink(file.temporary) } }
        while let file = pending.first {
            let target = output + "/" + file.path
            var before = stat(), after = stat()
            let existed = stat(target, &before) == 0
            pending.removeFirst()
            try FileWriter.replace(target, with: file.temporary)
            guard stat(target, &after) == 0 else { throw POSIXError(.ENOENT) }
            if existed { listing = listing &- StagedOutput.listingLine(file.path, before) }
            listing = listing &+ StagedOutput.listingLine(file.path, after)
        }
        for path in removed {
            let target = output + "/" + path
            var info = stat()
            guard stat(target, &info) == 0 else { continue }
            guard unlink(target) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            listing = listing &- StagedOutput.listingLine(path, info)
            // Folders left empty go too (an article's page folder).
            var folder = dirname(path)
            while !folder.isEmpty, rmdir(output + "/" + folder) == 0 { folder = dirname(folder) }
        }
        return listing
    }

    /// Removes what was staged; the output stays as it was.
    func abandon() {
        for file in staged.withLock({ $0 }) { unlink(file.temporary) }
    }
}
