import Foundation
import Metering

/// One way of keeping and querying CloudTrail logs, priced month by month: everything the
/// projection needs to know about a layout, in one type (ARCHITECTURE §6).
///
/// Adding a layout is a new conforming type in its own file, a case in `CostLayout` (whose one
/// exhaustive switch, `CostLayout.priced`, the compiler then flags), its rate rows, the scenario
/// key that configures it, and tests. Every member is required, so no site can fall through to
/// another layout's billing. A one-time charge is a line of `monthLines` in the month it falls in;
/// an option of a layout (a reservation, a move from another layout) is a stored property of
/// the conforming type, set from the scenario.
protocol PricedLayout: Sendable {
    /// The identifier in reports, CSV rows and the scenario.
    var id: CostLayout { get }
    /// A short title for tables and charts.
    var title: String { get }
    /// The AWS service that bills its scans (FOCUS `ServiceName` of scan lines).
    var scanServiceName: String { get }
    /// False for a layout AWS no longer opens to new accounts (the report says so).
    var isOpenToNewCustomers: Bool { get }

    /// Whether the layout's events come through a trail, whose own charges (extra management
    /// copies, data and network activity events: `TrailRecording`) it then carries.
    var needsTrail: Bool { get }

    /// Whether `scenario` compares this layout.
    func isCompared(in scenario: Scenario) -> Bool
    /// Days the layout keeps data; nil keeps it forever.
    func retention(_ month: MonthBuilder) -> Int?
    /// Days from the start of the history where the layout's data starts (0: it holds the history).
    func dataStart(_ month: MonthBuilder) -> Decimal

    /// The lines of month `index` that do not belong to one query: ingest, storage, conversion,
    /// one-time imports.
    func monthLines(_ month: MonthBuilder, index: Int) throws(PlanningError) -> [CostLine]
    /// One query's scans (and the requests they make) in month `index`.
    func queryLines(_ query: WorkloadQuery, scaling: QueryScaling, _ month: MonthBuilder, index: Int)
        throws(PlanningError) -> [CostLine]

    /// True when the layout's reads are planned over the catalog (listed objects included), so
    /// they scale by the catalog's figures (`SampleProfile.overCatalog`) rather than the ingested files'.
    var readsCatalog: Bool { get }
    /// What the layout read for `measurement`, and the eventTime window that read covered.
    func measuredScan(_ measurement: QueryMeasurement) -> (scan: ScanMeasurement, window: TimeWindow?)
    /// Whether a query's declared `window: N days` bounds what this layout reads, given the window measured.
    func honoursDeclaredWindow(measured: TimeWindow?) -> Bool
    /// Objects (files, partition objects) a measured read counts, and those held per day of sample.
    func objectsRead(_ scan: ScanMeasurement) -> Int
    func objectsPerDay(_ scan: ScanMeasurement, sample: SampleProfile) -> Decimal
    /// Bytes read per gzip byte when the query's window holds no sample data, and the words saying so.
    func fallbackRatio(_ scan: ScanMeasurement, sample: SampleProfile) -> (bytesPerGzipByte: Decimal, basis: String)

    /// Changes to one query that would cut its cost on this layout, with the scaling each gives.
    func adviceChanges(_ measurement: QueryMeasurement, scaling: QueryScaling, finder: AdviceFinder)
        -> [(change: String, scaling: QueryScaling)]
}

extension PricedLayout {
    /// Only the raw layouts read the catalog's files; the others read what was ingested.
    var readsCatalog: Bool { false }
}
