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
    /// The records file as read, and where each record's bytes are in it: an unchanged record
    /// is copied as it is into the next file.
    var recordsData = Data()
    var recordRanges: [String: Range<Int>] = [:]
    /// The words file the records point into (appended to by this build).
    var words: WordsFile?
    /// The contexts the records and cards files were written under.
    private var recordsContext: UInt64?
    private var cardsContext: UInt64?
    var cards: [String: (key: UInt64, html: String)] = [:]
    var outputs = OutputRecord()
    /// The records being decoded in the background (`startDecoding`).
    private var decoder: RecordDecoder?

    static let recordsFile = "records.state"
    static let cardsFile = "cards.state"
    static let outputsFile = "outputs.state"
    private static let magic: UInt64 = 0x6261_6E74_696E_0004  // "bantin", format 4

    /// The records' context: the parse context and the words file's generation.
    static func recordsContext(parse: UInt64, words: WordsFile) -> UInt64 {
        var key = KeyHasher()
        key.add(parse)
        key.add(words.generation)
        return key.value
    }

    /// The state stored at `root`, its records and cards kept only when made under the parse
    /// context `parse` (and the records pointing into the words file there); nil when the
    /// outputs file is missing or unreadable (the engine then builds everything).
    static func read(root: String, parse: UInt64) -> EngineState? {
        var state = read(root: root)
        state?.keep(parse: parse)
        state?.decodeAll(jobs: 1)
        return state
    }

    /// Everything stored, whatever its context: read while the sources are fingerprinted,
    /// then checked with `keep(parse:)`.
    static func read(root: String) -> EngineState? {
        readOutputs(root: root).map { read(root: root, outputs: $0) }
    }

    /// The rest of the state beside `outputs` (read first: a build with nothing to do needs
    /// no more).
    static func read(root: String, outputs: OutputRecord) -> EngineState {
        var state = EngineState(outputs: outputs)
        state.words = WordsFile.existing(root: root)
        if let (context, data) = file(recordsFile, root: root) {
            state.recordsContext = context
            state.recordsData = data
            if let ranges = Self.ranges(data) {
                state.recordRanges = ranges
            } else {
                state = state.clearingRecords()
            }
        }
        if let (context, data) = file(cardsFile, root: root) {
            state.cardsContext = context
            data.withUnsafeBytes { raw in
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

    /// Drops the records and cards not made under `parse` (and the words file there).
    mutating func keep(parse: UInt64) {
        if words.map({ Self.recordsContext(parse: parse, words: $0) }) != recordsContext { self = clearingRecords() }
        if cardsContext != parse { cards = [:] }
    }

    /// One stored record, decoded now (a body edit needs only a few).
    func record(_ path: String) -> ArticleRecord? {
        if let record = records[path] { return record }
        guard let range = recordRanges[path] else { return nil }
        return recordsData.withUnsafeBytes { raw in
            var r = RecordReader(UnsafeRawBufferPointer(rebasing: raw[range]))
            return ArticleRecord.decode(&r)
        }
    }

    /// Starts decoding every stored record on another thread (see `RecordDecoder`).
    mutating func startDecoding() {
        guard records.isEmpty, decoder == nil, !recordRanges.isEmpty else { return }
        decoder = RecordDecoder(data: recordsData, ranges: Array(recordRanges.values))
        decoder?.start()
    }

    /// The records will not all be needed: the background decoding stops.
    mutating func stopDecoding() {
        decoder?.cancel()
        decoder = nil
    }

    /// Decodes every stored record, on `jobs` threads (joining the decoding started, if any).
    mutating func decodeAll(jobs: Int) {
        guard records.isEmpty else { return }
        let decoder = decoder ?? RecordDecoder(data: recordsData, ranges: Array(recordRanges.values))
        self.decoder = nil
        guard let all = decoder.finish(jobs: jobs) else { return self = clearingRecords() }
        records.reserveCapacity(all.count)
        for record in all { records[record.path] = record }
    }

    /// Where each record is in the records file, by its path (read without decoding the rest).
    private static func ranges(_ data: Data) -> [String: Range<Int>]? {
        data.withUnsafeBytes { raw -> [String: Range<Int>]? in
            var ranges: [String: Range<Int>] = [:]
            var r = RecordReader(raw)
            while !r.atEnd {
                guard let n = r.count() else { return nil }
                let start = r.offset
                var head = RecordReader(UnsafeRawBufferPointer(rebasing: raw[start..<start + n]))
                guard let path = head.string() else { return nil }
                ranges[path] = start..<start + n
                r.offset += n
            }
            return ranges
        }
    }

    /// Only the output's record (a build with nothing to do reports its diagnostics).
    static func readOutputs(root: String) -> OutputRecord? {
        file(outputsFile, root: root).flatMap { $0.context == 0 ? OutputRecord.decode([UInt8]($0.data)[...]) : nil }
    }

    private func clearingRecords() -> EngineState {
        var state = self
        state.decoder?.cancel()
        state.decoder = nil
        state.records = [:]
        state.recordRanges = [:]
        state.recordsData = Data()
        return state
    }

    /// A state file's context and its bytes after the header, when the header is this version's.
    private static func file(_ name: String, root: String) -> (context: UInt64, data: Data)? {
        guard let data = FileManager.default.contents(atPath: "\(root)/\(CacheFolder.name)/\(name)"), data.count >= 16 else { return nil }
        let header = data.withUnsafeBytes { ($0.loadUnaligned(fromByteOffset: 0, as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
        guard header.0 == magic else { return nil }
        return (header.1, data[(data.startIndex + 16)...])
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

    /// The cards file written beside the old one; `finish` puts it in place.
    static func stageCards(_ cards: [(path: String, key: UInt64, html: String)], root: String, context: UInt64) -> StateFileWriter? {
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
        return writer
    }

    static func writeOutputs(_ outputs: OutputRecord, root: String) {
        let writer = StateFileWriter(name: outputsFile, root: root, context: 0)
        writer?.append(outputs.encoded())
        writer?.finish()
    }

    /// Removes every state file: the next build is a whole one.
    static func clear(root: String) {
        for name in [recordsFile, cardsFile, outputsFile, WordsFile.name] { CacheFolder.remove(name, root: root) }
    }

    /// A stored record's bytes, as read.
    func bytes(of path: String) -> Data? {
        recordRanges[path].map { recordsData[recordsData.startIndex + $0.lowerBound..<recordsData.startIndex + $0.upperBound] }
    }
}

/// A state file written as it is made (from any thread), then renamed into place: a full build
/// of a large site streams its records here instead of holding them all.
final class StateFileWriter: Sendable {
    private struct Open {
        var fd: Int32
        /// Bytes not yet written: records go out a megabyte at a time, not one call each.
        var pending: [UInt8] = []
    }

    private let file: Mutex<Open>
    private let part: String
    private let path: String

    init?(name: String, root: String, context: UInt64) {
        let dir = "\(root)/\(CacheFolder.name)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        path = dir + "/" + name
        part = path + ".part"
        let fd = open(part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        file = Mutex(Open(fd: fd))
        append(EngineState.header(context))
    }

    /// Appends a record with its length in front.
    func appendRecord<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let prefix = EngineState.lengthPrefix(bytes.count)
        file.withLock { file in
            file.pending.append(contentsOf: prefix)
            file.pending.append(contentsOf: bytes)
            if file.pending.count >= 1 << 20 { Self.flush(&file) }
        }
    }

    func append(_ bytes: [UInt8]) {
        file.withLock { file in
            file.pending.append(contentsOf: bytes)
            if file.pending.count >= 1 << 20 { Self.flush(&file) }
        }
    }

    private static func flush(_ file: inout Open) {
        guard file.fd >= 0 else { return file.pending.removeAll() }
        let ok = file.pending.withUnsafeBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                let n = write(file.fd, raw.baseAddress! + done, raw.count - done)
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        file.pending.removeAll(keepingCapacity: true)
        if !ok {
            close(file.fd)
            file.fd = -1
        }
    }

    /// Gives up: `finish` will leave no file (a record could not be made whole).
    func fail() {
        file.withLock { file in
            if file.fd >= 0 { close(file.fd) }
            file.fd = -1
        }
    }

    /// Puts the file in place; a write that failed leaves no file (the next build is a whole one).
    func finish() {
        let ok = file.withLock { file -> Bool in
            Self.flush(&file)
            guard file.fd >= 0 else { return false }
            defer { file.fd = -1 }
            return close(file.fd) == 0
        }
        if !ok || rename(part, path) != 0 { unlink(part) }
    }

    func discard() {
        file.withLock { file in
            if file.fd >= 0 { close(file.fd) }
            file.fd = -1
            file.pending = []
        }
        unlink(part)
    }
}
