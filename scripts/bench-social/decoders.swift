// Decode-only comparison over the same saved responses: Chorus's JSONReader (compiled in from
// Sources/ChorusParse/Social/JSON), Foundation's JSONSerialization and JSONDecoder. Each
// visits the fields the Mastodon decoder reads. Prints one line per decoder: name seconds.
import Foundation

struct Account: Decodable { let acct: String?; let display_name: String?; let url: String? }
struct Tag: Decodable { let name: String }
struct Status: Decodable {
    let id: String; let uri: String; let url: String?; let created_at: String?; let content: String?
    let language: String?; let spoiler_text: String?; let in_reply_to_id: String?
    let replies_count: Int?; let reblogs_count: Int?; let favourites_count: Int?
    let account: Account?; let tags: [Tag]?; let reblog: Inner?
}
struct Inner: Decodable { let uri: String; let content: String? }

let files = CommandLine.arguments.dropFirst().map { [UInt8](FileManager.default.contents(atPath: $0) ?? Data()) }
let datas = files.map { Data($0) }

func time(_ name: String, _ body: () throws -> Int) rethrows {
    let start = DispatchTime.now().uptimeNanoseconds
    let n = try body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print(name, String(format: "%.3f", seconds), n)
}

try time("jsonreader") {
    var n = 0
    for bytes in files {
        let doc = try JSONReader.parse(bytes)
        for s in doc.root.elements {
            _ = try s.requiredString("id"); _ = try s.requiredString("uri"); _ = try s.string("url")
            _ = try s.string("created_at"); _ = try s.string("content"); _ = try s.string("language")
            _ = try s.string("spoiler_text"); _ = try s.string("in_reply_to_id")
            _ = try s.int("replies_count"); _ = try s.int("reblogs_count"); _ = try s.int("favourites_count")
            if let a = try s.object("account") { _ = try a.string("acct"); _ = try a.string("display_name"); _ = try a.string("url") }
            for t in try s.array("tags") ?? [] { _ = try t.string("name") }
            if let r = try s.object("reblog") { _ = try r.string("uri"); _ = try r.string("content") }
            n += 1
        }
    }
    return n
}
try time("jsonserialization") {
    var n = 0
    for data in datas {
        guard let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { continue }
        for s in list {
            _ = s["id"] as? String; _ = s["uri"] as? String; _ = s["url"] as? String; _ = s["created_at"] as? String
            _ = s["content"] as? String; _ = s["language"] as? String; _ = s["spoiler_text"] as? String
            _ = s["in_reply_to_id"] as? String; _ = s["replies_count"] as? Int; _ = s["reblogs_count"] as? Int
            _ = s["favourites_count"] as? Int
            if let a = s["account"] as? [String: Any] { _ = a["acct"] as? String; _ = a["display_name"] as? String; _ = a["url"] as? String }
            for t in s["tags"] as? [[String: Any]] ?? [] { _ = t["name"] as? String }
            if let r = s["reblog"] as? [String: Any] { _ = r["uri"] as? String; _ = r["content"] as? String }
            n += 1
        }
    }
    return n
}
try time("jsondecoder") {
    var n = 0
    let decoder = JSONDecoder()
    for data in datas { n += try decoder.decode([Status].self, from: data).count }
    return n
}
