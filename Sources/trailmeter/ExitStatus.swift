import ArgumentParser
import CloudTrail
import Foundation
import Metering
import Planning
import Pricing
import Reporting
import TrailStore

/// Every exit code the CLI ends with, decided here from the modules' errors (sysexits(3), as
/// ARCHITECTURE §7 asks). The README's table lists the same codes.
enum ExitStatus {
    /// A malformed command line (ArgumentParser's own validation errors end with it too).
    static let usage = ExitCode(64)
    /// Input that is not what it should be: not a store, bad SQL, a bad scenario or pricing table,
    /// log files that could not be read.
    static let dataError = ExitCode(65)
    /// TrailMeter disagreed with itself: `query --verify` found the layouts differing, or SQLite
    /// refused TrailMeter's own set-up.
    static let internalError = ExitCode(70)
    /// A file could not be read or written.
    static let ioError = ExitCode(74)
    /// The store is busy: another ingest holds its writer lock. Trying again later can succeed.
    static let busy = ExitCode(75)
    /// Ctrl-C stopped the run.
    static let interrupted = ExitCode(130)

    /// The code a module error ends the process with.
    static func code(for error: any Error) -> ExitCode {
        switch error {
        case let error as TrailStoreError: return code(for: error)
        case let error as MeteringError: return code(for: error)
        case let error as PlanningError: return code(for: error)
        case let error as PricingError: return code(for: error)
        case is SampleTrailError, is ReportingError: return ioError
        case is LogFileError: return dataError
        default: return internalError
        }
    }

    private static func code(for error: TrailStoreError) -> ExitCode {
        switch error {
        case .database, .hotJournal: return ioError
        case .busy: return busy
        case .notAStore, .settingsMismatch, .corruptChunk, .invalidSetting, .damaged, .unreadableListing:
            return dataError
        }
    }

    private static func code(for error: MeteringError) -> ExitCode {
        switch error {
        case .storeFile(let cause): return code(for: cause)
        case .query, .queryInDetectedDialect, .corruptChunk, .limitExceeded: return dataError
        case .store, .rawFile: return ioError
        case .engine, .verificationFailed: return internalError
        }
    }

    private static func code(for error: PlanningError) -> ExitCode {
        switch error {
        case .unreadable, .sample: return ioError
        case .syntax, .invalidField, .unknownField, .missingField, .invalidOption, .invalidHistory, .emptySample:
            return dataError
        case .sampleStore(_, let cause): return code(for: cause)
        case .queryFailed(_, _, let cause), .historyQueryStopped(_, _, let cause): return code(for: cause)
        case .pricing(_, let cause): return code(for: cause)
        }
    }

    private static func code(for error: PricingError) -> ExitCode {
        switch error {
        case .io: return ioError
        case .invalidTables, .noRate, .unpublishedRate, .usageDoesNotMatchUnit, .invalidOfferFile, .unknownCurrency:
            return dataError
        }
    }
}

/// Runs a command body; a module error is printed to stderr, one `error:` line per line of its
/// message, and ends the process with `ExitStatus.code(for:)`. ArgumentParser's own errors and
/// exit codes pass through.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        let lines = "\(error)".split(separator: "\n")
        printError(lines.map { "error: \($0)" }.joined(separator: "\n"))
        throw ExitStatus.code(for: error)
    }
}
