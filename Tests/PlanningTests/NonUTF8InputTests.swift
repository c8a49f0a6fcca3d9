import Foundation
import Pricing
import TestSupport
import Testing

@testable import Planning

/// Scenario and pricing files that are not UTF-8 are refused with the line and column of the first
/// bad byte, never read with replacement characters.
@Suite struct NonUTF8InputTests {
    @Test func scenarioWithALatin1ByteNamesItsLine() throws {
        let directory = Scratch.directory("non-utf8")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("plan.yaml")
        // "région" written in Latin-1: 0xE9 is not UTF-8.
        try Data("scenario:\n  name: plan\n  region: r".utf8 + [0xE9] + Data("gion\n".utf8)).write(to: file)
        #expect {
            try ScenarioFile.load(file.path)
        } throws: { error in
            "\(error)".contains("line 3, column 12: not UTF-8 text")
        }
    }

    @Test func pricingTableWithAnInvalidByteNamesItsFileAndLine() throws {
        let directory = Scratch.directory("non-utf8")
        defer { try? FileManager.default.removeItem(at: directory) }
        let tables = directory.appendingPathComponent("PricingTables")
        try FileManager.default.copyItem(at: PlanningFixture.tablesDirectory, to: tables)
        let rates = tables.appendingPathComponent("rates/AmazonS3.csv")
        var bytes = try Data(contentsOf: rates)
        let secondLineEnd = try #require(bytes.indices.filter { bytes[$0] == 0x0A }.dropFirst().first)
        bytes.insert(0xC3, at: secondLineEnd)  // a lead byte with no continuation, at the end of line 2
        try bytes.write(to: rates)
        #expect {
            try PricingTables.load(from: tables, displayPath: "PricingTables")
        } throws: { error in
            let text = "\(error)"
            return text.contains("PricingTables/rates/AmazonS3.csv") && text.contains("line 2, column")
        }
    }
}
