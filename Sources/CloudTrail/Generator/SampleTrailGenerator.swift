import Deflate
import Foundation

/// How far a generator run has come; reported after each day.
public struct SampleTrailProgress: Sendable {
    /// Days written so far.
    public let daysDone: Int
    /// Days in the run.
    public let days: Int
    /// What has been written so far.
    public let summary: SampleTrailSummary
}

/// Writes deterministic, realistic CloudTrail trails in the S3 key layout.
///
/// Each day's events are split exactly over accounts, regions and five-minute slots by a daily
/// rhythm; each non-empty slot becomes one gzip file whose content depends only on the spec and the
/// slot, so files are written in parallel yet come out byte-identical run after run.
public enum SampleTrailGenerator {
    /// Number of distinct eventSource/eventName pairs the generator can emit.
    public static var apiCount: Int {
        Set(APICatalogue.entries.map { $0.eventSource + [0x2F] + $0.name }).count
    }

    /// Writes the trail described by `spec` under `directory` (which gets an `AWSLogs/` tree) and
    /// returns what was written. Files are written to a temporary name and renamed into place.
    public static func write(
        _ spec: SampleTrailSpec, to directory: URL, progress: ((SampleTrailProgress) -> Void)? = nil
    ) throws(SampleTrailError) -> SampleTrailSummary {
        try spec.validate()
        let plan = TrailPlan(spec)
        var summary = SampleTrailSummary()
        summary.apiCount = apiCount
        var regionEvents = [Int](repeating: 0, count: spec.regions.count)
        let root = directory.path
        for day in 0..<spec.days {
            let counts = plan.slotCounts(day: day)
            let cells = counts.indices.filter { counts[$0] > 0 }
            var results = [FileResult](repeating: FileResult(), count: cells.count)
            results.withUnsafeMutableBufferPointer { buffer in
                // Each iteration writes only its own index, so the shared buffer is never raced.
                nonisolated(unsafe) let output = buffer
                DispatchQueue.concurrentPerform(iterations: cells.count) { position in
                    let cell = cells[position]
                    output[position] = plan.writeFile(day: day, cell: cell, events: counts[cell], root: root)
                }
            }
            for (position, result) in results.enumerated() {
                if let error = result.error { throw error }
                summary.files += 1
                summary.events += result.events
                summary.compressedBytes += result.compressedBytes
                summary.uncompressedBytes += result.uncompressedBytes
                regionEvents[plan.regionIndex(cell: cells[position])] += result.events
            }
            summary.eventsPerRegion = zip(spec.regions, regionEvents).map { ($0, $1) }
            progress?(SampleTrailProgress(daysDone: day + 1, days: spec.days, summary: summary))
        }
        summary.eventsPerRegion = zip(spec.regions, regionEvents).map { ($0, $1) }
        let others = OtherKindsGenerator(plan: plan, root: root)
        for kind in spec.otherKinds {
            var events = 0
            for result in others.write(kind) {
                if let error = result.error { throw error }
                summary.files += 1
                summary.events += result.events
                summary.compressedBytes += result.compressedBytes
                summary.uncompressedBytes += result.uncompressedBytes
                events += result.events
            }
            summary.eventsPerKind.append((kind, events))
        }
        return summary
    }
}

struct FileResult {
    var events = 0
    var compressedBytes = 0
    var uncompressedBytes = 0
    var error: SampleTrailError?
}

/// Everything fixed for a run: populations, tables and the weight of each account and region.
struct TrailPlan: @unchecked Sendable {
    let spec: SampleTrailSpec
    let startSecond: Int64
    let populations: [AccountPopulation]
    let resources: [RegionalResources]
    let tables: CallerTables
    let regionHashes: [UInt64]
    let utcOffsets: [Int]
    /// [person] minute of the local day when an IAM user signs in to the console.
    let signInMinute: Int

    init(_ spec: SampleTrailSpec) {
        self.spec = spec
        startSecond = spec.start.epochDay * 86_400
        populations = (0..<spec.accounts).map {
            AccountPopulation(seed: spec.seed, accountIndex: $0, regions: spec.regions)
        }
        resources = populations.enumerated().flatMap { account, population in
            spec.regions.map {
                RegionalResources(seed: spec.seed, accountIndex: account, accountId: population.accountId, region: $0)
            }
        }
        tables = CallerTables(people: populations[0].people, regions: spec.regions)
        regionHashes = spec.regions.map(stableHash)
        utcOffsets = spec.regions.map(TrailLayout.utcOffset)
        signInMinute = 9 * 60 + 5
    }

    private var cellsPerDay: Int { spec.accounts * spec.regions.count * TrailLayout.slotsPerDay }

    func regionIndex(cell: Int) -> Int { cell / TrailLayout.slotsPerDay % spec.regions.count }

    /// Events in each (account, region, slot) cell of one day; they sum to `eventsPerDay`.
    func slotCounts(day: Int) -> [Int] {
        var random = TrailRandom(spec.seed, 0xDA7, UInt64(day))
        var weights = [Double]()
        weights.reserveCapacity(cellsPerDay)
        for account in 0..<spec.accounts {
            let accountWeight = 1 / (1 + 0.35 * Double(account))
            for (regionIndex, region) in spec.regions.enumerated() {
                let regionWeight = accountWeight * (region == "us-east-1" ? 1.3 : 1)
                for slot in 0..<TrailLayout.slotsPerDay {
                    let noise = 0.8 + 0.4 * random.unit()
                    weights.append(
                        regionWeight * noise * TrailLayout.slotWeight(slot: slot, utcOffset: utcOffsets[regionIndex]))
                }
            }
        }
        return TrailLayout.apportion(spec.eventsPerDay, weights: weights)
    }

    /// Second (since 1970) at which IAM user `person` of `account` signs in on `day`, in their home region.
    func signInTime(account: Int, person: Int, day: Int) -> Int64 {
        var random = TrailRandom(spec.seed, 0x5161, UInt64(account), UInt64(person), UInt64(day))
        let offset = populations[account].people[person].utcOffset
        let utcMinute = ((signInMinute - offset * 60) % 1440 + 1440) % 1440 + random.below(50)
        return startSecond + Int64(day) * 86_400 + Int64(utcMinute) * 60 + Int64(random.below(60))
    }

    func writeFile(day: Int, cell: Int, events: Int, root: String) -> FileResult {
        let slot = cell % TrailLayout.slotsPerDay
        let regionIndex = self.regionIndex(cell: cell)
        let account = cell / TrailLayout.slotsPerDay / spec.regions.count
        let population = populations[account]
        let regional = resources[account * spec.regions.count + regionIndex]
        let globalSlot = UInt64(day * TrailLayout.slotsPerDay + slot)
        var random = TrailRandom(spec.seed, 0xF11E, UInt64(account), regionHashes[regionIndex], globalSlot)
        let slotStart = startSecond + Int64(day) * 86_400 + Int64(slot) * TrailLayout.slotSeconds

        var schedule: [(time: Int64, person: Int)] = (0..<events).map { _ in
            (slotStart + Int64(random.below(Int(TrailLayout.slotSeconds))), -1)
        }
        var replaced = 0
        for (person, profile) in population.people.enumerated()
        where profile.caller.type == .iamUser && profile.homeRegionIndex == regionIndex && replaced < events {
            let time = signInTime(account: account, person: person, day: day)
            if time >= slotStart, time < slotStart + TrailLayout.slotSeconds {
                schedule[replaced] = (time, person)
                replaced += 1
            }
        }
        schedule.sort { $0.time != $1.time ? $0.time < $1.time : $0.person < $1.person }

        var writer = RecordWriter(
            population: population, resources: regional, tables: tables,
            regionIndex: regionIndex, regionName: spec.regions[regionIndex])
        writer.transferSizes = spec.s3TransferSizes
        var sink = ByteSink(capacity: events * 1_600 + 32)
        sink.raw(#"{"Records":["#)
        for (index, entry) in schedule.enumerated() {
            if index > 0 { sink.byte(0x2C) }
            writer.writeEvent(
                into: &sink, time: entry.time, signInOf: entry.person >= 0 ? entry.person : nil, random: &random)
        }
        sink.raw("]}")

        let delivery = slotStart + TrailLayout.slotSeconds + 120 + Int64(random.below(300))
        var id = ByteSink(capacity: 16)
        id.characters(&random, from: ByteSink.alphanumerics, count: 16)
        let folder =
            root + "/" + TrailLayout.folder(account: population.accountId, region: regional.region, delivery: delivery)
        let name = TrailLayout.fileName(
            account: population.accountId, region: regional.region, delivery: delivery, id: id.bytes)
        let compressed = sink.bytes.withUnsafeBytes { Gzip.compress($0) }
        if let error = FileWriter.writeAtomically(compressed, folder: folder, name: name) {
            return FileResult(error: error)
        }
        return FileResult(events: events, compressedBytes: compressed.count, uncompressedBytes: sink.bytes.count)
    }
}

/// Writes a file under a temporary name and renames it into place, creating folders as needed.
enum FileWriter {
    static func writeAtomically(_ bytes: [UInt8], folder: String, name: String) -> SampleTrailError? {
        let path = folder + "/" + name
        let temporary = folder + "/." + name + ".tmp"
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if descriptor < 0, errno == ENOENT {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                return .cannotCreateDirectory(path: folder, errno: errno)
            }
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        guard descriptor >= 0 else { return .cannotWriteFile(path: path, errno: errno) }
        var written = 0
        let failure: Int32? = bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += result
            }
            return nil
        }
        close(descriptor)
        if let failure {
            unlink(temporary)
            return .cannotWriteFile(path: path, errno: failure)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            return .cannotWriteFile(path: path, errno: code)
        }
        return nil
    }
}
