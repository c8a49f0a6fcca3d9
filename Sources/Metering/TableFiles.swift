import QueryEngine

/// The files an Athena table reads: those under its location (ARCHITECTURE §4). Statements read
/// in the Athena dialect see only these files' events, in both layouts: the raw layout opens
/// (and bills) only them, and the columnar layout, whose chunks hold every file's events, reads
/// its chunks as before and hands over only the rows of these files, so both give the same rows.
/// Lake statements read the whole store (an event data store is not an S3 location).
struct TableFiles {
    let location: AthenaTableLocation
    /// Per ingested file (`StoreCatalog.files`): true when the table reads it.
    let includes: [Bool]
    /// Per partition group (`StoreCatalog.partitionGroups`, listed files included): true when the
    /// table reads its files. Every key the location restricts is a key of the groups, so a group
    /// is read whole or not at all.
    let groupIncludes: [Bool]
    /// Files, bytes and events the table reads, listed files included.
    let count: Int
    let bytes: Int64
    let events: Int64
    /// Files of the whole catalog, listed ones included.
    let catalogCount: Int
    /// Files left out for lack of a value the location fixes (a file outside the S3 key layout).
    let unplaced: Int
    /// Insights files (`CloudTrail-Insight/`) left out only because the location is under
    /// `CloudTrail/`.
    let insights: Int

    /// True when the table reads every file of the store.
    var isWholeStore: Bool { count == catalogCount }

    init(catalog: StoreCatalog, location: AthenaTableLocation) {
        self.location = location
        includes = catalog.files.map { file in
            Self.verdict(
                location, organizationID: file.organizationID, partitionValues: file.partitionValues,
                folder: file.folder) == .read
        }
        var (count, bytes, events, unplaced, insights) = (0, Int64(0), Int64(0), 0, 0)
        groupIncludes = catalog.partitionGroups.map { group in
            switch Self.verdict(
                location, organizationID: group.organizationID, partitionValues: group.partitionValues,
                folder: group.folder)
            {
            case .read:
                count += group.files
                bytes += group.bytes
                events += group.events
                return true
            case .unplaced: unplaced += group.files
            case .insights: insights += group.files
            case .outside: break
            }
            return false
        }
        (self.count, self.bytes, self.events) = (count, bytes, events)
        (self.unplaced, self.insights) = (unplaced, insights)
        catalogCount = catalog.totalFileCount
    }

    private enum Verdict { case read, outside, unplaced, insights }

    /// Whether the table reads a file with these keys, and if not, why (for the counts of `note`).
    private static func verdict(
        _ location: AthenaTableLocation, organizationID: String?, partitionValues: [[UInt8]?], folder: String?
    ) -> Verdict {
        var unplaced = false
        func fixed(_ wanted: String?, _ value: String?) -> Bool {
            guard let wanted else { return true }
            if value == nil { unplaced = true }
            return value == wanted
        }
        func text(_ index: Int) -> String? { partitionValues[index].map { String(decoding: $0, as: UTF8.self) } }
        switch location.underOrganization {
        case true?: guard organizationID != nil else { return .outside }
        case false?: guard organizationID == nil else { return .outside }
        case nil: break
        }
        guard fixed(location.organizationID, organizationID), fixed(location.account, text(accountIndex)),
            fixed(location.region, text(regionIndex))
        else { return unplaced ? .unplaced : .outside }
        if let prefix = location.dayPrefix {
            guard let day = text(0), day == prefix || day.hasPrefix(prefix + "/") else { return .outside }
        }
        // A file whose path names no trail folder is taken as a trail's events file.
        if let wanted = location.folder, (folder ?? "CloudTrail") != wanted {
            return folder == "CloudTrail-Insight" ? .insights : .outside
        }
        return .read
    }

    private static let accountIndex = LayoutColumns.partitionNames.firstIndex(of: "account")!
    private static let regionIndex = LayoutColumns.partitionNames.firstIndex(of: "region")!

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
        text += "; \(count) of \(catalogCount) files"
        if insights > 0 { text += ", \(insights) Insights files (CloudTrail-Insight/) left out" }
        if unplaced > 0 { text += ", \(unplaced) outside the S3 key layout left out" }
        if count == 0 { text += ": no file in the store lies under it, so the table is empty" }
        return text
    }
}
