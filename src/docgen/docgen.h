/* docgen — writes a finished document (document vocabulary,
 * urn:zorgdoc:doc:1) in the format a user asked for: PDF, PNG or SVG
 * through the layout engine and an output device; HTML or plain text
 * through templates/html.xsl and templates/text.xsl; or the document XML
 * itself. Every document command (privacy, dpa, register, invoice render)
 * ends here, so all formats behave the same. Files are written atomically.
 *
 * Ownership: docgen_write borrows its arguments. */
#ifndef ZORGDOC_DOCGEN_H
#define ZORGDOC_DOCGEN_H

#include <libxml/tree.h>

#include "../base/diag.h"
#include "../render/render.h"

typedef enum {
	DOCGEN_PDF,
	DOCGEN_PNG,
	DOCGEN_SVG,
	DOCGEN_HTML,
	DOCGEN_TEXT,
	DOCGEN_XML,
	DOCGEN__MAX
} docgen_format;

typedef struct {
	docgen_format format;
	const char *locale;        /* "nl" (default) or "en": words the page furniture needs */
	int html_fragment;         /* HTML: only an <article> block */
	const char *toc_title;     /* HTML: heading of the table of contents */
	const char *resource_dir;  /* where relative logo paths are resolved; NULL: cwd */
	render_device device;      /* PDF: cairo (default) or haru */
	const char *password;      /* PDF: AES-256 user password, or NULL */
	const render_attachment *attachments; /* PDF: files to embed (haru) */
	size_t nattachments;
	int fsio_flags;            /* PDF: FSIO_NOREPLACE, FSIO_NOSYNC (fsio.h); 0: replace, fsync */
} docgen_opts;

/* Returns the format for a path's extension (.pdf .png .svg .html .htm
 * .txt .xml), or DOCGEN__MAX. */
docgen_format docgen_format_from_path(const char *path);

/* Parses a format name ("pdf", "html", "txt"/"text", ...); DOCGEN__MAX if
 * unknown. */
docgen_format docgen_format_from_name(const char *name);

/* Writes doc to path in opt->format. Returns 0, or -1 with errors in d
 * (nothing is left at path). */
int docgen_write(xmlDocPtr doc, const docgen_opts *opt, const char *path, diag *d);

#endif
