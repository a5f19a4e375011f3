#ifndef CHORUS_CLIBXML2_SHIM_H
#define CHORUS_CLIBXML2_SHIM_H

// ChorusParse's only door to the inside of libxml2's structures (parser contexts, their
// input, entities, errors, HTML entity descriptions). Swift calls libxml2's functions through
// CLibXML2, but every read or write of a struct field happens here, in C, where shim.c checks
// at compile time each assumption it makes about those structures (field types, the version
// range they were verified on), so a libxml2 upgrade fails the build instead of silently
// changing output. This header uses plain C types only: Swift never sees libxml2's headers
// (and their ICU types) through it. Context, entity and error pointers are passed as void *
// and are exactly libxml2's xmlParserCtxtPtr / htmlParserCtxtPtr / xmlEntityPtr / xmlErrorPtr.

/// LIBXML_VERSION of the headers the shim was compiled against (e.g. 20914).
int chorus_xml_header_version(void);
/// The version of the libxml2 loaded at run time, in the same form.
int chorus_xml_runtime_version(void);

// MARK: XML push parser context

/// True while the parser is inside a start tag (reading an attribute value): where a
/// `getEntity` callback is asked about a reference inside an attribute.
int chorus_xml_ctxt_in_start_tag(const void *ctxt);
/// True while the parser is reading element content.
int chorus_xml_ctxt_in_content(const void *ctxt);
/// Marks the document well-formed again, which keeps libxml2 (recover mode) inlining
/// predefined and `getEntity` entities after an error.
void chorus_xml_ctxt_keep_inlining(void *ctxt);
/// Frees a push parser context and the document libxml2 made in it for a DTD's general
/// entities (in SAX mode too: `ctxt->myDoc`, which xmlFreeParserCtxt leaves).
void chorus_xml_ctxt_free(void *ctxt);
/// The parser's current position in its input buffer (the byte after what it consumed),
/// with the buffer's start in *base; NULL (and *base NULL) when there is no input.
const unsigned char *chorus_xml_ctxt_input_position(const void *ctxt, const unsigned char **base);
/// Does what xmlParseChunk would do first when it runs the parser next (drop the consumed
/// part of the input buffer, moving what is left to its start), but before the next chunk is
/// appended, so only the unparsed tail moves instead of that tail and the whole new chunk.
void chorus_xml_ctxt_shrink_before_push(void *ctxt);

// MARK: Errors

/// One libxml2 error in plain C types; the strings belong to the error (valid during the callback).
typedef struct chorus_xml_error {
    int is_warning;
    int code;
    int line;
    const char *message;
    const char *str1;
} chorus_xml_error;

/// The fields of an xmlError.
chorus_xml_error chorus_xml_error_read(const void *error);

// MARK: Entities

/// A predefined-style entity `name` whose replacement is the `length` UTF-8 bytes `utf8`:
/// libxml2 inlines it as character data. Free with chorus_xml_entity_free. NULL when out of memory.
void *chorus_xml_entity_new_text(const unsigned char *name, const unsigned char *utf8, int length);
/// A general entity `name` with no content that counts as checked: libxml2 (not substituting
/// entities) copies a reference to it into an attribute value as the text `&name;`.
void *chorus_xml_entity_new_reference(const unsigned char *name);
/// Frees an entity made by one of the two functions above (and its strings).
void chorus_xml_entity_free(void *entity);
/// The character of one of XML's five predefined entities (`amp`, `lt`, …), 0 for any other name.
unsigned int chorus_xml_predefined_entity_char(const unsigned char *name);
/// The code point of an HTML 4 named entity (libxml2's table), 0 when HTML does not define it.
unsigned int chorus_html_entity_value(const unsigned char *name);

// MARK: HTML parser context

/// A new HTML parser context whose SAX callbacks are a copy of `sax` (an xmlSAXHandler) and
/// whose callbacks find `owner` through chorus_html_ctxt_owner. NULL when out of memory.
/// Free with htmlFreeParserCtxt.
void *chorus_html_ctxt_new(const void *sax, void *owner);
/// The `owner` given to chorus_html_ctxt_new, from the `ctx` argument of an HTML SAX callback
/// (libxml2 passes the context itself); NULL when `ctx` is not such a context.
void *chorus_html_ctxt_owner(void *ctx);
/// True when `name`, given to an HTML SAX start or end callback, is an element libxml2
/// implied (the `<p>` it opens around text that is in no element) rather than one the
/// fragment holds: written names are interned in the context's dictionary, implied ones are not.
int chorus_html_name_is_implied(const void *ctx, const unsigned char *name);

#endif
