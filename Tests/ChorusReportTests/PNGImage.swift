import ChorusOutput
import Foundation

/// Just enough of PNG (8-bit RGB or RGBA, not interlaced: what Chromium's screenshots are) to
/// look at a screenshot's pixels: the header, the IDAT stream inflated, the row filters undone.
struct PNGImage {
    let width: Int
    let height: Int
    /// Bytes per pixel (3 or 4).
    let channels: Int
    /// Unfiltered rows, `width * channels` bytes each.
    let pixels: [UInt8]

    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    init(contentsOf url: URL) throws {
        let data = [UInt8](try Data(contentsOf: url))
        guard data.count > 33, data[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw Unsupported(description: "not a PNG")
        }
        func u32(_ at: Int) -> Int { Int(data[at]) << 24 | Int(data[at + 1]) << 16 | Int(data[at + 2]) << 8 | Int(data[at + 3]) }
        var at = 8
        var idat: [UInt8] = []
        var header: (w: Int, h: Int, depth: UInt8, color: UInt8, interlace: UInt8)?
        while at + 8 <= data.count {
            let length = u32(at)
            let type = String(decoding: data[(at + 4)..<(at + 8)], as: UTF8.self)
            let body = (at + 8)..<min(data.count, at + 8 + length)
            if type == "IHDR" { header = (u32(body.lowerBound), u32(body.lowerBound + 4), data[body.lowerBound + 8], data[body.lowerBound + 9], data[body.lowerBound + 12]) }
            if type == "IDAT" { idat += data[body] }
            if type == "IEND" { break }
            at += 12 + length
        }
        guard let header, header.depth == 8, header.color == 2 || header.color == 6, header.interlace == 0 else {
            throw Unsupported(description: "only 8-bit RGB/RGBA non-interlaced PNGs are read")
        }
        width = header.w
        height = header.h
        channels = header.color == 6 ? 4 : 3
        var raw: [UInt8] = []
        let inflater = try GzipInflater(name: "png")
        try idat.withUnsafeBufferPointer { try inflater.inflate($0) { raw.append(contentsOf: $0) } }
        pixels = try Self.unfilter(raw, width: width, height: height, bpp: channels)
    }

    /// Undoes the per-row filters (None, Sub, Up, Average, Paeth).
    private static func unfilter(_ raw: [UInt8], width: Int, height: Int, bpp: Int) throws -> [UInt8] {
        let stride = width * bpp
        guard raw.count >= height * (stride + 1) else { throw Unsupported(description: "short image data") }
        var out = [UInt8](repeating: 0, count: height * stride)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            let src = y * (stride + 1) + 1
            for x in 0..<stride {
                let a = x >= bpp ? Int(out[y * stride + x - bpp]) : 0
                let b = y > 0 ? Int(out[(y - 1) * stride + x]) : 0
                let c = x >= bpp && y > 0 ? Int(out[(y - 1) * stride + x - bpp]) : 0
                let v = Int(raw[src + x])
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw Unsupported(description: "bad filter \(filter)")
                }
                out[y * stride + x] = UInt8((v + predicted) & 0xFF)
            }
        }
        return out
    }

    /// The pixel at (x, y) as 0xRRGGBB.
    func rgb(_ x: Int, _ y: Int) -> UInt32 {
        let i = (y * width + x) * channels
        return UInt32(pixels[i]) << 16 | UInt32(pixels[i + 1]) << 8 | UInt32(pixels[i + 2])
    }

    /// How many pixels have each colour.
    func histogram() -> [UInt32: Int] {
        var counts: [UInt32: Int] = [:]
        for y in 0..<height {
            for x in 0..<width { counts[rgb(x, y), default: 0] += 1 }
        }
        return counts
    }
}
