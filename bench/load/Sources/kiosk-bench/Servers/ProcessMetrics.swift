import Foundation

/// CPU and memory of a server, read from /proc: the process and every process descended from it
/// (gunicorn's workers), added up.
struct ProcessMetrics {
    /// User plus system CPU so far, in seconds.
    var cpuSeconds: Double
    /// Resident memory now (VmRSS), in bytes.
    var residentBytes: Int
    /// The highest resident memory so far (VmHWM), in bytes.
    var peakResidentBytes: Int

    static func read(tree root: Int32) -> ProcessMetrics {
        var total = ProcessMetrics(cpuSeconds: 0, residentBytes: 0, peakResidentBytes: 0)
        for pid in descendants(of: root) + [root] {
            if let cpu = cpuSeconds(of: pid) { total.cpuSeconds += cpu }
            let status = memoryStatus(of: pid)
            total.residentBytes += status["VmRSS"] ?? 0
            total.peakResidentBytes += status["VmHWM"] ?? 0
        }
        return total
    }

    /// Every process below `root`, found through the parent ids in /proc/PID/stat.
    static func descendants(of root: Int32) -> [Int32] {
        var children: [Int32: [Int32]] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry), let fields = statFields(of: pid), fields.count > 1,
                  let parent = Int32(fields[1]) else { continue }
            children[parent, default: []].append(pid)
        }
        var found: [Int32] = []
        var pending = [root]
        while let next = pending.popLast() {
            let direct = children[next] ?? []
            found += direct
            pending += direct
        }
        return found
    }

    private static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// utime + stime (fields 14 and 15 of /proc/PID/stat), which count every thread.
    private static func cpuSeconds(of pid: Int32) -> Double? {
        guard let fields = statFields(of: pid), fields.count > 13,
              let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / ticksPerSecond
    }

    /// The fields of /proc/PID/stat after the command name, starting with the state (field 3).
    private static func statFields(of pid: Int32) -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let nameEnd = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: nameEnd)...].split(separator: " ")
    }

    /// The kB lines of /proc/PID/status, in bytes.
    private static func memoryStatus(of pid: Int32) -> [String: Int] {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return [:] }
        var values: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasSuffix(" kB") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let kilobytes = Int(parts[1].dropLast(3).trimmingCharacters(in: .whitespaces)) else { continue }
            values[String(parts[0])] = kilobytes * 1024
        }
        return values
    }
}
