import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether a build may use a folder as its output. A build replaces its output folder whole, so
/// a folder that holds anything Bantin did not write is refused before anything is touched:
/// only a missing folder, an empty one, or one holding Bantin's marker (written into every
/// output) is replaced, and `--force` is the explicit way past the marker. Some folders are
/// never used, forced or not: `/`, the home folder, the site itself or a folder above it, the
/// site's own sources (`content/`, `layouts/`, `static/`, `i18n/`, `.bantin-cache/`), and
/// anything in or holding a `.git` folder.
public enum OutputFolder {
    /// The marker file in every output folder Bantin writes. A dot file: deploys may carry it,
    /// and nothing of the site links to it.
    public static let markerName = ".bantin-output"
    static let markerText = "This folder was written by Bantin (bantin build). The next build replaces it whole.\n"

    /// Why an output folder is refused: a usage error (exit 2), never a content error.
    public struct Refusal: Error, CustomStringConvertible, Sendable, Equatable {
        public var description: String
    }

    /// The real folder to write (through a link to a folder, its target), or why not.
    /// `recognised` says whether a folder without the marker is still known to be an earlier
    /// build's output (its listing is the one the last build recorded).
    public static func resolve(_ output: String, source: String, force: Bool,
                               home: String? = ProcessInfo.processInfo.environment["HOME"],
                               recognised: (String) -> Bool = { _ in false }) -> Result<String, Refusal> {
        let shown = output
        let path: String
        switch realPath(of: output) {
        case .success(let p): path = p
        case .failure(let refusal): return .failure(refusal)
        }
        let site = Boundary(source).root
        if let never = neverUsed(path, site: site, home: home, shown: shown) { return .failure(Refusal(description: never)) }
        var info = stat()
        guard lstat(path, &info) == 0 else { return .success(path) }  // a new folder
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            return .failure(Refusal(description: "\(shown) is a file, not a folder; Bantin writes the site into a folder: give --output a new or empty folder"))
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
        if names.contains(".git") {
            return .failure(Refusal(description: "\(shown) holds a .git folder, which a build would delete; Bantin never replaces it, even with --force: build into another folder and copy the site over"))
        }
        if names.isEmpty || names.contains(markerName) || force || recognised(path) { return .success(path) }
        let listed = names.prefix(3).map { name -> String in
            var sub = stat()
            return lstat(path + "/" + name, &sub) == 0 && (sub.st_mode & S_IFMT) == S_IFDIR ? name + "/" : name
        }
        let more = names.count > 3 ? " and \(names.count - 3) more" : ""
        return .failure(Refusal(description: "\(shown) holds files Bantin did not write (\(listed.joined(separator: ", "))\(more)); a build replaces its output folder whole, so Bantin will not use it. Give --output a new or empty folder, or add --force to replace it"))
    }

    /// Writes the marker into a folder being made the output.
    static func mark(_ folder: String) throws {
        try FileWriter.write(Data(markerText.utf8), to: folder + "/" + markerName)
    }

    /// The output's real path: links resolved, including a link to a folder (whose target is
    /// written into, the link kept). A missing tail is kept as written below its real parent.
    static func realPath(of output: String) -> Result<String, Refusal> {
        let absolute = URL(fileURLWithPath: output).standardizedFileURL.path
        var info = stat()
        if lstat(absolute, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            var target = stat()
            guard stat(absolute, &target) == 0, let real = resolvedPath(absolute) else {
                let written = (try? FileManager.default.destinationOfSymbolicLink(atPath: absolute)) ?? "?"
                return .failure(Refusal(description: "\(output) is a link to \(written), which does not exist; make that folder, or give --output a folder"))
            }
            guard (target.st_mode & S_IFMT) == S_IFDIR else {
                return .failure(Refusal(description: "\(output) is a link to a file, not a folder; Bantin writes the site into a folder: give --output a new or empty folder"))
            }
            return .success(real)
        }
        // The deepest part that exists, resolved, and the rest as written.
        var head = absolute
        var tail: [String] = []
        while head != "/", lstat(head, &info) != 0 {
            tail.insert((head as NSString).lastPathComponent, at: 0)
            head = (head as NSString).deletingLastPathComponent
        }
        var resolved = resolvedPath(head) ?? head
        for part in tail { resolved = resolved == "/" ? "/" + part : resolved + "/" + part }
        return .success(resolved)
    }

    /// The folders a build never uses, whatever the flags: why, or nil.
    static func neverUsed(_ path: String, site: String, home: String?, shown: String) -> String? {
        func inside(_ folder: String) -> Bool { path == folder || path.hasPrefix(folder + "/") }
        if path == "/" { return "refusing to use / as the output folder" }
        if let home, !home.isEmpty, home != "/", path == Boundary(home).root {
            return "refusing to use your home folder (\(shown)) as the output folder: a build replaces its output whole; choose a folder for the site, such as public/"
        }
        if path == site { return "refusing to use the site folder itself as the output folder; the default is public/ inside it" }
        if site.hasPrefix(path + "/") { return "refusing to use \(shown) as the output folder: it contains the site's sources" }
        for folder in SourceTree.folders + [".bantin-cache", ".git", SiteConfigLoader.fileName] where inside(site + "/" + folder) {
            return "refusing to write the output into the site's \(folder)\(folder.hasSuffix(".yml") ? "" : "/"); the default output is public/"
        }
        if path.split(separator: "/").contains(".git") {
            return "refusing to write the output inside a .git folder (\(shown)); it holds a repository's history"
        }
        return nil
    }
}
