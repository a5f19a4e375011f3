// The libxml2 struct accesses of ChorusParse (see include/CLibXML2Shim.h), each checked at
// compile time: the version range every assumption below was verified on, and the type of
// every field read or written. An upgrade outside the range stops the build here; re-check
// the assumptions marked ASSUMPTION (the tests named beside them pin their effect), then
// widen the range.
#include "CLibXML2Shim.h"

#include <libxml/xmlversion.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>
#include <libxml/dict.h>
#include <libxml/xmlmemory.h>
#include <stdlib.h>
#include <string.h>

#if !defined(LIBXML_VERSION) || LIBXML_VERSION < 20904 || LIBXML_VERSION >= 21000
#error "CLibXML2Shim was verified against libxml2 2.9.4-2.9.x: re-check each ASSUMPTION in shim.c (2.11 replaced xmlEntity.checked with flags; 2.12 made xmlError const in callbacks), then widen this range"
#endif

// A field has exactly the type the code below reads or writes through it.
#define CHORUS_FIELD_IS(type, field, T) _Generic(((type *)0)->field, T: 1, default: 0)

_Static_assert(CHORUS_FIELD_IS(xmlParserCtxt, instate, xmlParserInputState), "xmlParserCtxt.instate changed type");
_Static_assert(CHORUS_FIELD_IS(xmlParserCtxt, wellFormed, int), "xmlParserCtxt.wellFormed changed type");
_Static_assert(CHORUS_FIELD_IS(xmlParserCtxt, input, xmlParserInputPtr), "xmlParserCtxt.input changed type");
_Static_assert(CHORUS_FIELD_IS(xmlParserCtxt, sax, xmlSAXHandler *), "xmlParserCtxt.sax changed type");
_Static_assert(CHORUS_FIELD_IS(xmlParserCtxt, _private, void *), "xmlParserCtxt._private changed type");
_Static_assert(CHORUS_FIELD_IS(xmlParserCtxt, userData, void *), "xmlParserCtxt.userData changed type");
_Static_assert(CHORUS_FIELD_IS(xmlParserCtxt, dict, xmlDictPtr), "xmlParserCtxt.dict changed type");
_Static_assert(CHORUS_FIELD_IS(xmlParserInput, cur, const xmlChar *), "xmlParserInput.cur changed type");
_Static_assert(CHORUS_FIELD_IS(xmlParserInput, base, const xmlChar *), "xmlParserInput.base changed type");
_Static_assert(CHORUS_FIELD_IS(xmlEntity, type, xmlElementType), "xmlEntity.type changed type");
_Static_assert(CHORUS_FIELD_IS(xmlEntity, etype, xmlEntityType), "xmlEntity.etype changed type");
_Static_assert(CHORUS_FIELD_IS(xmlEntity, name, const xmlChar *), "xmlEntity.name changed type");
_Static_assert(CHORUS_FIELD_IS(xmlEntity, content, xmlChar *), "xmlEntity.content changed type");
_Static_assert(CHORUS_FIELD_IS(xmlEntity, length, int), "xmlEntity.length changed type");
_Static_assert(CHORUS_FIELD_IS(xmlEntity, checked, int), "xmlEntity.checked changed type (2.11: flags)");
_Static_assert(CHORUS_FIELD_IS(htmlEntityDesc, value, unsigned int), "htmlEntityDesc.value changed type");
_Static_assert(CHORUS_FIELD_IS(xmlError, level, xmlErrorLevel), "xmlError.level changed type");
_Static_assert(CHORUS_FIELD_IS(xmlError, code, int), "xmlError.code changed type");
_Static_assert(CHORUS_FIELD_IS(xmlError, line, int), "xmlError.line changed type");
_Static_assert(CHORUS_FIELD_IS(xmlError, message, char *), "xmlError.message changed type");
_Static_assert(CHORUS_FIELD_IS(xmlError, str1, char *), "xmlError.str1 changed type");
// xmlChar is a byte: the header's unsigned char pointers are libxml2's xmlChar pointers.
_Static_assert(sizeof(xmlChar) == 1 && (xmlChar)-1 > 0, "xmlChar is no longer an unsigned byte");

int chorus_xml_header_version(void) { return LIBXML_VERSION; }

int chorus_xml_runtime_version(void) { return atoi(xmlParserVersion); }

// ASSUMPTION: a getEntity callback asked while the parser reads an attribute value sees
// instate START_TAG (or ATTRIBUTE_VALUE). Pinned by AttributeReferenceTests.
int chorus_xml_ctxt_in_start_tag(const void *ctxt) {
    const xmlParserCtxt *c = ctxt;
    return c != NULL && (c->instate == XML_PARSER_START_TAG || c->instate == XML_PARSER_ATTRIBUTE_VALUE);
}

int chorus_xml_ctxt_in_content(const void *ctxt) {
    const xmlParserCtxt *c = ctxt;
    return c != NULL && c->instate == XML_PARSER_CONTENT;
}

// ASSUMPTION: in recover mode libxml2 stops inlining entities once wellFormed is 0, and
// setting it back to 1 (inside getEntity) keeps them inlined. Pinned by BrokenFeedTests.
void chorus_xml_ctxt_keep_inlining(void *ctxt) {
    xmlParserCtxt *c = ctxt;
    if (c != NULL) c->wellFormed = 1;
}

// ASSUMPTION: xmlParseEntityDecl (2.9.14) stores each general entity of a DTD in ctxt->myDoc
// "for expat compatibility" even in SAX mode, creating that document (version
// SAX_COMPAT_MODE) when there is none, and xmlFreeParserCtxt does not free it: the caller
// does, as xmllint does. Found by the xml fuzz target (Fuzz/regressions/xml/entity-decl-doc).
void chorus_xml_ctxt_free(void *ctxt) {
    xmlParserCtxt *c = ctxt;
    if (c == NULL) return;
    if (c->myDoc != NULL) {
        xmlFreeDoc(c->myDoc);
        c->myDoc = NULL;
    }
    xmlFreeParserCtxt(c);
}

// ASSUMPTION: when the error callback runs for XML_ERR_NAME_REQUIRED or
// XML_ERR_ENTITYREF_SEMICOL_MISSING, input->cur is just past the `&` or `&name` libxml2
// consumed. Pinned by BrokenFeedTests (bare `&`, `AT&T`, `&name` without `;`).
const unsigned char *chorus_xml_ctxt_input_position(const void *ctxt, const unsigned char **base) {
    const xmlParserCtxt *c = ctxt;
    *base = NULL;
    if (c == NULL || c->input == NULL || c->input->cur == NULL || c->input->base == NULL) return NULL;
    *base = c->input->base;
    return c->input->cur;
}

// ASSUMPTION: xmlParseChunk, after appending a chunk, runs xmlParseTryOrFinish, whose first
// act (2.9.14, read in its disassembly) is `if (cur - base > 4096) { xmlParserInputShrink(input);
// if (*cur == 0) xmlParserInputGrow(input, INPUT_CHUNK); checkIndex = 0; }`, and nothing else
// reads the buffer's layout. Doing the same before the append (only when xmlParseChunk would
// reach the parser: not at its start, not halted, SAX not disabled by an error) changes no
// parse: the next run finds cur - base <= 4096 and skips it. xmlBufShrink moved the whole
// unparsed buffer (the new 256 KiB chunk included): 8 M instructions in 8 MB of feed.
// Pinned by every streamed-parse test (the output of 1 MB+ documents is compared byte for byte).
_Static_assert(CHORUS_FIELD_IS(xmlParserCtxt, checkIndex, long), "xmlParserCtxt.checkIndex changed type");
_Static_assert(CHORUS_FIELD_IS(xmlParserCtxt, errNo, int), "xmlParserCtxt.errNo changed type");
_Static_assert(CHORUS_FIELD_IS(xmlParserCtxt, disableSAX, int), "xmlParserCtxt.disableSAX changed type");
_Static_assert(CHORUS_FIELD_IS(xmlParserInput, buf, xmlParserInputBufferPtr), "xmlParserInput.buf changed type");

void chorus_xml_ctxt_shrink_before_push(void *ctxt) {
    xmlParserCtxt *c = ctxt;
    if (c == NULL || c->input == NULL || c->input->buf == NULL || c->input->cur == NULL || c->input->base == NULL) return;
    if (c->instate == XML_PARSER_EOF || c->instate == XML_PARSER_START) return;
    if (c->errNo != XML_ERR_OK && c->disableSAX == 1) return;
    if (c->input->cur - c->input->base > 4096) {
        // (Its xmlParserInputGrow when the buffer is used up does nothing in a push parser,
        // which has no read callback: left out.)
        xmlParserInputShrink(c->input);
        c->checkIndex = 0;
    }
}

chorus_xml_error chorus_xml_error_read(const void *error) {
    const xmlError *e = error;
    chorus_xml_error out = {0, 0, 0, NULL, NULL};
    if (e == NULL) return out;
    out.is_warning = e->level == XML_ERR_WARNING;
    out.code = e->code;
    out.line = e->line;
    out.message = e->message;
    out.str1 = e->str1;
    return out;
}

// ASSUMPTION: an entity record with etype XML_INTERNAL_PREDEFINED_ENTITY returned by getEntity
// is inlined as character data from `content`/`length`, and nothing else is read from it.
// Pinned by the HTML named entity tests (HTMLEntityTests, SampleGoldenTests).
void *chorus_xml_entity_new_text(const unsigned char *name, const unsigned char *utf8, int length) {
    xmlEntity *e = xmlMalloc(sizeof(xmlEntity));
    if (e == NULL) return NULL;
    memset(e, 0, sizeof(xmlEntity));
    e->type = XML_ENTITY_DECL;
    e->etype = XML_INTERNAL_PREDEFINED_ENTITY;
    e->name = xmlStrdup(name);
    e->content = xmlStrndup(utf8, length);
    e->length = length;
    return e;
}

// ASSUMPTION: a general entity with no content and checked = 1 is copied into an attribute
// value as `&name;` (not substituted, not reported). Pinned by AttributeReferenceTests.
void *chorus_xml_entity_new_reference(const unsigned char *name) {
    xmlEntity *e = xmlMalloc(sizeof(xmlEntity));
    if (e == NULL) return NULL;
    memset(e, 0, sizeof(xmlEntity));
    e->type = XML_ENTITY_DECL;
    e->etype = XML_INTERNAL_GENERAL_ENTITY;
    e->name = xmlStrdup(name);
    e->checked = 1;
    return e;
}

void chorus_xml_entity_free(void *entity) {
    xmlEntity *e = entity;
    if (e == NULL) return;
    xmlFree((void *)e->name);
    xmlFree(e->content);
    xmlFree(e);
}

unsigned int chorus_xml_predefined_entity_char(const unsigned char *name) {
    xmlEntityPtr e = xmlGetPredefinedEntity(name);
    return e != NULL && e->content != NULL ? e->content[0] : 0;
}

unsigned int chorus_html_entity_value(const unsigned char *name) {
    const htmlEntityDesc *d = htmlEntityLookup(name);
    return d != NULL ? d->value : 0;
}

// ASSUMPTION: htmlNewParserCtxt allocates ctxt->sax (a whole xmlSAXHandler the context owns)
// and passes the context itself as the callbacks' ctx (userData), also after
// htmlCtxtReadMemory resets it. Pinned by HTMLTextTests.
void *chorus_html_ctxt_new(const void *sax, void *owner) {
    htmlParserCtxtPtr c = htmlNewParserCtxt();
    if (c == NULL) return NULL;
    if (c->sax == NULL || c->userData != c) {
        htmlFreeParserCtxt(c);
        return NULL;
    }
    memcpy(c->sax, sax, sizeof(xmlSAXHandler));
    c->_private = owner;
    return c;
}

void *chorus_html_ctxt_owner(void *ctx) {
    htmlParserCtxtPtr c = ctx;
    return c != NULL && c->userData == c ? c->_private : NULL;
}

// ASSUMPTION: the HTML parser interns every element name it reads in ctxt->dict, and names
// the `<p>` it implies around text outside any element with a string literal (2.9:
// htmlCheckParagraph). Pinned by HTMLTextTests ("text after an inline element at the top
// level stays on its line").
int chorus_html_name_is_implied(const void *ctx, const unsigned char *name) {
    const xmlParserCtxt *c = ctx;
    if (c == NULL || name == NULL || c->dict == NULL) return 0;
    return xmlDictOwns(c->dict, name) != 1;
}
