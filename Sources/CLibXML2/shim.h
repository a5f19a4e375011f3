#ifndef CHORUS_CLIBXML2_SHIM_H
#define CHORUS_CLIBXML2_SHIM_H
/* Debian's libxml2 headers pull in ICU when LIBXML_ICU_ENABLED is set, and Foundation ships
 * its own ICU module: a Swift module seeing both fails with "'UErrorCode' has different
 * definitions in different modules". Chorus never touches the ICU converter fields, so the
 * flag is dropped before any other libxml2 header is read. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlreader.h>
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/xmlerror.h>
#include <libxml/uri.h>

/* xmlFree is a global function pointer, which Swift 6 treats as shared mutable state. */
static inline void chorus_xml_free(void *p) { xmlFree(p); }

#endif
