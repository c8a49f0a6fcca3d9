import CloudTrail
import Deflate
import Foundation
import SQLite
import TrailStore

/// Small trail folders in the S3 key layout, written for the store's tests.
enum FixtureTrail {
    /// Writes `files` gzip files across two regions, `eventsPerFile` events each, 20 minutes apart,
    /// so that events of one file fall in one or two hour segments and several files share a segment.
    @discardableResult
    static func write(to root: URL, files: Int, eventsPerFile: Int, startMs: Int64 = 1_642_809_600_000) throws -> [URL]
    {
        var written: [URL] = []
        for index in 0..<files {
            let region = index % 2 == 0 ? "us-east-1" : "ap-northeast-1"
            let fileStart = startMs + Int64(index / 2) * 1_200_000
            var records: [String] = []
            for event in 0..<eventsPerFile {
                let time = EventTime.iso(fileStart + Int64(event) * 1_200_000 / Int64(eventsPerFile))
                let user = ["Alice", "Bob", "Yuta0128"][(index + event) % 3]
                let name = ["DescribeInstances", "ConsoleLogin", "RunInstances", "GetObject"][(index * 7 + event) % 4]
                records.append(
                    """
                    {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDA\(user.uppercased())","arn":"arn:aws:iam::123456789012:user/\(user)","accountId":"123456789012","userName":"\(user)"},"eventTime":"\(time)","eventSource":"ec2.amazonaws.com","eventName":"\(name)","awsRegion":"\(region)","sourceIPAddress":"192.0.2.\(event % 200)","userAgent":"aws-cli/2.13","requestParameters":{"n":\(event)},"responseElements":null,"requestID":"r-\(index)-\(event)","eventID":"e-\(index)-\(event)","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012"}
                    """)
            }
            let stamp = EventTime.iso(fileStart + 1_500_000)
            let compactStamp =
                stamp.prefix(16).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "") + "Z"
            let day = EventTime.partitionDay(fileStart + 1_500_000)
            let url = root.appendingPathComponent(
                "AWSLogs/123456789012/CloudTrail/\(region)/\(day)/123456789012_CloudTrail_\(region)_\(compactStamp)_fixture\(String(format: "%08d", index)).json.gz"
            )
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let json = Array(#"{"Records":["#.utf8) + Array(records.joined(separator: ",").utf8) + Array("]}".utf8)
            try Data(json.withUnsafeBytes { Gzip.compress($0) }).write(to: url)
            written.append(url)
        }
        return written
    }

    /// Every stored chunk as (segment bucket, column, bytes): equal lists mean equal columnar stores.
    static func chunkDump(_ path: String) throws -> [String] {
        let connection = try Connection(path: path, mode: .readOnly)
        let statement = try connection.prepare(
            """
            SELECT s.bucket_start_ms, s.events, s.min_event_ms, s.max_event_ms, k.column_id, k.encoded_bytes, hex(k.data)
            FROM chunks k JOIN segments s ON s.id = k.segment_id ORDER BY s.bucket_start_ms, k.column_id
            """)
        var rows: [String] = []
        while try statement.step() {
            rows.append((0..<7).map { "\(statement.value(at: Int32($0)))" }.joined(separator: "|"))
        }
        return rows
    }

    /// Catalog rows without the run they came in: equal lists mean equal catalogs.
    static func catalogDump(_ path: String) throws -> [String] {
        let connection = try Connection(path: path, mode: .readOnly)
        let statement = try connection.prepare(
            """
            SELECT id, identity, s3_key, account, region, day, format, compressed_bytes, uncompressed_bytes, events,
                   first_event_ms, last_event_ms FROM files ORDER BY id
            """)
        var rows: [String] = []
        while try statement.step() {
            rows.append((0..<12).map { "\(statement.value(at: Int32($0)))" }.joined(separator: "|"))
        }
        return rows
    }

    static func ingest(_ paths: [URL], into store: String, batchBytes: Int? = nil, stopAfterBatches: Int? = nil) throws
        -> IngestReport
    {
        let file = try StoreFile.openForWriting(store, settings: nil)
        var options = IngestOptions()
        if let batchBytes { options.batchBytes = batchBytes }
        if let stopAfterBatches {
            let counter = BatchCounter(limit: stopAfterBatches)
            options.shouldStop = { counter.askedToStop() }
        }
        return try Ingestor(store: file, options: options).ingest(paths.map(\.path))
    }
}

/// Says "stop" once the ingest has committed `limit` batches: it asks before reading each batch
/// and before committing the one read before it, so twice per commit, after one first ask.
final class BatchCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var asked = 0
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func askedToStop() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        asked += 1
        return asked > limit * 2 + 1
    }
}
