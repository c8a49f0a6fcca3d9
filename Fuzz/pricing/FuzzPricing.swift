// libFuzzer target: pricing table text through Pricing's CSV readers (docs/FUZZING.md).
import LibFuzzerDriver

@testable import Pricing

/// The first byte picks the table (rates, rules, fx); the rest is the file's text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPricingReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    switch data[0] % 3 {
    case 0:
        if let parsed = try? RateFileParser.parse(text: text, file: "rates/fuzz.csv") {
            _ = TableValidation.issues(in: parsed.rows)
        }
    case 1: _ = try? BillingRules.parse(text: text, file: "rules.csv")
    default: _ = try? FXTable.parse(text: text, file: "fx.csv")
    }
    return 0
}

/// SwiftPM links an executable's entry point under this name (Fuzz/driver).
@_cdecl("trailmeter_fuzz_pricing_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzzPricingReader)
}
