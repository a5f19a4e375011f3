import ChorusModel
import ChorusParse
import Testing

/// Date forms real feeds publish beyond RFC 822 and ISO 8601: read when unambiguous, null otherwise.
@Suite("Loose date forms")
struct LooseDateFormTests {
    @Test(arguments: [
        ("2020/1/10 14:33:00", "2020-01-10T14:33:00Z"),
        ("2020/01/10", "2020-01-10T00:00:00Z"),
        ("2019.03.05 10:00", "2019-03-05T10:00:00Z"),
        ("2020-1-10T14:33:00+02:00", "2020-01-10T12:33:00Z"),
        ("25/12/2020 10:00", "2020-12-25T10:00:00Z"),
        ("12/25/2020 10:00 PM", "2020-12-25T22:00:00Z"),
        ("Tue, 10 Jun 2003 8:56 am PST", "2003-06-10T16:56:00Z"),
        ("Jun 10, 2003 8:56 am PST", "2003-06-10T16:56:00Z"),
        ("Tue, 10 Jun 2003 02:02:33 PM +0000", "2003-06-10T14:02:33Z"),
        ("10 Jun 2003 12:00 AM GMT", "2003-06-10T00:00:00Z"),
        ("March 5th, 2019", "2019-03-05T00:00:00Z"),
        ("1 Feb 2019 10:00:00 ART", "2019-02-01T13:00:00Z"),
        ("Sat, 20 Oct 2018 10:15:00 WEST", "2018-10-20T09:15:00Z"),
    ])
    func unambiguousFormsAreRead(_ text: String, _ expected: String) {
        #expect(DateParser.parse(text).map(RFC3339.format) == expected)
    }

    @Test(arguments: ["01/10/2020", "8:56 am PST", "2020/13/01", "Sun, 06 Dec 2026 21:18:36 Europe/Berlin", "5th", "13:00 PM 1 Jan 2020"])
    func ambiguousOrIncompleteFormsAreNull(_ text: String) {
        #expect(DateParser.parse(text) == nil)
    }
}
