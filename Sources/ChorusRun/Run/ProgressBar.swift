import Foundation

/// A one-line progress bar on stderr (sources done / total, items written), redrawn in place.
/// The command enables it only when stderr is a terminal, so cron and pipes never see it.
struct ProgressBar {
    let total: Int
    private var done = 0
    private let width = 30

    init(total: Int) {
        self.total = total
        draw(items: 0)
    }

    mutating func advance(items: Int) {
        done += 1
        draw(items: items)
    }

    /// Clears the line.
    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    private func draw(items: Int) {
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) sources, \(items) items".utf8))
    }
}
