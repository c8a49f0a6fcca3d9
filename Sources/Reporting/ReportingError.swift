/// Why a report could not be written. Every case names the path involved and what went wrong,
/// so the CLI can print it as is (and exit with EX_IOERR).
public enum ReportingError: Error, Equatable, CustomStringConvertible {
    /// The output path exists and is not a directory (a file, say); it is left untouched.
    case targetIsNotADirectory(path: String)
    /// The output directory exists and holds files a report does not write; replacing it would
    /// delete them, so it is left untouched.
    case targetHoldsOtherFiles(path: String, names: [String])
    /// A directory (the parent, or the temporary one) could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// A report file could not be written into the temporary directory.
    case cannotWriteFile(path: String, reason: String)
    /// A rename that puts the report in place (or moves the old one aside) failed.
    case cannotRename(from: String, to: String, reason: String)

    public var description: String {
        switch self {
        case .targetIsNotADirectory(let path):
            return "\(path): exists and is not a directory; no report written"
        case .targetHoldsOtherFiles(let path, let names):
            return "\(path): holds files a report does not write (\(names.joined(separator: ", "))); no report written"
        case .cannotCreateDirectory(let path, let reason):
            return "\(path): cannot create directory: \(reason)"
        case .cannotWriteFile(let path, let reason):
            return "\(path): cannot write: \(reason)"
        case .cannotRename(let from, let to, let reason):
            return "\(from) -> \(to): cannot rename: \(reason)"
        }
    }
}
