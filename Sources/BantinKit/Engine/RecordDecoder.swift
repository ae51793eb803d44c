import Dispatch
import Foundation
import Synchronization

/// The stored records decoded on another thread as soon as they are read, while the sources
/// are still being fingerprinted: a rebuild that needs them all (any front-matter edit) then
/// finds most of them decoded. Chunks are taken from a shared cursor, so the engine's own
/// threads join in when they get there (`finish`), and a build that turns out not to need them
/// (nothing changed, only bodies) stops it (`cancel`) after the chunk in hand.
final class RecordDecoder: Sendable {
    private let data: Data
    private let ranges: [Range<Int>]
    private let next = Atomic<Int>(0)
    private let cancelled = Atomic<Bool>(false)
    private let decoded: Mutex<[Int: [ArticleRecord]]> = Mutex([:])
    private let failed = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)
    private let background = DispatchGroup()
    private static let chunk = 512

    init(data: Data, ranges: [Range<Int>]) {
        self.data = data
        self.ranges = ranges
    }

    /// Starts decoding on a thread of its own.
    func start() {
        started.store(true, ordering: .relaxed)
        background.enter()
        DispatchQueue.global().async { [self] in
            help()
            background.leave()
        }
    }

    /// Stops after the chunks in hand; the records are then not wanted.
    func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// Every record, decoded on `jobs` threads (one of them the one started, if it was); nil
    /// when one does not decode.
    func finish(jobs: Int) -> [ArticleRecord]? {
        Parallel.onThreads(started.load(ordering: .relaxed) ? max(1, jobs - 1) : max(1, jobs)) { _ in help() }
        background.wait()
        guard !failed.load(ordering: .relaxed), !cancelled.load(ordering: .relaxed) else { return nil }
        let chunks = decoded.withLock { $0 }
        return chunks.keys.sorted().flatMap { chunks[$0]! }
    }

    /// Decodes chunks until none is left.
    private func help() {
        while !cancelled.load(ordering: .relaxed), !failed.load(ordering: .relaxed) {
            let c = next.wrappingAdd(1, ordering: .relaxed).oldValue
            let start = c * Self.chunk
            guard start < ranges.count else { return }
            let records = data.withUnsafeBytes { raw -> [ArticleRecord]? in
                var out: [ArticleRecord] = []
                out.reserveCapacity(Self.chunk)
                for range in ranges[start..<min(ranges.count, start + Self.chunk)] {
                    var r = RecordReader(UnsafeRawBufferPointer(rebasing: raw[range]))
                    guard let record = ArticleRecord.decode(&r), r.atEnd else { return nil }
                    out.append(record)
                }
                return out
            }
            guard let records else { return failed.store(true, ordering: .relaxed) }
            decoded.withLock { $0[c] = records }
        }
    }
}

/// The last build's state beyond its output record (records, cards, words) read on a thread of
/// its own, and its records decoded there (`RecordDecoder`), while the sources are
/// fingerprinted: a build with nothing to do does not wait for it (`cancel`), one with work
/// takes it when it gets there (`take`).
final class StateLoad: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let cancelled = Atomic<Bool>(false)
    private var loaded: EngineState?

    init(root: String, outputs: OutputRecord) {
        DispatchQueue.global().async { [self] in
            if !cancelled.load(ordering: .relaxed) {
                var state = EngineState.read(root: root, outputs: outputs)
                if !cancelled.load(ordering: .relaxed) { state.startDecoding() }
                loaded = state
            }
            done.signal()
        }
    }

    /// The state, once read (its records still being decoded).
    func take() -> EngineState? {
        done.wait()
        done.signal()
        return cancelled.load(ordering: .relaxed) ? nil : loaded
    }

    /// Not wanted: the reading and decoding stop where they are.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        DispatchQueue.global().async { [self] in
            done.wait()
            done.signal()
            loaded?.stopDecoding()
        }
    }
}
