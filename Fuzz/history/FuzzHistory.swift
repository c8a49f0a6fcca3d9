// libFuzzer target: query-history JSON through Planning's reader and the workload import
// (grouping, query shapes, the tables read, writing statements, runnability) (docs/FUZZING.md).
import Foundation
import LibFuzzerDriver
import Planning

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHistory(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    guard let executions = try? HistoryReader.parse(bytes, path: "fuzz.json") else { return 0 }
    let selection = HistoryTables(["cloudtrail_*"], eventDataStores: ["*"])
    _ = selection.censusLines(executions)
    for execution in executions { _ = selection.reasonToLeaveOut(execution) }
    _ = (try? WorkloadImporter.workload(executions, sources: ["fuzz.json"], tables: selection))?.yaml()
    return 0
}

/// SwiftPM links an executable's entry point under this name (Fuzz/driver).
@_cdecl("trailmeter_fuzz_history_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzzHistory)
}
