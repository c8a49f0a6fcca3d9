import Deflate
import Foundation
import TrailMeterCore

/// An S3 Inventory report: its `manifest.json` and the CSV (or CSV.gz) data files it lists,
/// found beside the manifest as `aws s3 sync` copies the inventory destination
/// (`<config>/<date>/manifest.json` and `<config>/data/<id>.csv.gz`). ORC and Parquet inventories
/// are not read: configure the inventory as CSV, or list the bucket with `list-objects-v2`.
///
/// Keys are URL-encoded in inventory CSVs and are decoded. With versioning, only the current
/// version of each object counts (older versions and delete markers are what Athena never reads).
enum InventoryListing {
    static func read(
        manifest path: String, each: ListedObjectHandler,
        problem: (ListingProblem) -> Void
    ) throws(TrailStoreError) {
        let manifest = try Manifest(path)
        for file in manifest.dataFiles {
            guard let local = locate(file, manifest: path) else {
                throw .unreadableListing(
                    path: path, detail: "data file \(file) not found beside the manifest (looked in ../data/ and ./)")
            }
            let text: String
            do {
                let bytes = try FileBytes.read(local)
                let plain = try bytes.withUnsafeBytes { Gzip.isGzip($0) ? try Gzip.decompress($0) : bytes }
                text = String(decoding: plain, as: UTF8.self)
            } catch {
                throw .unreadableListing(path: local, detail: "\(error)")
            }
            let records: [CSVRecord]
            do { records = try CSVParser.records(text) } catch {
                problem(
                    ListingProblem(location: SourceLocation(file: local, line: error.line), detail: error.reason))
                continue
            }
            for record in records {
                guard record.fields.count == manifest.columnCount else {
                    problem(
                        ListingProblem(
                            location: SourceLocation(file: local, line: record.line),
                            detail:
                                "\(record.fields.count) fields; the manifest's fileSchema has \(manifest.columnCount)"))
                    continue
                }
                if let latest = manifest.isLatest, record.fields[latest] == "false" { continue }
                if let marker = manifest.isDeleteMarker, record.fields[marker] == "true" { continue }
                let rawKey = record.fields[manifest.key]
                guard let size = Int64(record.fields[manifest.size]), size >= 0,
                    let key = rawKey.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
                else {
                    problem(
                        ListingProblem(
                            location: SourceLocation(file: local, line: record.line),
                            detail: "Size `\(record.fields[manifest.size])` or Key `\(rawKey)` cannot be read"))
                    continue
                }
                try ListingReader.pass(key, size: size, to: each)
            }
        }
    }

    /// The manifest's data files and the places of the columns TrailMeter needs.
    struct Manifest {
        let dataFiles: [String]
        let columnCount: Int
        let key: Int
        let size: Int
        let isLatest: Int?
        let isDeleteMarker: Int?

        init(_ path: String) throws(TrailStoreError) {
            let object: [String: Any]?
            do { object = try JSONSerialization.jsonObject(with: Data(FileBytes.read(path))) as? [String: Any] } catch {
                throw .unreadableListing(path: path, detail: "not a readable inventory manifest: \(error)")
            }
            guard let object else { throw .unreadableListing(path: path, detail: "the manifest is not a JSON object") }
            let format = (object["fileFormat"] as? String) ?? "?"
            guard format.uppercased() == "CSV" else {
                throw .unreadableListing(
                    path: path,
                    detail:
                        "fileFormat \(format): only CSV inventories are read (not ORC or Parquet); configure a CSV inventory or use `aws s3api list-objects-v2`"
                )
            }
            let columns = ((object["fileSchema"] as? String) ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard let key = columns.firstIndex(of: "Key"), let size = columns.firstIndex(of: "Size") else {
                throw .unreadableListing(path: path, detail: "fileSchema must list Key and Size")
            }
            let files = (object["files"] as? [[String: Any]])?.compactMap { $0["key"] as? String }
            guard let files else { throw .unreadableListing(path: path, detail: "no `files` array") }
            dataFiles = files
            columnCount = columns.count
            self.key = key
            self.size = size
            isLatest = columns.firstIndex(of: "IsLatest")
            isDeleteMarker = columns.firstIndex(of: "IsDeleteMarker")
        }
    }

    /// Where the data file `key` sits on disk, relative to the manifest.
    static func locate(_ key: String, manifest: String) -> String? {
        let folder = (manifest as NSString).deletingLastPathComponent
        let name = (key as NSString).lastPathComponent
        var candidates = [
            folder + "/../data/" + name, folder + "/data/" + name, folder + "/" + name,
        ]
        var ancestor = folder
        for _ in 0..<6 {
            candidates.append(ancestor + "/" + key)
            ancestor = (ancestor as NSString).deletingLastPathComponent
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }
}
