import QueryEngine

/// The files an Athena table reads: those under its location (ARCHITECTURE §4). Statements read
/// in the Athena dialect see only these files' events, in both layouts: the raw layout opens
/// (and bills) only them, and the columnar layout, whose chunks hold every file's events, reads
/// its chunks as before and hands over only the rows of these files, so both give the same rows.
/// Lake statements read the whole store (an event data store is not an S3 location).
struct TableFiles {
    let location: AthenaTableLocation
    /// Per catalog file: true when the table reads it.
    let includes: [Bool]
    let count: Int
    let bytes: Int64
    let events: Int64
    /// Files left out for lack of a value the location fixes (a file outside the S3 key layout).
    let unplaced: Int
    /// Insights files (`CloudTrail-Insight/`) left out only because the location is under
    /// `CloudTrail/`.
    let insights: Int

    /// True when the table reads every file of the store.
    var isWholeStore: Bool { count == includes.count }

    init(catalog: StoreCatalog, location: AthenaTableLocation) {
        self.location = location
        let accountIndex = LayoutColumns.partitionNames.firstIndex(of: "account")!
        let regionIndex = LayoutColumns.partitionNames.firstIndex(of: "region")!
        var unplaced = 0
        var insights = 0
        includes = catalog.files.map { file in
            func fixed(_ wanted: String?, _ value: String?) -> Bool {
                guard let wanted else { return true }
                if value == nil { unplaced += 1 }
                return value == wanted
            }
            func text(_ index: Int) -> String? {
                file.partitionValues[index].map { String(decoding: $0, as: UTF8.self) }
            }
            switch location.underOrganization {
            case true?: guard file.organizationID != nil else { return false }
            case false?: guard file.organizationID == nil else { return false }
            case nil: break
            }
            guard fixed(location.organizationID, file.organizationID), fixed(location.account, text(accountIndex)),
                fixed(location.region, text(regionIndex))
            else { return false }
            if let prefix = location.dayPrefix {
                let day = text(0)
                guard let day, day == prefix || day.hasPrefix(prefix + "/") else { return false }
            }
            // A file whose path names no trail folder is taken as a trail's events file.
            let folder = file.folder ?? "CloudTrail"
            if let wanted = location.folder, folder != wanted {
                if folder == "CloudTrail-Insight" { insights += 1 }
                return false
            }
            return true
        }
        self.unplaced = unplaced
        self.insights = insights
        var count = 0
        var bytes: Int64 = 0
        var events: Int64 = 0
        for (file, included) in zip(catalog.files, includes) where included {
            count += 1
            bytes += file.compressedBytes
            events += file.events
        }
        (self.count, self.bytes, self.events) = (count, bytes, events)
    }

    /// What the location restricts, for the query's header; nil when it leaves out nothing a
    /// user would look for.
    var note: String? {
        var text: String
        if let written = location.text {
            text = "Athena table location \(written): reads the files under \(location.restriction)"
            if let bucket = location.bucket {
                text += " (bucket \(bucket) is not known to the store: ignored)"
            }
        } else {
            guard insights > 0 else { return nil }
            text = "Athena table: the trail's CloudTrail/ folders (as the console's table)"
        }
        text += "; \(count) of \(includes.count) files"
        if insights > 0 { text += ", \(insights) Insights files (CloudTrail-Insight/) left out" }
        if unplaced > 0 { text += ", \(unplaced) outside the S3 key layout left out" }
        if count == 0 { text += ": no file in the store lies under it, so the table is empty" }
        return text
    }
}
