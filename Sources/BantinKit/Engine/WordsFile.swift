import Foundation
import Synchronization

/// `.bantin-cache/words.state`: each article's body words for search (`Article.bodyWords`), the
/// largest part of what the engine keeps (20 MB at 10,000 articles). Records say where their
/// words are (`ArticleRecord.words`); the file is only appended to by rebuilds, so the places
/// of unchanged articles stand, and a build from nothing writes it afresh. Its header holds a
/// generation, part of the records' context: records never point into another file's words.
final class WordsFile: Sendable {
    struct Place: Equatable, Sendable {
        var offset: UInt64
        var length: UInt64
    }

    static let name = "words.state"
    private static let magic: UInt64 = 0x6261_6E74_696E_5703

    let generation: UInt64
    private let fd: Mutex<Int32>
    /// The file's end as written so far, and bytes appended after it not yet written: a build
    /// from nothing appends 10,000 articles' words, a megabyte to a write.
    private let end: Mutex<(written: UInt64, pending: [UInt8])>
    private let part: String?
    private let path: String

    /// The file at `root` to append to, or nil when there is none this version wrote.
    static func existing(root: String) -> WordsFile? {
        let path = "\(root)/\(CacheFolder.name)/\(name)"
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var header = [UInt64](repeating: 0, count: 2)
        var info = stat()
        guard pread(fd, &header, 16, 0) == 16, header[0] == magic, fstat(fd, &info) == 0 else {
            close(fd)
            return nil
        }
        return WordsFile(fd: fd, generation: header[1], end: UInt64(info.st_size), part: nil, path: path)
    }

    /// A new file (written beside the old one until `finish`).
    static func fresh(root: String) -> WordsFile? {
        let dir = "\(root)/\(CacheFolder.name)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name, part = path + ".part"
        let fd = open(part, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        let generation = UInt64.random(in: 1...UInt64.max)
        var header = [magic, generation]
        guard pwrite(fd, &header, 16, 0) == 16 else {
            close(fd)
            return nil
        }
        return WordsFile(fd: fd, generation: generation, end: 16, part: part, path: path)
    }

    private init(fd: Int32, generation: UInt64, end: UInt64, part: String?, path: String) {
        self.fd = Mutex(fd)
        self.generation = generation
        self.end = Mutex((end, []))
        self.part = part
        self.path = path
    }

    /// Appends `words`; returns where they are, or nil when the write failed.
    func append(_ words: String) -> Place? {
        let (place, full) = end.withLock { end -> (Place, Bool) in
            let place = Place(offset: end.written + UInt64(end.pending.count), length: UInt64(words.utf8.count))
            end.pending.append(contentsOf: words.utf8)
            return (place, end.pending.count >= 1 << 20)
        }
        if full, !flush() { return nil }
        return place
    }

    /// Writes what was appended; false when the write failed (the file is then not used).
    private func flush() -> Bool {
        fd.withLock { fd -> Bool in
            end.withLock { end -> Bool in
                guard fd >= 0 else { return false }
                guard !end.pending.isEmpty else { return true }
                let n = end.pending.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(end.written)) }
                guard n == end.pending.count else {
                    close(fd)
                    fd = -1
                    return false
                }
                end.written += UInt64(n)
                end.pending.removeAll(keepingCapacity: true)
                return true
            }
        }
    }

    /// The words at `place`, or nil when they cannot be read.
    func read(_ place: Place) -> String? {
        guard flush() else { return nil }
        let fd = self.fd.withLock { $0 }
        guard fd >= 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(place.length))
        guard place.length == 0 || pread(fd, &bytes, Int(place.length), off_t(place.offset)) == Int(place.length) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A fresh file put in place of the old; then closed. Nil when it could not be.
    @discardableResult
    func finish() -> Bool {
        guard flush() else {
            discard()
            return false
        }
        let fd = self.fd.withLock { fd -> Int32 in defer { fd = -1 }; return fd }
        guard fd >= 0 else { return false }
        let closed = close(fd) == 0
        guard let part else { return closed }
        if closed && rename(part, path) == 0 { return true }
        unlink(part)
        return false
    }

    func discard() {
        let fd = self.fd.withLock { fd -> Int32 in defer { fd = -1 }; return fd }
        if fd >= 0 { close(fd) }
        if let part { unlink(part) }
    }

    deinit {
        let fd = self.fd.withLock { $0 }
        if fd >= 0 { close(fd) }
    }
}
