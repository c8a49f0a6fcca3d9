import Foundation

/// Scratch files and folders for tests, so that a test run leaves nothing in the temporary directory.
///
/// Every path handed out lives under one root folder per test process (`trailmeter-tests.XXXXXX` in
/// the temporary directory, which honours TMPDIR). The root goes, with all it holds, when the
/// process exits: a failed expectation or a thrown error cannot skip that, and fixtures built once
/// per process live until then. A process that never reaches its exit (a crash, a trap, ^C) leaves
/// its root behind; the next test process removes it, knowing its owner is gone because the owner's
/// lock on the root is free. Names below the root are unique (a UUID each), so tests running in
/// parallel never share a path, and child processes (the built `trailmeter`) may be given any of them.
public enum Scratch {
    /// The per-process root; made at first use.
    public static var root: URL { Root.shared.url }

    /// A new, empty folder named `<label>-<UUID>`.
    public static func directory(_ label: String) -> URL {
        let url = root.appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        return url
    }

    /// A path named `<UUID>-<name>` that does not exist yet, for a file or folder the code under test
    /// is to make (or to refuse to make). Its folder exists.
    public static func path(_ name: String) -> URL {
        root.appendingPathComponent("\(UUID().uuidString)-\(name)")
    }

    /// Runs `body` with a new folder (see `directory(_:)`) and removes the folder when `body` returns
    /// or throws: for tests whose files are large enough to be worth freeing before the process ends.
    public static func withDirectory<Result>(_ label: String, _ body: (URL) throws -> Result) rethrows -> Result {
        let url = directory(label)
        defer { remove(url) }
        return try body(url)
    }

    /// Removes `url` and everything below it, even folders a test left without write permission.
    static func remove(_ url: URL) {
        if (try? FileManager.default.removeItem(at: url)) != nil { return }
        makeFoldersWritable(url)
        try? FileManager.default.removeItem(at: url)
    }

    /// Gives the owner every right on `url` and the folders below it; symbolic links are not followed
    /// (a test's link may point anywhere).
    private static func makeFoldersWritable(_ url: URL) {
        let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
        guard type == .typeDirectory else { return }
        chmod(url.path, 0o700)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] {
            makeFoldersWritable(url.appendingPathComponent(name))
        }
    }
}

/// The root folder and the lock that tells other test processes its owner is alive.
private final class Root: Sendable {
    static let shared = Root()

    static let prefix = "trailmeter-tests."
    /// Held (flock) for the whole life of the process; only exists once locked, see `init`.
    static let ownerFile = ".owner"

    let url: URL

    private init() {
        let temporary = FileManager.default.temporaryDirectory
        Self.removeAbandoned(in: temporary)
        var template = Array(temporary.appendingPathComponent(Self.prefix + "XXXXXX").path.utf8CString)
        guard let made = mkdtemp(&template) else { fatalError("cannot make the tests' scratch folder: errno \(errno)") }
        url = URL(fileURLWithPath: String(cString: made), isDirectory: true)
        // Locked under another name, then renamed: a sweeping process never sees an unlocked `.owner`.
        let pending = url.appendingPathComponent(".owner-pending").path
        let descriptor = open(pending, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0, flock(descriptor, LOCK_EX) == 0,
            rename(pending, url.appendingPathComponent(Self.ownerFile).path) == 0
        else { fatalError("cannot lock the tests' scratch folder \(url.path): errno \(errno)") }
        // The descriptor stays open, and the lock held, until the process ends.
        atexit { Scratch.remove(Root.shared.url) }
    }

    /// Removes the roots of test processes that ended without removing theirs: a root whose owner
    /// file can be locked has no live owner. A root without an owner file yet is being made: skipped.
    private static func removeAbandoned(in temporary: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let folder = temporary.appendingPathComponent(name, isDirectory: true)
            let descriptor = open(folder.appendingPathComponent(ownerFile).path, O_RDWR | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { Scratch.remove(folder) }
        }
    }
}
