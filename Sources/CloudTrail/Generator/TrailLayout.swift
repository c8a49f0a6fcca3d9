import TrailMeterCore

/// Where CloudTrail puts log files and when: the S3 key layout, five-minute delivery slots, and the
/// daily rhythm of each region.
enum TrailLayout {
    /// CloudTrail writes a file per account and region about every five minutes.
    static let slotSeconds: Int64 = 300
    static let slotsPerDay = Int(86_400 / slotSeconds)

    /// `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD`, the folder of the delivery date
    /// (`CloudTrail-Insight` for Insights events).
    static func folder(account: [UInt8], region: [UInt8], delivery: Int64, service: String = "CloudTrail") -> String {
        let date = CivilCalendar.date(daysSinceEpoch: Int(delivery / 86_400))
        return
            "AWSLogs/\(String(decoding: account, as: UTF8.self))/\(service)/\(String(decoding: region, as: UTF8.self))/"
            + "\(date.year)/\(pad(date.month))/\(pad(date.day))"
    }

    /// `<account>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<id>.json.gz`; the time is the delivery time.
    static func fileName(
        account: [UInt8], region: [UInt8], delivery: Int64, id: [UInt8], service: String = "CloudTrail"
    ) -> String {
        let date = CivilCalendar.date(daysSinceEpoch: Int(delivery / 86_400))
        let second = Int(delivery % 86_400)
        return "\(String(decoding: account, as: UTF8.self))_\(service)_\(String(decoding: region, as: UTF8.self))_"
            + "\(date.year)\(pad(date.month))\(pad(date.day))T\(pad(second / 3600))\(pad(second / 60 % 60))Z_"
            + "\(String(decoding: id, as: UTF8.self)).json.gz"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    /// Hours east of UTC where a region's users mostly work, from its name.
    static func utcOffset(region: String) -> Int {
        let prefixes: [(String, Int)] = [
            ("us-west", -8), ("us-gov-west", -8), ("us-", -5), ("ca-", -5), ("sa-", -3), ("eu-", 1), ("me-", 4),
            ("il-", 2), ("af-", 2), ("ap-south", 5), ("ap-northeast", 9), ("ap-southeast-2", 10), ("ap-", 8),
        ]
        return prefixes.first { region.hasPrefix($0.0) }?.1 ?? 0
    }

    /// Relative call volume by local hour: machines keep a floor all night, people add the day's peak.
    static let hourlyVolume: [Double] = [
        0.55, 0.50, 0.48, 0.48, 0.50, 0.55, 0.65, 0.80, 1.10, 1.50, 1.70, 1.75,
        1.55, 1.70, 1.75, 1.70, 1.55, 1.30, 1.00, 0.85, 0.75, 0.70, 0.65, 0.60,
    ]

    /// The volume weight of one slot in a region, interpolated between hours.
    static func slotWeight(slot: Int, utcOffset: Int) -> Double {
        let minutes = (slot * Int(slotSeconds / 60) + utcOffset * 60 + 24 * 60) % (24 * 60)
        let hour = minutes / 60
        let fraction = Double(minutes % 60) / 60
        return hourlyVolume[hour] * (1 - fraction) + hourlyVolume[(hour + 1) % 24] * fraction
    }

    /// Splits `total` events over cells in proportion to `weights`, exactly: floors first, then one
    /// more to the cells with the largest remainders (ties to the lower index), so the day's events
    /// add up to `total` on every platform.
    static func apportion(_ total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in 0 } }
        var counts = [Int](repeating: 0, count: weights.count)
        var remainders: [(Double, Int)] = []
        remainders.reserveCapacity(weights.count)
        var assigned = 0
        for (index, weight) in weights.enumerated() {
            let quota = Double(total) * weight / sum
            let whole = Int(quota)
            counts[index] = whole
            assigned += whole
            remainders.append((quota - Double(whole), index))
        }
        remainders.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        for position in 0..<(total - assigned) {
            counts[remainders[position % remainders.count].1] += 1
        }
        return counts
    }
}
