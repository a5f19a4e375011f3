import CLibXML2

/// Supplies the HTML named entities feeds use without declaring them (`&nbsp;`, `&eacute;`,
/// `&hellip;`, `&yuml;`, the whole HTML 4 set from libxml2's HTML entity table) to the XML
/// parser's `getEntity` callback. Each is handed back as a predefined entity, which libxml2
/// inlines as character data. The entity records are allocated on first use and freed in
/// deinit, which happens after the parser context that points at them is gone.
final class HTMLEntityTable {
    private var cache: [String: xmlEntityPtr] = [:]
    /// Entities handed out inside attribute values (see ``reference(_:)``).
    private var references: [String: xmlEntityPtr] = [:]

    deinit {
        for (_, entity) in references {
            chorus_xml_free(UnsafeMutableRawPointer(mutating: entity.pointee.name))
            entity.deallocate()
        }
        for (_, entity) in cache {
            chorus_xml_free(UnsafeMutableRawPointer(mutating: entity.pointee.name))
            chorus_xml_free(UnsafeMutableRawPointer(mutating: entity.pointee.content))
            entity.deallocate()
        }
    }

    /// The entity for `name`, or nil when HTML does not define it.
    func entity(_ name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        let key = String(cString: name)
        if let hit = cache[key] { return hit }
        guard let desc = htmlEntityLookup(name), let scalar = Unicode.Scalar(desc.pointee.value) else { return nil }
        let utf8 = Array(String(Character(scalar)).utf8)
        let entity = xmlEntityPtr.allocate(capacity: 1)
        entity.initialize(to: xmlEntity())
        entity.pointee.type = XML_ENTITY_DECL
        entity.pointee.etype = XML_INTERNAL_PREDEFINED_ENTITY
        entity.pointee.name = UnsafePointer(xmlStrdup(name))
        entity.pointee.content = utf8.withUnsafeBufferPointer { xmlStrndup($0.baseAddress, Int32($0.count)) }
        entity.pointee.length = Int32(utf8.count)
        cache[key] = entity
        return entity
    }

    /// An entity for `name` inside an attribute value: a general entity with no content that
    /// counts as checked, which libxml2 (not substituting entities) copies into the value as
    /// the text `&name;`. Handing it the predefined-style record of ``entity(_:)`` there would
    /// keep only the first byte of the character; ``AttributeValueDecoder`` decodes the
    /// reference instead, and keeps one to no known entity as it was written.
    func reference(_ name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        let key = String(cString: name)
        if let hit = references[key] { return hit }
        let entity = xmlEntityPtr.allocate(capacity: 1)
        entity.initialize(to: xmlEntity())
        entity.pointee.type = XML_ENTITY_DECL
        entity.pointee.etype = XML_INTERNAL_GENERAL_ENTITY
        entity.pointee.name = UnsafePointer(xmlStrdup(name))
        entity.pointee.checked = 1
        references[key] = entity
        return entity
    }
}
