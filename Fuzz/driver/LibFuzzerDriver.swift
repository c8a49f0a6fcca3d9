// The part of every fuzz target that is the same: handing the process over to libFuzzer
// (docs/FUZZING.md). Each target keeps its own `@_cdecl("<module>_main")` entry, the name SwiftPM
// links an executable's entry point under, and calls `runLibFuzzer` from it.

/// The signature of `LLVMFuzzerTestOneInput`: one input's bytes; returns 0.
public typealias FuzzTestOneInput = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt

/// Runs libFuzzer's driver with the process's arguments, calling `testOneInput` for each input.
public func runLibFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, _ testOneInput: FuzzTestOneInput
) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return llvmFuzzerRunDriver(&count, &arguments, testOneInput)
}

/// libFuzzer's entry (compiler-rt, linked by `-sanitize=fuzzer`).
@_silgen_name("LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ testOneInput: FuzzTestOneInput
) -> CInt
