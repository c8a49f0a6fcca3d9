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
        var line = InventoryLine()
        for file in manifest.dataFiles {
            guard let local = locate(file, manifest: path) else {
                throw .unreadableListing(
                    path: path, detail: "data file \(file) not found beside the manifest (looked in ../data/ and ./)")
            }
            try LineStream.lines(of: local) { (bytes, number) throws(TrailStoreError) in
                func report(_ detail: String) {
                    problem(ListingProblem(location: SourceLocation(file: local, line: number), detail: detail))
                }
                guard line.split(bytes) else { return report("a quoted field is not closed") }
                if line.fields.count == 1 && line.field(0).isEmpty { return }  // a blank line
                guard line.fields.count == manifest.columnCount else {
                    return report(
                        "\(line.fields.count) fields; the manifest's fileSchema has \(manifest.columnCount)")
                }
                if let latest = manifest.isLatest, line.field(latest).elementsEqual("false".utf8) { return }
                if let marker = manifest.isDeleteMarker, line.field(marker).elementsEqual("true".utf8) { return }
                guard let size = line.size(manifest.size), line.decodeKey(manifest.key) else {
                    return report(
                        "Size `\(line.text(manifest.size))` or Key `\(line.text(manifest.key))` cannot be read")
                }
                try LineStream.withBytes(line.key) { (key) throws(TrailStoreError) in try each(key, size) }
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
