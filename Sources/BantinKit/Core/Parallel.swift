import Dispatch

/// Maps `items` on `jobs` threads and returns the results in input order, so output never depends
/// on scheduling. Workers take items by stride; each result slot is written by exactly one worker.
public enum Parallel {
    public static func map<T, R>(_ items: [T], jobs: Int, _ transform: (T) -> R) -> [R] {
        let jobs = max(1, min(jobs, items.count))
        if jobs == 1 { return items.map(transform) }
        let slots = Slots<R>(count: items.count)
        withoutActuallyEscaping(transform) { transform in
            let work = UncheckedBox((items, transform))
            DispatchQueue.concurrentPerform(iterations: jobs) { worker in
                let (items, transform) = work.value
                var i = worker
                while i < items.count {
                    slots.set(i, transform(items[i]))
                    i += jobs
                }
            }
        }
        return slots.collect()
    }

    public static var defaultJobs: Int { max(1, ProcessInfoCores.count) }
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

/// Carries non-Sendable but read-only values into the workers.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

import Foundation
enum ProcessInfoCores {
    static var count: Int { ProcessInfo.processInfo.activeProcessorCount }
}
