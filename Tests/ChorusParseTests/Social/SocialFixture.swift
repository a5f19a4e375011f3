import Foundation
import ChorusParse
import ChorusTestSupport

/// Loads the sample API responses under Samples/social for the decoder tests.
enum SocialFixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: RepoPaths.samples.appendingPathComponent("social/\(name)")))
    }

    static func context(_ source: String = "zte-test") -> ParseContext {
        ParseContext(source: source, fetchedAt: Date(timeIntervalSince1970: 1_526_300_000))
    }

    /// Seconds since 1970 for a UTC `YYYY-MM-DDTHH:MM:SS`.
    static func date(_ text: String) -> Date {
        var parts = DateComponents()
        let n = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        parts.year = n[0]; parts.month = n[1]; parts.day = n[2]
        parts.hour = n[3]; parts.minute = n[4]; parts.second = n[5]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: parts)!
    }
}
