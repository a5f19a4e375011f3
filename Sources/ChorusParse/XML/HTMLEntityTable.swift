import CLibXML2
import CLibXML2Shim

/// Supplies the HTML named entities feeds use without declaring them (`&nbsp;`, `&eacute;`,
/// `&hellip;`, `&yuml;`, the whole HTML 4 set from libxml2's HTML entity table) to the XML
/// parser's `getEntity` callback. Each is handed back as a predefined entity, which libxml2
/// inlines as character data. The entity records are made (and their fields set) by
/// CLibXML2Shim on first use and freed in deinit, which happens after the parser context that
/// points at them is gone.
final class HTMLEntityTable {
    private var cache: [String: xmlEntityPtr] = [:]
    /// Entities handed out inside attribute values (see ``reference(_:)``).
    private var references: [String: xmlEntityPtr] = [:]

    deinit {
        for (_, entity) in references { chorus_xml_entity_free(entity) }
        for (_, entity) in cache { chorus_xml_entity_free(entity) }
    }

    /// The entity for `name`, or nil when HTML does not define it.
    func entity(_ name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        let key = String(cString: name)
        if let hit = cache[key] { return hit }
        let value = chorus_html_entity_value(name)
        guard value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        let utf8 = Array(String(Character(scalar)).utf8)
        let record = utf8.withUnsafeBufferPointer { chorus_xml_entity_new_text(name, $0.baseAddress, Int32($0.count)) }
        guard let entity = record?.assumingMemoryBound(to: xmlEntity.self) else { return nil }
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
        guard let entity = chorus_xml_entity_new_reference(name)?.assumingMemoryBound(to: xmlEntity.self) else { return nil }
        references[key] = entity
        return entity
    }
}
