/* xmlsafe — the one hardened way zorgdoc parses XML and runs XSLT.
 *
 * Follows ../shared/SECURITY.md: files are read with a size cap and parsed
 * from memory with XML_PARSE_NONET and never NOENT/DTDLOAD/XINCLUDE/HUGE;
 * a document with a DOCTYPE is refused; the external entity loader and the
 * XSLT document loader only read files under the data directory (shipped
 * templates, locales, schemas); XSLT may not write files, create
 * directories or touch the network; transforms have a template depth and
 * operation limit. Templates get two extension functions, zd:entry and
 * zd:text-colour (see XMLSAFE_XSLT_NS). libxml2's own messages are never shown (they can quote
 * the input): errors become diag items with a message of our own.
 *
 * Ownership: returned xmlDoc / xsltStylesheet objects belong to the caller
 * (xmlFreeDoc / xsltFreeStylesheet). */
#ifndef ZORGDOC_XMLSAFE_H
#define ZORGDOC_XMLSAFE_H

#include <stddef.h>

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "diag.h"

/* Largest XML file zorgdoc reads: 4 MiB (a practice file is ~30 KiB). */
#define XMLSAFE_MAX_BYTES (4u * 1024u * 1024u)

/* The namespace of zorgdoc's XSLT extension functions:
 * zd:entry(set, id), the child element of set's first node whose id
 * attribute is id (set[1]/child::*[@id = id][1]), indexed for the locales;
 * zd:text-colour('#rrggbb'), the shade of a brand colour that text in it
 * needs against white (src/base/colour.h). */
#define XMLSAFE_XSLT_NS "urn:zorgdoc:xslt:1"

/* Sets up libxml2/libxslt once per process. `datadir` is the directory
 * whose files (templates, locales, schema) XSLT and the entity loader may
 * read. Returns 0 or -1 with an error. */
int xmlsafe_init(const char *datadir, diag *d);
/* Releases what xmlsafe_init set up (for leak checkers). */
void xmlsafe_cleanup(void);

/* Parses a file safely; NULL with errors (file:line:col) in d. */
xmlDocPtr xmlsafe_read_file(const char *path, diag *d);
/* Parses a buffer safely; `name` is used in messages. */
xmlDocPtr xmlsafe_read_memory(const char *data, size_t len, const char *name, diag *d);

/* Loads a stylesheet (which must lie under the data directory). */
xsltStylesheetPtr xmlsafe_stylesheet_load(const char *path, diag *d);
/* Runs a transform. params: NULL-terminated name/value pairs of plain
 * strings (quoted for XPath here). `name` labels errors. */
xmlDocPtr xmlsafe_transform(xsltStylesheetPtr ss, xmlDocPtr doc,
    const char **params, const char *name, diag *d);

/* Collects libxml2 structured errors (e.g. from RELAX NG validation) into
 * d while active; the callback gets each error to phrase it safely.
 * Use: xmlsafe_capture_begin(d, fn, ud); ...; xmlsafe_capture_end(). */
typedef void (*xmlsafe_error_fn)(void *ud, diag *d, const xmlError *err);
void xmlsafe_capture_begin(diag *d, xmlsafe_error_fn fn, void *ud);
void xmlsafe_capture_end(void);

/* A message of our own for a libxml2 parser error code (never quotes the
 * input). */
const char *xmlsafe_parser_message(int code);

#endif
