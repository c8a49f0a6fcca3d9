import Planning
public enum HTMLReport {
    public static func render(_ projection: Projection) -> String { "" }
}
