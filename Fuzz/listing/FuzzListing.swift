// libFuzzer target: bucket listings through the readers `ingest --listing` uses, each key then
// through the key rules (docs/FUZZING.md). The first byte picks the format.
import Foundation
import LibFuzzerDriver

@testable import TrailStore

/// Where an input is written for the path-based readers: one file, rewritten per input.
private let scratch = FileManager.default.temporaryDirectory
    .appendingPathComponent("trailmeter-fuzz-listing-\(ProcessInfo.processInfo.processIdentifier)")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzListing(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let choice = data[0] % 3
    let body = Data(bytes: data + 1, count: size - 1)
    var rules = ListingKeyRules()
    let each: ListedObjectHandler = { key, _ in _ = rules.classify(key) }
    switch choice {
    case 0, 1:
        let path = scratch.path + (choice == 0 ? ".txt" : ".json")
        guard (try? body.write(to: URL(fileURLWithPath: path))) != nil else { return 0 }
        if choice == 0 {
            try? ListingReader.readS3Ls(path, each: each, problem: { _ in })
        } else {
            try? ListObjectsListing.read(path, each: each, problem: { _ in })
        }
    default:
        // Inventory CSV lines, as the data files' reader splits and decodes them.
        var line = InventoryLine()
        for piece in body.split(separator: UInt8(ascii: "\n")) {
            piece.withUnsafeBytes { bytes in
                guard line.split(bytes) else { return }
                for index in line.fields.indices {
                    _ = line.size(index)
                    if line.decodeKey(index) { line.key.withUnsafeBytes { _ = rules.classify($0) } }
                }
            }
        }
    }
    return 0
}

/// SwiftPM links an executable's entry point under this name (Fuzz/driver).
@_cdecl("trailmeter_fuzz_listing_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzzListing)
}
