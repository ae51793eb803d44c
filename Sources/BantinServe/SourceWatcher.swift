#if canImport(Glibc)
import Glibc
#endif
import BantinKit
import Foundation

/// Tells when a source of the site changes: `site.yml` and anything under `content/`,
/// `layouts/`, `static/` or `i18n/`. Uses Linux inotify, so an edit is seen the moment the
/// editor saves it rather than at the next poll; folders created later are watched as they
/// appear. Editors' swap and backup files (`.name.swp`, `name~`) are ignored.
final class SourceWatcher {
    private let root: String
    private let fd: Int32
    /// Watch descriptor → folder path.
    private var folders: [Int32: String] = [:]
    /// Files that changed since `takeChanges`, relative to the site folder; nil when a change
    /// cannot be pinned to files (a folder created, moved or removed, an overflow).
    private var changes: Set<String>? = []

    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB | IN_DELETE_SELF)

    /// Nil when inotify is not available (then the server polls).
    init?(root: String) {
        self.root = root
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        guard watch(root) else {
            close(fd)
            return nil
        }
        for folder in SourceTree.folders { watchTree(root + "/" + folder) }
    }

    deinit { close(fd) }

    @discardableResult
    private func watch(_ folder: String) -> Bool {
        let wd = inotify_add_watch(fd, folder, Self.mask)
        guard wd >= 0 else { return false }
        folders[wd] = folder
        return true
    }

    /// The folder and every folder below it, each once: links are followed only inside the site
    /// and a link loop ends at once (see `SourceTree.folders(below:root:)`).
    private func watchTree(_ folder: String) {
        for dir in SourceTree.folders(below: folder, root: root) { watch(dir) }
    }

    /// The changed files gathered by `wait` since the last call, and starts a new gathering.
    func takeChanges() -> Set<String>? {
        defer { changes = [] }
        return changes
    }

    /// Waits up to `milliseconds` for changes; true if a source changed.
    func wait(milliseconds: Int32) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, milliseconds) > 0 else { return false }
        return drain()
    }

    /// Reads every pending event; true if one concerns a source.
    private func drain() -> Bool {
        var changed = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { changes = nil }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = buffer[nameStart..<min(count, nameStart + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset = nameStart + length
                guard let folder = folders[wd] else { continue }
                if mask & UInt32(IN_DELETE_SELF) != 0 { folders[wd] = nil }
                if name.hasPrefix(".") || name.hasSuffix("~") { continue }
                if folder == root {
                    // Only the site's own sources at the top: not public/, not .bantin-cache/.
                    guard name == "site.yml" || SourceTree.folders.contains(name) else { continue }
                }
                if mask & UInt32(IN_ISDIR) != 0 {
                    if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { watchTree(folder + "/" + name) }
                    changes = nil
                } else if folder == root {
                    changes?.insert(name)
                } else {
                    changes?.insert(String((folder + "/" + name).dropFirst(root.count + 1)))
                }
                changed = true
            }
        }
        return changed
    }
}
