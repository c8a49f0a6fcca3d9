import TrailStore

/// Store look-ups the commands share.
enum TrailStoreAccess {
    static func summary(_ path: String) throws -> StoreSummary {
        try StoreSummary.of(try StoreFile.openForReading(path))
    }
}
