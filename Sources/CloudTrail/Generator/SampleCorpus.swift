import Foundation

/// Generated trails cached under `.trailmeter/`, made once and reused (a marker file says a
/// corpus is complete, so an interrupted generation is redone rather than trusted).
public enum SampleCorpus {
    /// The folder a corpus for `spec` is generated into under `root`.
    public static func folder(for spec: SampleTrailSpec, under root: String) -> String {
        "\(root)/corpus-\(spec.days)d-\(spec.eventsPerDay)epd-\(spec.regions.count)r-seed\(spec.seed)"
    }

    /// The corpus folder for `spec`, generated first when absent or incomplete.
    public static func ensure(_ spec: SampleTrailSpec, under root: String, log: (String) -> Void) throws -> (
        folder: String, summary: SampleTrailSummary?
    ) {
        let folder = folder(for: spec, under: root)
        let marker = folder + ".complete"
        if FileManager.default.fileExists(atPath: marker) { return (folder, nil) }
        try? FileManager.default.removeItem(atPath: folder)
        log(
            "generating \(spec.days) days x \(spec.eventsPerDay) events/day in \(spec.regions.joined(separator: ",")) into \(folder) ..."
        )
        let summary = try SampleTrailGenerator.write(spec, to: URL(fileURLWithPath: folder))
        try Data("\(summary.events) events in \(summary.files) files\n".utf8).write(to: URL(fileURLWithPath: marker))
        return (folder, summary)
    }
}
