import CLibXML2

/// The attributes of one SAX2 start tag (libxml2 passes five pointers per attribute:
/// localname, prefix, URI, value start, value end). Only valid during the callback.
struct XMLAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// The value of the attribute with this local name and no namespace (or, with `uri`, that
    /// namespace), with every entity and character reference decoded.
    func value(_ name: StaticString, uri: String? = nil) -> String? {
        raw(name, uri: uri).map(AttributeValueDecoder.decode)
    }

    /// The decoded value, and the value as Chorus read it before it decoded references in
    /// attributes (`&#38;` for `&amp;`) when that differs: the old form of ids built from it.
    func valueAndFormer(_ name: StaticString, uri: String? = nil) -> (value: String, former: String?)? {
        guard let bytes = raw(name, uri: uri) else { return nil }
        return (AttributeValueDecoder.decode(bytes), AttributeValueDecoder.former(bytes))
    }

    /// The attribute's bytes as libxml2 passed them (valid during the callback only).
    private func raw(_ name: StaticString, uri: String?) -> UnsafeBufferPointer<UInt8>? {
        guard let base, count > 0 else { return nil }
        for i in 0..<count {
            let p = base + i * 5
            guard let local = p[0], XMLAttributes.equal(local, name) else { continue }
            let attrURI = p[2]
            if let uri {
                guard let attrURI, String(cString: attrURI) == uri else { continue }
            } else if attrURI != nil {
                continue
            }
            guard let start = p[3], let end = p[4] else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// `xml:base` or `xml:lang` (namespace matched by URI).
    func xml(_ name: StaticString) -> String? {
        guard count > 0 else { return nil }
        return value(name, uri: XMLAttributes.xmlNamespace)
    }

    static func equal(_ a: UnsafePointer<xmlChar>, _ b: StaticString) -> Bool {
        let n = b.utf8CodeUnitCount
        let s = b.utf8Start
        for i in 0..<n where a[i] != s[i] { return false }
        return a[n] == 0
    }
}
