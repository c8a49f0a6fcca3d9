import Testing
import TrailMeterCore

@Suite struct ByteTextTests {
    @Test func abbreviatesInTheLargestUnitFilled() {
        #expect(ByteText.abbreviated(999) == "999 B")
        #expect(ByteText.abbreviated(1_926_172) == "1.93 MB")
        #expect(ByteText.abbreviated(1_500) == "1.50 kB")
        #expect(ByteText.abbreviated(1_500, style: .upper) == "1.50 KB")
        #expect(ByteText.abbreviated(2_000_000_000_000_000) == "2000.00 TB")
    }

    @Test func spellsEachStyle() {
        #expect(ByteMagnitude.kilobyte.symbol(.si) == "kB")
        #expect(ByteMagnitude.kilobyte.symbol(.binary) == "KiB")
        #expect(ByteMagnitude.terabyte.symbol(.upper) == "TB")
        #expect(ByteMagnitude.megabyte.bytes(binary: true) == 1_048_576)
    }

    @Test func splitsAUnitSuffixInAnyCase() throws {
        let (number, perUnit) = try #require(ByteText.splitDecimalUnit("40gb"))
        #expect(number == "40" && perUnit == 1_000_000_000)
        #expect(ByteText.splitDecimalUnit("40") == nil)
        #expect(ByteText.decimalMagnitude(for: 999) == nil)
    }
}
