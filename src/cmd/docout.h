/* docout — what the document commands (privacy, dpa, register) share:
 * checking the --locale value, refusing a final document while the
 * practice has blocking legal findings (or marking it a draft), running
 * a template on a loaded practice, and writing the resulting document
 * with docgen in the format the output path's extension names (logo
 * paths resolved beside the practice file, the HTML table-of-contents
 * heading taken from the locale).
 *
 * Ownership: everything is borrowed; docout_transform returns a document
 * the caller frees with xmlFreeDoc. */
#ifndef ZORGDOC_CMD_DOCOUT_H
#define ZORGDOC_CMD_DOCOUT_H

#include <libxml/tree.h>

#include "../base/diag.h"
#include "../docgen/docgen.h"
#include "../practice/practice.h"

/* Returns 1 if locale names a shipped locale file (two lower-case
 * letters and locales/<locale>.xml exists), else 0. */
int docout_locale_ok(const char *locale);

/* The gate before a document is made: adds the practice's blocking lint
 * findings to d — as errors, or as warnings when draft is set — and
 * returns -1 (with a closing error naming cmd and --draft) when there
 * are any and draft is not set, else 0. */
int docout_gate(const practice *p, const char *cmd, int draft, diag *d);

/* Marks doc as a draft: adds meta/draft with the locale's words
 * ("CONCEPT — niet publiceren"), which the layout sets on every page,
 * html.xsl as a banner and text.xsl as the first line. Returns 0, or -1
 * with errors in d. */
int docout_mark_draft(xmlDocPtr doc, const char *locale, const char *address, diag *d);

/* Runs templates/<tmpl> on the practice with params (NULL-terminated
 * name/value pairs, may be NULL) plus locale and the practice's form of
 * address. Returns the document or NULL with errors in d. */
xmlDocPtr docout_transform(const practice *p, const char *tmpl, const char *locale,
    const char **params, diag *d);

/* Writes doc to path in format fmt (DOCGEN__MAX: from path's extension).
 * toc_id is the locale string id of the HTML table-of-contents heading.
 * Returns 0, or -1 with errors in d. */
int docout_write(const practice *p, xmlDocPtr doc, const char *locale, const char *toc_id,
    docgen_format fmt, const char *path, diag *d);

#endif
