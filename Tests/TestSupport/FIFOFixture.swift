import Foundation

/// FIFOs for tests that check a FIFO is refused without being opened.
public enum FIFOFixture {
    /// Makes a FIFO at `path`. Should the code under test open it for reading after all, a writer
    /// comes by after `seconds` so that the test fails rather than hangs.
    public static func make(at path: String, unblockAfter seconds: Double) -> Bool {
        guard mkfifo(path, 0o600) == 0 else { return false }
        let unblock = Thread {
            Thread.sleep(forTimeInterval: seconds)
            let descriptor = open(path, O_WRONLY | O_NONBLOCK)
            if descriptor >= 0 { close(descriptor) }
        }
        unblock.start()
        return true
    }
}
