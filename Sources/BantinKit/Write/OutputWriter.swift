import CAtomicSwap
import Foundation

/// Writes the published site atomically: everything goes into a temporary folder beside the
/// output, which replaces the output only once complete. A build that fails or is killed part
/// way leaves the previous output as it was (at worst a stray temporary folder, removed next run).
public struct OutputWriter: Sendable {
    public init() {}

    /// Two files that would land on the same path: an error naming both sources.
    public static func collisions(_ files: [OutputFile]) -> Diagnostics {
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
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != ".." && $0 != "." }
    }

    public func write(_ files: [OutputFile], to output: String) throws {
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
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            var made = Set<String>()
            for file in files {
                guard Self.isSafe(file.path) else { throw WriteError.unsafePath(file.path) }
                let target = staging.appendingPathComponent(file.path)
                let dir = target.deletingLastPathComponent().path
                if made.insert(dir).inserted { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
                switch file.content {
                case .bytes(let data): try data.write(to: target)
                case .copy(let source): try fm.copyItem(atPath: source, toPath: target.path)
                }
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        try swap(staging, into: outputURL, previous: previous)
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
            try fm.removeItem(at: staging)  // now holds the previous output
            return
        }
        try fm.moveItem(at: output, to: previous)
        do {
            try fm.moveItem(at: staging, to: output)
        } catch {
            try? fm.moveItem(at: previous, to: output)
            throw error
        }
        try fm.removeItem(at: previous)
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

/// Swaps two paths in one step where the kernel allows it (Linux `renameat2`).
func exchangePaths(_ a: String, _ b: String) -> Bool { bantin_exchange_paths(a, b) == 0 }

public enum WriteError: Error, CustomStringConvertible {
    case unsafePath(String)

    public var description: String {
        switch self {
        case .unsafePath(let p): "refusing to write outside the output folder: \(p)"
        }
    }
}
