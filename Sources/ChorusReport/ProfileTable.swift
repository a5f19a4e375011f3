/// Interns what many items share: the source (with its platform), the groups an item counts in
/// under the chosen grouping, and its reaction tags. Each distinct combination is one profile,
/// found from the raw bytes of the line without decoding strings, so a million items from a
/// few sources cost a dictionary lookup each.
struct ProfileTable {
    /// One distinct combination.
    struct Profile {
        var source: Int32
        var groups: [Int32]
        var tags: [Int32]
    }

    /// The group an item counts in when the grouping finds nothing (no keyword, no tag).
    static let noGroup = "(none)"

    let grouping: ReportOptions.Grouping
    private(set) var profiles: [Profile] = []
    private(set) var sources: [String] = []
    private(set) var sourcePlatforms: [String] = []
    private(set) var groups: [String] = []
    private(set) var tags: [String] = []
    private var sourceIndex: [String: Int32] = [:]
    private var groupIndex: [String: Int32] = [:]
    private var tagIndex: [String: Int32] = [:]
    private var lookup: [Signature: Int32] = [:]
    private var signature = Signature()

    /// The raw bytes naming a profile, hashed in one call rather than byte by byte.
    private struct Signature: Hashable {
        var bytes: [UInt8] = []

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    init(grouping: ReportOptions.Grouping) {
        self.grouping = grouping
    }

    /// The profile index of the record's source, groups and tags.
    mutating func profile(of record: ReportRecord, in line: UnsafeBufferPointer<UInt8>) -> Int32 {
        signature.bytes.removeAll(keepingCapacity: true)
        func add(_ range: JSONStringRange?, _ end: UInt8) {
            if let range { signature.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[range.start..<range.end])) }
            signature.bytes.append(end)
        }
        add(record.source, 0)
        add(record.platform, 0)
        if grouping == .keyword { for k in record.keywords { add(k, 1) } }
        signature.bytes.append(0)
        for t in record.tags { add(t, 1) }
        if let found = lookup[signature] { return found }
        let made = make(record, line)
        lookup[signature] = made
        return made
    }

    private mutating func make(_ record: ReportRecord, _ line: UnsafeBufferPointer<UInt8>) -> Int32 {
        let sourceName = record.source?.decode(in: line) ?? ""
        let platform = record.platform?.decode(in: line) ?? ""
        let source = Self.intern(sourceName, &sources, &sourceIndex)
        if sourcePlatforms.count < sources.count { sourcePlatforms.append(platform) }
        let tagIDs = Set(record.tags.map { $0.decode(in: line) }).sorted().map { Self.intern($0, &tags, &tagIndex) }
        var names: [String]
        switch grouping {
        case .source: names = [sourceName]
        case .platform: names = [platform]
        case .keyword: names = Set(record.keywords.map { $0.decode(in: line) }).sorted()
        case .tag: names = tagIDs.map { tags[Int($0)] }
        }
        if names.isEmpty { names = [Self.noGroup] }
        let groupIDs = names.map { Self.intern($0, &groups, &groupIndex) }
        profiles.append(Profile(source: source, groups: groupIDs, tags: tagIDs))
        return Int32(profiles.count - 1)
    }

    private static func intern(_ name: String, _ list: inout [String], _ index: inout [String: Int32]) -> Int32 {
        if let i = index[name] { return i }
        list.append(name)
        index[name] = Int32(list.count - 1)
        return Int32(list.count - 1)
    }
}
