/// A small open-addressing map from pairs of interned C-string addresses (libxml2 dictionary
/// names: local name and namespace URI) to what Chorus derived from them, so each element costs one multiply and a compare instead
/// of hashing. Grows when half full; never removes.
struct PointerCache<Value> {
    private var keys: [UInt]
    private var keys2: [UInt]
    private var values: [Value?]
    private var used = 0
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: 0, count: size)
        keys2 = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
    }

    @inline(__always) private func slot(_ key: UInt, _ key2: UInt) -> Int {
        Int(truncatingIfNeeded: ((key ^ (key2 &* 31)) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// The value stored for the address pair (`key` must not be 0), if any.
    @inline(__always) func value(_ key: UInt, _ key2: UInt = 0) -> Value? {
        var i = slot(key, key2)
        while true {
            let k = keys[i]
            if k == key && keys2[i] == key2 { return values[i] }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ key: UInt, _ key2: UInt = 0, _ value: Value) {
        if (used + 1) * 2 > keys.count { grow() }
        var i = slot(key, key2)
        while keys[i] != 0 && !(keys[i] == key && keys2[i] == key2) { i = (i + 1) & mask }
        if keys[i] == 0 { used += 1 }
        keys[i] = key
        keys2[i] = key2
        values[i] = value
    }

    private mutating func grow() {
        let oldKeys = keys, oldKeys2 = keys2, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        keys2 = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: oldKeys.count * 2)
        mask = keys.count - 1
        used = 0
        for i in oldKeys.indices where oldKeys[i] != 0 {
            if let v = oldValues[i] { insert(oldKeys[i], oldKeys2[i], v) }
        }
    }
}
