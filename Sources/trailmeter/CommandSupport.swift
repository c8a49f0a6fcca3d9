import ArgumentParser
import Foundation
import TrailMeterCore
import TrailStore

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// True when standard error is a terminal, so progress lines are worth drawing.
var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

/// Human-readable byte counts in decimal units (kB = 1,000 bytes), the convention printed beside them.
func formatBytes(_ bytes: Int64) -> String { ByteText.abbreviated(bytes, style: .si) }

/// Integers with thousands separators, fixed to commas whatever the locale.
func formatCount(_ value: Int64) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, character) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
        out.append(character)
    }
    return value < 0 ? "-" + out : out
}

/// Set by SIGINT; long runs check it between batches. A second Ctrl-C ends the process at once.
nonisolated(unsafe) var interruptRequested: sig_atomic_t = 0

func installInterruptHandler() {
    signal(SIGINT) { _ in
        interruptRequested = 1
        signal(SIGINT, SIG_DFL)
    }
}
