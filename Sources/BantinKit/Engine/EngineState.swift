import Foundation
import Synchronization

/// What the engine keeps in `.bantin-cache/` between command-line builds, beside the
/// fingerprint of the sources (`BuildFingerprint`):
/// - `records.state`: every article's parse (`ArticleRecord`), by path, under the parse context
///   it was made in (`site.yml`, the organisations there are, Bantin itself);
/// - `cards.state`: every article's card as lists show it, with the key it was rendered for;
/// - `outputs.state`: each unit's key and files (`OutputRecord`), the extra files' keys, and
///   the diagnostics of the build that wrote them.
/// Losing any of it costs one full build, never a wrong one: each file is checked on reading
/// and dropped whole when it is not what this version wrote.
struct EngineState {
    var records: [String: ArticleRecord] = [:]
    /// Each record's bytes as stored, copied as they are into the next records file.
    var recordBytes: [String: ArraySlice<UInt8>] = [:]
    var cards: [String: (key: UInt64, html: String)] = [:]
    var outputs = OutputRecord()

    static let recordsFile = "records.state"
    static let cardsFile = "cards.state"
    static let outputsFile = "outputs.state"
    private static let magic: UInt64 = 0x6261_6E74_696E_0003  // "bantin", format 3

    /// The state stored at `root`, its records kept only when made under `context`; nil when the
    /// outputs file is missing or unreadable (the engine then builds everything).
    static func read(root: String, context: UInt64) -> EngineState? {
        guard let outputs = file(outputsFile, root: root, context: 0).flatMap(OutputRecord.decode) else { return nil }
        var state = EngineState(outputs: outputs)
        if let bytes = file(recordsFile, root: root, context: context) {
            var r = bytes
            while !r.isEmpty {
                guard let n = Self.length(&r), n <= r.count else { return state.clearingRecords() }
                let slice = r.prefix(n)
                r = r.dropFirst(n)
                let record = slice.withUnsafeBytes { raw -> ArticleRecord? in
                    var reader = RecordReader(raw)
                    return ArticleRecord.decode(&reader)
                }
                guard let record else { return state.clearingRecords() }
                state.records[record.path] = record
                state.recordBytes[record.path] = slice
            }
        }
        if let bytes = file(cardsFile, root: root, context: context) {
            bytes.withUnsafeBytes { raw in
                var r = RecordReader(raw)
                while !r.atEnd {
                    guard let path = r.string(), let key = r.unsigned(), let html = r.string() else {
                        state.cards = [:]
                        return
                    }
                    state.cards[path] = (key, html)
                }
            }
        }
        return state
    }

    /// Only the output's record (a build with nothing to do reports its diagnostics).
    static func readOutputs(root: String) -> OutputRecord? {
        file(outputsFile, root: root, context: 0).flatMap(OutputRecord.decode)
    }

    private func clearingRecords() -> EngineState {
        var state = self
        state.records = [:]
        state.recordBytes = [:]
        return state
    }

    /// The bytes of a state file after its header, when the header is this version's and `context`.
    private static func file(_ name: String, root: String, context: UInt64) -> ArraySlice<UInt8>? {
        guard let data = FileManager.default.contents(atPath: "\(root)/\(CacheFolder.name)/\(name)") else { return nil }
        let bytes = [UInt8](data)
        guard bytes.count >= 16 else { return nil }
        let header = bytes.withUnsafeBytes { ($0.loadUnaligned(fromByteOffset: 0, as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
        guard header.0 == magic, header.1 == context else { return nil }
        return bytes[16...]
    }

    private static func length(_ bytes: inout ArraySlice<UInt8>) -> Int? {
        var value = 0, shift = 0
        while let byte = bytes.first, shift < 63 {
            bytes = bytes.dropFirst()
            value |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }

    static func header(_ context: UInt64) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 16)
        bytes.withUnsafeMutableBytes {
            $0.storeBytes(of: magic, toByteOffset: 0, as: UInt64.self)
            $0.storeBytes(of: context, toByteOffset: 8, as: UInt64.self)
        }
        return bytes
    }

    static func lengthPrefix(_ n: Int) -> [UInt8] {
        var w = RecordWriter()
        w.unsigned(UInt64(n))
        return w.bytes
    }

    static func writeCards(_ cards: [(path: String, key: UInt64, html: String)], root: String, context: UInt64) {
        let writer = StateFileWriter(name: cardsFile, root: root, context: context)
        var w = RecordWriter()
        for card in cards {
            w.string(card.path)
            w.unsigned(card.key)
            w.string(card.html)
            if w.bytes.count > 1 << 20 {
                writer?.append(w.bytes)
                w.bytes.removeAll(keepingCapacity: true)
            }
        }
        writer?.append(w.bytes)
        writer?.finish()
    }

    static func writeOutputs(_ outputs: OutputRecord, root: String) {
        let writer = StateFileWriter(name: outputsFile, root: root, context: 0)
        writer?.append(outputs.encoded())
        writer?.finish()
    }

    /// Removes every state file: the next build is a whole one.
    static func clear(root: String) {
        for name in [recordsFile, cardsFile, outputsFile] { CacheFolder.remove(name, root: root) }
    }
}

/// A state file written as it is made (from any thread), then renamed into place: a full build
/// of a large site streams its records here instead of holding them all.
final class StateFileWriter: Sendable {
    private let fd: Mutex<Int32>
    private let part: String
    private let path: String

    init?(name: String, root: String, context: UInt64) {
        let dir = "\(root)/\(CacheFolder.name)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        path = dir + "/" + name
        part = path + ".part"
        let fd = open(part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        self.fd = Mutex(fd)
        append(EngineState.header(context))
    }

    /// Appends a record with its length in front.
    func appendRecord(_ bytes: [UInt8]) {
        append(EngineState.lengthPrefix(bytes.count) + bytes)
    }

    func appendRecord(_ bytes: ArraySlice<UInt8>) {
        append(EngineState.lengthPrefix(bytes.count) + Array(bytes))
    }

    func append(_ bytes: [UInt8]) {
        fd.withLock { fd in
            guard fd >= 0 else { return }
            let ok = bytes.withUnsafeBytes { raw -> Bool in
                var done = 0
                while done < raw.count {
                    let n = write(fd, raw.baseAddress! + done, raw.count - done)
                    if n <= 0 { return false }
                    done += n
                }
                return true
            }
            if !ok {
                close(fd)
                fd = -1
            }
        }
    }

    /// Puts the file in place; a write that failed leaves no file (the next build is a whole one).
    func finish() {
        let ok = fd.withLock { fd -> Bool in
            guard fd >= 0 else { return false }
            defer { fd = -1 }
            return close(fd) == 0
        }
        if !ok || rename(part, path) != 0 { unlink(part) }
    }

    func discard() {
        fd.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
        unlink(part)
    }
}
