import Deflate
import LibFuzzerDriver

// libFuzzer target: CloudTrail log file bytes through the reader ingest uses (docs/FUZZING.md).
@testable import CloudTrail

/// Reads the bytes whole (plain or gzip, as ingest does), then gzipped and read a few bytes of
/// window at a time; when both succeed they must find the same events.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let whole = try? LogFileParser.parse(bytes, path: "fuzz.json")
    guard !Gzip.isGzip(bytes) else { return 0 }
    let gzipped = Gzip.compress(bytes, level: 1)
    var limits = LogReadLimits()
    limits.wholeTextBytes = 0
    limits.windowBytes = 7
    let windowed = gzipped.withUnsafeBytes { try? LogFileParser.parse($0, path: "fuzz.json.gz", limits: limits) }
    if let whole, let windowed, whole.events.count != windowed.events.count {
        fatalError("whole read found \(whole.events.count) events, windowed read \(windowed.events.count)")
    }
    return 0
}

/// SwiftPM links an executable's entry point under this name (Fuzz/driver).
@_cdecl("trailmeter_fuzz_log_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzzLogReader)
}
