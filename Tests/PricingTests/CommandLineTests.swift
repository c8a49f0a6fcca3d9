import Foundation
import TestSupport
import Testing

@testable import Pricing

@Suite(.enabled(if: BuiltTrailmeter.url != nil, "trailmeter binary not built beside the tests"))
struct CommandLineTests {

    func run(_ arguments: [String]) throws -> BuiltTrailmeter.Run { try BuiltTrailmeter.run(arguments) }

    @Test func shippedTablesValidate() throws {
        let result = try run(["pricing", "validate", PricingTables.shippedDirectory.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("valid"))
    }

    @Test(arguments: MalformedTableTests.cases)
    func validateExitsNonZeroWithFileAndLine(_ testCase: MalformedTableTests.Case) throws {
        let directory = try MalformedTableTests.brokenTables(testCase)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try run(["pricing", "validate", directory.path, "--region", "us-east-1"])
        #expect(result.status == 65)
        #expect(
            result.stderr.contains("\(directory.path)/\(testCase.file):\(testCase.expectedLine):"), "\(result.stderr)")
    }

    @Test func validateReportsAMissingRegionRate() throws {
        let directory = try Support.fixtureTablesCopy()
        let result = try run(["pricing", "validate", directory.path, "--region", "eu-central-1"])
        #expect(result.status == 65)
        #expect(
            result.stderr.contains(
                "rates/AmazonAthena.csv:2: field 'region': no rate for AmazonAthena/sql-scan in region eu-central-1"))
    }

    /// `$TRAILMETER_PRICING` comes before the shipped tables, and a directory given comes before it.
    @Test func environmentVariableOverridesTheShippedTablesAndAGivenDirectoryOverridesIt() throws {
        let elsewhere = ["TRAILMETER_PRICING": "/nonexistent/trailmeter-tables"]
        let fromEnvironment = try BuiltTrailmeter.run(["pricing", "validate"], environment: elsewhere)
        #expect(fromEnvironment.status == 74)
        #expect(fromEnvironment.stderr.contains("/nonexistent/trailmeter-tables"), "\(fromEnvironment.stderr)")
        let given = try BuiltTrailmeter.run(
            ["pricing", "validate", PricingTables.shippedDirectory.path], environment: elsewhere)
        #expect(given.status == 0, "\(given.stderr)")
        let shipped = try BuiltTrailmeter.run(["pricing", "validate"], in: Scratch.directory("elsewhere"))
        #expect(shipped.status == 0, "\(shipped.stderr)")
        #expect(shipped.stdout.hasPrefix("PricingTables: valid."))
    }

    @Test func missingDirectoryIsAnIOError() throws {
        let result = try run(["pricing", "validate", "/nonexistent/trailmeter-tables"])
        #expect(result.status == 74)
    }

    @Test func importWritesRowsThatValidate() throws {
        let directory = try Support.fixtureTablesCopy()
        let offer = Support.fixtures.appendingPathComponent("offers/AmazonS3.csv").path
        let imported = try run(["pricing", "import", offer, "--region", "ap-northeast-1", "--dir", directory.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("Imported 5 row(s) for AmazonS3 in ap-northeast-1"))
        let shown = try run([
            "pricing", "show", "--region", "ap-northeast-1", "--date", "2026-11-15", "--dir", directory.path,
        ])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("first 51200 GB-month"))
        #expect(shown.stdout.contains("0.025 USD per GB-month"))
    }

    @Test func badDateIsAUsageError() throws {
        let result = try run([
            "pricing", "show", "--region", "us-east-1", "--date", "28/11/2026", "--dir",
            PricingTables.shippedDirectory.path,
        ])
        #expect(result.status == 64)
    }
}
