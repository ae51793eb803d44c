import Dispatch
import Glibc
import Synchronization

/// Maps `items` on `jobs` threads and returns the results in input order, so output never depends
/// on scheduling. Each worker takes the next item not yet taken, so one slow item (a site's
/// statistics page, its data files) does not leave the other threads idle behind a fixed share;
/// each result slot is written by exactly one worker.
public enum Parallel {
    public static func map<T, R>(_ items: [T], jobs: Int, _ transform: (T) -> R) -> [R] {
        map(items, jobs: jobs, startingWith: [], transform)
    }

    /// The same, with the items at `first` (indices, the slowest first) taken before the rest.
    public static func map<T, R>(_ items: [T], jobs: Int, startingWith first: [Int], _ transform: (T) -> R) -> [R] {
        let jobs = max(1, min(jobs, items.count))
        if jobs == 1 { return items.map(transform) }
        let early = Set(first)
        let order = first + items.indices.filter { !early.contains($0) }
        let slots = Slots<R>(count: items.count)
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(transform) { transform in
            let work = UncheckedBox((items, order, transform))
            onThreads(jobs) { _ in
                let (items, order, transform) = work.value
                while true {
                    let k = next.add(1, ordering: .relaxed).oldValue
                    guard k < order.count else { return }
                    slots.set(order[k], transform(items[order[k]]))
                }
            }
        }
        return slots.collect()
    }

    /// Runs `body(worker)` for workers 0 to `count - 1`, each on a thread of its own (this one
    /// and new ones), and returns when all have. Threads, not `concurrentPerform`: libdispatch
    /// runs an apply nested in another (a map inside `two`) on one thread, which left a core
    /// idle while the sources were digested beside the output's listing.
    static func onThreads(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1 else { return body(0) }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            var started: [pthread_t] = []
            for worker in 1..<count {
                let job = Unmanaged.passRetained(ThreadJob { box.value(worker) }).toOpaque()
                var thread = pthread_t()
                let made = pthread_create(&thread, nil, { job in
                    Unmanaged<ThreadJob>.fromOpaque(job!).takeRetainedValue().run()
                    return nil
                }, job)
                if made == 0 {
                    started.append(thread)
                } else {
                    // No thread to be had: the work is done here instead.
                    Unmanaged<ThreadJob>.fromOpaque(job).takeRetainedValue().run()
                }
            }
            box.value(0)
            for thread in started { pthread_join(thread, nil) }
        }
    }

    /// Two independent pieces of work, side by side.
    public static func two<A, B>(_ a: () -> A, _ b: () -> B) -> (A, B) {
        let (ra, rb, _) = three(a, b, { () })
        return (ra, rb)
    }

    /// Three independent pieces of work, side by side (on one thread with one core).
    public static func three<A, B, C>(_ a: () -> A, _ b: () -> B, _ c: () -> C) -> (A, B, C) {
        var ra: A?, rb: B?, rc: C?
        withoutActuallyEscaping(a) { a in
            withoutActuallyEscaping(b) { b in
                withoutActuallyEscaping(c) { c in
                    let box = UncheckedBox((a, b, c))
                    let slots = UncheckedBox(ThreeSlots<A, B, C>())
                    onThreads(min(3, defaultJobs)) { worker in
                        let (a, b, c) = box.value
                        // With fewer than three workers, the first takes what the others cannot.
                        for k in stride(from: worker, to: 3, by: min(3, defaultJobs)) {
                            switch k {
                            case 0: slots.value.a = a()
                            case 1: slots.value.b = b()
                            default: slots.value.c = c()
                            }
                        }
                    }
                    (ra, rb, rc) = (slots.value.a, slots.value.b, slots.value.c)
                }
            }
        }
        return (ra!, rb!, rc!)
    }

    public static var defaultJobs: Int { max(1, ProcessInfoCores.count) }
}

/// One worker's share of `Parallel.onThreads`, handed to its thread.
private final class ThreadJob: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// Preallocated result storage; each index is written once, by one thread, before `collect`.
private final class Slots<R>: @unchecked Sendable {
    private let buffer: UnsafeMutablePointer<R?>
    private let count: Int

    init(count: Int) {
        self.count = count
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil, count: count)
    }

    func set(_ i: Int, _ value: R) { buffer[i] = value }

    func collect() -> [R] { (0..<count).map { buffer[$0]! } }

    deinit {
        buffer.deinitialize(count: count)
        buffer.deallocate()
    }
}

/// Items handed to workers one at a time and let go of at once: each index is taken once, by
/// one thread, and the item is then no longer held here (the build's article sources: a
/// 100,000-article site's text is not all in memory at once).
public final class Handoff<T>: @unchecked Sendable {
    private let buffer: UnsafeMutablePointer<T?>
    public let count: Int

    public init(_ items: [T]) {
        count = items.count
        buffer = .allocate(capacity: items.count)
        buffer.initialize(from: items.map { Optional($0) }, count: items.count)
    }

    /// Item `i`, given up by this handoff.
    public func take(_ i: Int) -> T {
        let item = buffer[i]!
        buffer[i] = nil
        return item
    }

    deinit {
        buffer.deinitialize(count: count)
        buffer.deallocate()
    }
}

/// The results of `Parallel.three`, each written by one worker.
private final class ThreeSlots<A, B, C> {
    var a: A?
    var b: B?
    var c: C?
}

/// Carries non-Sendable but read-only values into the workers.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

import Foundation
enum ProcessInfoCores {
    static var count: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// Lets go of `value` on another thread. Freeing a large site's records, index and pages is
/// millions of small frees (tens of milliseconds at 10,000 articles) that the build's result
/// need not wait for: a command-line build prints and exits meanwhile.
func releaseInBackground<T>(_ value: consuming T) {
    let box = Doomed(value)
    DispatchQueue.global(qos: .utility).async { withExtendedLifetime(box) {} }
}

/// A value handed to another thread only to be freed there: nothing reads it.
private final class Doomed<T>: @unchecked Sendable {
    let value: T
    init(_ value: consuming T) { self.value = value }
}
