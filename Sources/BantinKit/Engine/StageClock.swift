import Foundation

/// Per-stage wall times on standard error when `BANTIN_TIMINGS` is set, for profiling.
struct StageClock {
    let enabled: Bool
    private var last = DispatchTime.now()
    private var lastCPU = StageClock.processCPU()
    /// Each stage's wall and CPU seconds: CPU well above wall means the stage ran on several cores.
    private var laps: [(String, Double, Double, Int)] = []

    init(enabled: Bool) { self.enabled = enabled }

    mutating func lap(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now(), cpu = Self.processCPU()
        laps.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9, cpu - lastCPU, Self.residentMB()))
        (last, lastCPU) = (now, cpu)
    }

    /// The memory the process holds now (resident), in MB; 0 where /proc is not there.
    private static func residentMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = status.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    private static func processCPU() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private var notes: [String] = []

    /// A line printed with the timings.
    mutating func note(_ text: String) {
        if enabled { notes.append(text) }
    }

    func report() {
        guard enabled, !laps.isEmpty else { return }
        let line = laps.map { "\($0.0) \(String(format: "%.3f", $0.1))s (cpu \(String(format: "%.3f", $0.2)), \($0.3) MB)" }.joined(separator: ", ")
        FileHandle.standardError.write(Data((notes.map { "timings: \($0)\n" }.joined() + "timings: \(line)\n").utf8))
    }
}
