/// A list of plain values in a block of memory of its own, for the scanner's per-text lists
/// (tokens and their index lists). An append is a capacity test and a store, without the
/// uniqueness check an `Array` makes on every append, and `append(_:if:)` stores without a
/// branch on the condition (the scanner's conditions change from word to word, so a branch
/// on them is often mispredicted).
///
/// `~Copyable`: the list owns its block and frees it in `deinit`; the compiler refuses a copy,
/// so no two lists (or two copies of a `SentimentSession`) ever share one.
struct ScratchList<Element: BitwiseCopyable>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    /// The last element, if any.
    var last: Element? { count > 0 ? base[count - 1] : nil }

    /// Empties the list, keeping its block.
    @inline(__always)
    mutating func clear() {
        count = 0
    }

    @inline(__always)
    mutating func append(_ x: Element) {
        if count == capacity { grow(to: capacity * 2) }
        base[count] = x
        count += 1
    }

    /// Appends `x` when `condition` holds: the value is stored either way (in the spare slot
    /// past the end) and the count moves by the condition.
    @inline(__always)
    mutating func append(_ x: Element, if condition: Bool) {
        if count == capacity { grow(to: capacity * 2) }
        base[count] = x
        count &+= condition ? 1 : 0
    }

    /// Moves the elements to a block of `size` (at least `count`).
    private mutating func grow(to size: Int) {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: size)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = size
    }

    /// Makes the list `n` copies of `value` (a larger block when too small).
    mutating func reset(count n: Int, to value: Element) {
        count = 0
        if n > capacity {
            var c = capacity
            while c < n { c *= 2 }
            grow(to: c)
        }
        base.update(repeating: value, count: n)
        count = n
    }

    /// The element at `i` (checked against `count`); set writes in place.
    @inline(__always)
    subscript(i: Int) -> Element {
        get {
            precondition(i >= 0 && i < count, "ScratchList index out of range")
            return base[i]
        }
        set {
            precondition(i >= 0 && i < count, "ScratchList index out of range")
            base[i] = newValue
        }
    }

    /// The elements as an array (for the public, per-call APIs; the hot paths read in place).
    var array: [Element] { withUnsafeBufferPointer { Array($0) } }

    /// Removes the elements for which `remove` holds, keeping the others in order.
    mutating func removeAll(where remove: (Element) -> Bool) {
        var kept = 0
        for i in 0..<count where !remove(base[i]) {
            base[kept] = base[i]
            kept += 1
        }
        count = kept
    }

    /// Calls `body` with the elements in place.
    @inline(__always)
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }
}

extension ScratchList where Element: Equatable {
    /// Whether `x` is one of the elements.
    func contains(_ x: Element) -> Bool {
        for i in 0..<count where base[i] == x { return true }
        return false
    }
}
