import Testing
import TrailMeterCore

@Suite struct CivilCalendarTests {
    @Test func roundTripsAcrossEraAndLeapBoundaries() {
        for days in [-719_468, -1, 0, 1, 10_956, 11_016, 20_000, 2_932_896] {
            let date = CivilCalendar.date(daysSinceEpoch: days)
            #expect(CivilCalendar.daysSinceEpoch(year: date.year, month: date.month, day: date.day) == days)
        }
        #expect(CivilCalendar.date(daysSinceEpoch: 0) == (1970, 1, 1))
        #expect(CivilCalendar.date(daysSinceEpoch: 11_016) == (2000, 2, 29))
    }

    @Test func knowsMonthLengths() {
        #expect(CivilCalendar.daysIn(month: 2, year: 2024) == 29)
        #expect(CivilCalendar.daysIn(month: 2, year: 1900) == 28)
        #expect(CivilCalendar.daysIn(month: 2, year: 2000) == 29)
        #expect(CivilCalendar.daysIn(month: 4, year: 2026) == 30)
        #expect(CivilCalendar.zeroPadded(7, width: 4) == "0007")
    }
}
