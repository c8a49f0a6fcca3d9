import Foundation
import Pricing

/// Where the commands find the pricing tables when none are given, so a binary copied out of the
/// source tree still prices. The order, first found wins:
///
/// 1. the directory given on the command line (`--pricing DIR`, or `pricing validate DIR`);
/// 2. `$TRAILMETER_PRICING`;
/// 3. `PricingTables` installed beside the binary by `scripts/install PREFIX`:
///    `PREFIX/share/trailmeter/PricingTables` for `PREFIX/bin/trailmeter`;
/// 4. the source checkout's `PricingTables` (a binary run from its build folder).
enum PricingLocation {
    /// The variable that names a tables directory for every command.
    static let environmentVariable = "TRAILMETER_PRICING"

    /// The tables directory, and how messages and reports name it: the path as given, else
    /// `PricingTables`, so reports do not depend on where TrailMeter was installed or cloned.
    static func directory(given: String?) -> (url: URL, shown: String) {
        if let given { return (absolute(given), given) }
        if let fromEnvironment = ProcessInfo.processInfo.environment[environmentVariable], !fromEnvironment.isEmpty {
            return (absolute(fromEnvironment), fromEnvironment)
        }
        let candidates = [installedDirectory, PricingTables.shippedDirectory].compactMap { $0 }
        let found = candidates.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("rules.csv").path)
        }
        return (found ?? candidates.last!, PricingTables.defaultDirectoryName)
    }

    /// `../share/trailmeter/PricingTables` from the running binary's folder (symbolic links resolved).
    private static var installedDirectory: URL? {
        guard let executable = Bundle.main.executableURL else { return nil }
        return executable.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/trailmeter", isDirectory: true)
            .appendingPathComponent(PricingTables.defaultDirectoryName, isDirectory: true)
    }

    private static func absolute(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL
    }
}
