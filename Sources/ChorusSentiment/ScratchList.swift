/// A list of plain values in a block of memory of its own, for the scanner's per-text lists
/// (tokens and their index lists). An append is a capacity test and a store, without the
/// uniqueness check an `Array` makes on every append, and `append(_:if:)` stores without a
/// branch on the condition (the scanner's conditions change from word to word, so a branch
/// on them is often mispredicted).
///
/// Copies share the block until one of them clears: `clear()` (the start of every scan)
/// takes a fresh block when the current one is shared, so a copied `SentimentSession` never
/// writes into another's lists.
struct ScratchList<Element: BitwiseCopyable> {
    /// The memory; freed when the last list using it goes.
    private final class Block {
        let base: UnsafeMutablePointer<Element>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }

        deinit { base.deallocate() }
    }

    private var block: Block
    private(set) var count = 0

    init(capacity: Int = 64) {
        block = Block(capacity: max(capacity, 1))
    }

    var isEmpty: Bool { count == 0 }

    /// The last element, if any.
    var last: Element? { count > 0 ? block.base[count - 1] : nil }

    /// Empties the list, keeping its block unless another copy shares it.
    @inline(__always)
    mutating func clear() {
        count = 0
        if !isKnownUniquelyReferenced(&block) { block = Block(capacity: block.capacity) }
    }

    @inline(__always)
    mutating func append(_ x: Element) {
        if count == block.capacity { grow() }
        block.base[count] = x
        count += 1
    }

    /// Appends `x` when `condition` holds: the value is stored either way (in the spare slot
    /// past the end) and the count moves by the condition.
    @inline(__always)
    mutating func append(_ x: Element, if condition: Bool) {
        if count == block.capacity { grow() }
        block.base[count] = x
        count &+= condition ? 1 : 0
    }

    private mutating func grow() {
        let bigger = Block(capacity: block.capacity * 2)
        bigger.base.update(from: block.base, count: count)
        block = bigger
    }

    /// Makes the list `n` copies of `value` (a fresh block when shared or too small).
    mutating func reset(count n: Int, to value: Element) {
        count = 0
        if n > block.capacity || !isKnownUniquelyReferenced(&block) {
            var c = block.capacity
            while c < n { c *= 2 }
            block = Block(capacity: c)
        }
        block.base.update(repeating: value, count: n)
        count = n
    }

    /// The element at `i` (checked against `count`); set writes in place, without the
    /// uniqueness check of an `Array` (the block is unshared since the last `clear` or `reset`).
    @inline(__always)
    subscript(i: Int) -> Element {
        get {
            precondition(i >= 0 && i < count, "ScratchList index out of range")
            return block.base[i]
        }
        set {
            precondition(i >= 0 && i < count, "ScratchList index out of range")
            block.base[i] = newValue
        }
    }

    /// Calls `body` with the elements in place.
    @inline(__always)
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try withExtendedLifetime(block) { try body(UnsafeBufferPointer(start: block.base, count: count)) }
    }
}
