import Foundation
import TestSupport
import Testing

/// The golden files beside this source (see `GoldenFile` for TRAILMETER_UPDATE_GOLDEN=1).
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(
            GoldenFile.matches(actual, at: directory.appendingPathComponent(name)),
            "\(name) differs from its golden file",
            sourceLocation: sourceLocation)
    }
}
