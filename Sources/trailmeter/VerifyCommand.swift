import ArgumentParser
import Foundation
import TrailStore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a whole store: SQLite's integrity, every checksum, every chunk's decode, and the counts.",
        discussion: """
            Reads every row of the catalog and every chunk of the columnar store and checks each \
            against the checksum written with it, decodes every chunk, and checks that the catalog, \
            the columnar store and the totals agree on files, segments and events. Prints each fault \
            found. Exit status: 0 for a sound store; 65 when anything is wrong (re-ingest the logs \
            into a new store). A store left with a hot journal by an interrupted write is rolled \
            back first. Stores of formats 1 and 2 (before checksums) are refused: re-ingest them.
            """)

    @Option(help: "The store file.")
    var store: String

    func run() throws {
        let report = try reportingErrors { try StoreVerifier.verify(try StoreFile.openForReading(store)) }
        print("Store \(store)")
        print(
            "  files \(formatCount(Int64(report.files)))\(report.listedFiles > 0 ? " (and \(formatCount(report.listedFiles)) listed, size only)" : ""), segments \(formatCount(Int64(report.segments))), events \(formatCount(report.events)), chunks checked \(formatCount(Int64(report.chunksChecked)))"
        )
        guard report.faults.isEmpty else {
            print("  \(report.faults.count) fault(s):")
            for fault in report.faults { print("    \(fault)") }
            printError(
                "error: \(store): the store is damaged (\(report.faults.count) fault(s)); re-ingest the logs into a new store"
            )
            throw ExitStatus.dataError
        }
        print("  ok: every checksum, chunk and count agrees")
    }
}
