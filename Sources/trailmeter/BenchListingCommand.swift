import ArgumentParser
import CloudTrail
import Foundation
import TrailMeterCore

/// `trailmeter bench listing`: loads an organization-trail-sized bucket listing into a store and
/// plans a partition-pruned raw query over it, each step a child process measured alone (wall
/// time, peak memory). A load of a fifth of the listing shows whether memory grows with it.
struct BenchListingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listing",
        abstract: "Measure loading a bucket listing (objects/s, peak memory) and a partition-pruned raw plan over it."
    )

    @Option(help: "Log files in the listing, at least (digests are added: one per account, region and hour).")
    var objects = 5_000_000
    @Option(help: "Accounts of the organization trail.")
    var accounts = 50
    @Option(help: "Where the generated listing is kept (generated once).")
    var corpusDirectory = ".trailmeter/bench-listing"
    @Option(help: "Where the stores the runs build are kept.")
    var workDirectory = ".trailmeter/bench"

    func run() throws {
        #if DEBUG
            printError(
                "note: this is a debug build; benchmark figures need `swift run -c release trailmeter bench listing`")
        #endif
        let regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1"]
        let perDay = accounts * regions.count * 288
        let days = (objects + perDay - 1) / perDay
        let me = ChildProcess.currentExecutable
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        let folder = "\(corpusDirectory)/\(accounts)x\(regions.count)x\(days)"
        let listing = folder + "/listing.txt"
        if !FileManager.default.fileExists(atPath: listing) {
            printError("generating a listing of \(days) days × \(accounts) accounts × \(regions.count) regions...")
            guard
                let run = ChildProcess.run([
                    me, "generate", "--listing-only", "s3-ls", "--out", folder, "--days", String(days), "--accounts",
                    String(accounts), "--regions", regions.joined(separator: ","), "--organization", "o-bench12345",
                    "--gzip-bytes-per-day", "40GB", "--monthly-growth", "3%",
                ]), run.status == 0
            else { throw ValidationError("generating the listing failed") }
        }
        let lines = try countLines(listing)
        let fifth = workDirectory + "/listing-fifth.txt"
        guard ChildProcess.run(["head", "-n", String(lines / 5), listing], outputPath: fifth)?.status == 0 else {
            throw ValidationError("cannot write a fifth of the listing")
        }

        func load(_ path: String, store: String) throws -> ChildRun {
            try? FileManager.default.removeItem(atPath: store)
            guard let run = ChildProcess.run([me, "ingest", "--listing", path, "--store", store]), run.status == 0
            else {
                throw ValidationError("loading \(path) failed")
            }
            return run
        }
        let store = workDirectory + "/bench-listing.tmstore"
        let small = try load(fifth, store: workDirectory + "/bench-listing-fifth.tmstore")
        let full = try load(listing, store: store)
        try? FileManager.default.removeItem(atPath: workDirectory + "/bench-listing-fifth.tmstore")

        let day = "2022/01/\(CivilCalendar.zeroPadded(min(days, 28) / 2 + 1, width: 2))"
        let sql = "SELECT count(*) FROM cloudtrail_logs WHERE timestamp = '\(day)' AND region = 'eu-west-1'"
        var plans: [ChildRun] = []
        for _ in 1...3 {
            guard
                // The meter goes to stderr: silenced, so that the figures stand alone.
                let run = ChildProcess.run([
                    "sh", "-c", "exec \"$0\" \"$@\" 2>/dev/null", me, "query", "--store", store, "--athena-table",
                    "projected", "--format", "csv", sql,
                ]), run.status == 0
            else { throw ValidationError("the pruned plan failed") }
            plans.append(run)
        }
        let plan = plans.sorted { $0.seconds < $1.seconds }[1]
        print("Listing load (aws s3 ls --recursive text, \(formatCount(Int64(lines))) objects, \(days) days)")
        func line(_ name: String, _ run: ChildRun, _ count: Int) -> String {
            "  \(name)\(String(format: "%8.2f", run.seconds)) s wall, \(String(format: "%.2f", run.cpuSeconds)) s CPU  "
                + "\(formatCount(Int64(Double(count) / run.seconds))) objects/s (\(formatCount(Int64(Double(count) / run.cpuSeconds))) per CPU-second)  peak \(formatBytes(run.peakBytes))"
        }
        print(line("full listing   ", full, lines))
        print(line("a fifth of it  ", small, lines / 5))
        print("Partition-pruned raw plan (median of 3, a whole `trailmeter query` process: open, plan, report)")
        print("  \(sql)")
        print(
            "  \(String(format: "%.3f", plan.seconds)) s wall, \(String(format: "%.3f", plan.cpuSeconds)) s CPU  peak \(formatBytes(plan.peakBytes))"
        )
    }

    private func countLines(_ path: String) throws -> Int {
        var count = 0
        guard let file = fopen(path, "rb") else { throw ValidationError("cannot read \(path)") }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let read = buffer.withUnsafeMutableBytes { fread($0.baseAddress!, 1, $0.count, file) }
            if read == 0 { break }
            for index in 0..<read where buffer[index] == 10 { count += 1 }
        }
        return count
    }
}
