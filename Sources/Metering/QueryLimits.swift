import Foundation
import SQLite

/// The memory and time a user's query may take. Both are enforced while SQLite runs it: the
/// memory limit bounds SQLite's own heap (sorts, temporary b-trees, GROUP BY state) and also
/// the growth of the whole process's resident memory from the query's start, which covers what
/// the layouts decode; the timeout stops it at a wall-clock deadline.
public struct QueryLimits: Sendable {
    /// Most bytes the query may add; nil for no limit.
    public var memoryBytes: Int64?
    /// Longest the query may run; nil for no limit.
    public var timeout: Duration?

    /// 256 MB and no timeout: room for the largest sorts the sample stores need, and, with what
    /// the process holds before the query and what grows between two checks, inside the 512 MB
    /// the whole process must stay under.
    public static let standard = QueryLimits(memoryBytes: 256 << 20, timeout: nil)
    /// No limit: the default for code that runs queries in a process it shares (tests, a
    /// library user). SQLite's heap limit is process-wide, so a program opts in, as `query` does.
    public static let unlimited = QueryLimits(memoryBytes: nil, timeout: nil)

    public init(memoryBytes: Int64?, timeout: Duration?) {
        self.memoryBytes = memoryBytes
        self.timeout = timeout
    }

    func execution() -> ExecutionLimits {
        let start = ProcessMemory.residentBytes()
        let growth = memoryBytes
        return ExecutionLimits(
            heapBytes: memoryBytes, deadline: timeout.map { ContinuousClock.now + $0 },
            check: growth.map { limit in
                { @Sendable in
                    let now = ProcessMemory.residentBytes()
                    return now - start > limit ? "resident memory grew by \(now - start) bytes" : nil
                }
            })
    }

    func explain(_ stop: LimitStop) -> String {
        let memory = memoryBytes.map { "\($0 >> 20) MB" } ?? "its"
        switch stop {
        case .deadline:
            let seconds =
                timeout.map {
                    String(format: "%g", Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18)
                } ?? "?"
            return "it ran longer than the timeout of \(seconds) s (--timeout)"
        case .heap: return "it needed more than the memory limit of \(memory) (--memory-limit)"
        case .check: return "it needed more than the memory limit of \(memory) (--memory-limit)"
        }
    }
}

/// The process's resident memory, from `/proc/self/statm` (0 where that is not available).
enum ProcessMemory {
    static func residentBytes() -> Int64 {
        let descriptor = open("/proc/self/statm", O_RDONLY)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else { return 0 }
        let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int64(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
        return pages * Int64(sysconf(Int32(_SC_PAGESIZE)))
    }
}
