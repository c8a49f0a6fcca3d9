// libFuzzer target: scenario file text through Planning's reader (docs/FUZZING.md).
import LibFuzzerDriver
import Planning

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarioReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? ScenarioFile.parse(text, path: "fuzz.yaml")
    return 0
}

/// SwiftPM links an executable's entry point under this name (Fuzz/driver).
@_cdecl("trailmeter_fuzz_scenario_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzzScenarioReader)
}
