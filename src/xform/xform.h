/* xform — runs zorgdoc's XSLT templates (the .xsl files in templates/, found in the data
 * directory) on an input document: the practice model → document XML,
 * document XML → HTML or text, invoice snapshot → document XML.
 *
 * Stylesheets are parsed once per process and cached (batches transform
 * thousands of invoices). Every template gets the parameters `locale`
 * (default "nl") and `today` (ISO date from SOURCE_DATE_EPOCH, else the
 * current date: templates must never call date:date-time()), plus any the
 * caller adds.
 *
 * Ownership: xform_apply returns a document the caller frees (xmlFreeDoc);
 * cached stylesheets belong to xform until xform_cleanup. */
#ifndef ZORGDOC_XFORM_H
#define ZORGDOC_XFORM_H

#include <libxml/tree.h>

#include "../base/buf.h"
#include "../base/diag.h"

/* Transforms `in` with templates/<name> (e.g. "privacy.xsl"). params is a
 * NULL-terminated list of name/value string pairs (values are passed as
 * strings, never as XPath), may be NULL. Returns the result or NULL with
 * errors in d. */
xmlDocPtr xform_apply(const char *name, xmlDocPtr in, const char **params, diag *d);

/* Like xform_apply, but serialises the result as the stylesheet's
 * xsl:output says (html, text, xml) and appends it to out. */
int xform_apply_to_buf(const char *name, xmlDocPtr in, const char **params, buf *out, diag *d);

/* The string `id` of locales/<locale>.xml in the form of address
 * `address` ("u", "je"; NULL: the locale's default), as plain text
 * (templates/locale-string.xsl), for the few words C hands to a device
 * (the HTML contents heading). Owned; NULL with errors in d. */
char *xform_locale_string(const char *locale, const char *address, const char *id, diag *d);

/* Writes today's date (YYYY-MM-DD, UTC) into out[11]: SOURCE_DATE_EPOCH
 * when set, else the clock. */
void xform_today(char out[11]);

/* Frees the stylesheet cache. */
void xform_cleanup(void);

#endif
