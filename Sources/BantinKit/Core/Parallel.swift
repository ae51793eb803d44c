import Dispatch
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
            DispatchQueue.concurrentPerform(iterations: jobs) { _ in
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
