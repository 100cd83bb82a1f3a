/* device — the output devices behind render_write (render.h), internal to
 * src/render. Each paints a whole display list into memory; render.c
 * decides what to do with the bytes (qpdf repair, encryption, atomic
 * write). Nothing here touches the file system except reading attachment
 * files and font files.
 *
 * Ownership: out buffers are the caller's (appended to; free with
 * buf_free). Every function returns 0, or -1 with an error in d. */
#ifndef ZORGDOC_RENDER_DEVICE_H
#define ZORGDOC_RENDER_DEVICE_H

#include <time.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../layout/dlist.h"
#include "render.h"

#define RENDER_MAX_ATTACHMENT (64u << 20) /* bytes per attached file */

/* Returns the time that fixes a document's dates: dl_meta.date when it
 * parses ("YYYY-MM-DD" with an optional "THH:MM[:SS]"), else
 * $SOURCE_DATE_EPOCH, else 0 (1970-01-01): never the current time. */
time_t render_doc_time(const dl_doc *doc);

/* Returns 1 if any page has a link or anchor op. */
int render_doc_has_links(const dl_doc *doc);

/* cairo PDF: embedded subset fonts, extractable text, metadata, outline,
 * links and named destinations. Output is not yet repaired (see
 * render_qpdf_rewrite when render_doc_has_links). */
int render_cairo_pdf(const dl_doc *doc, buf *out, diag *d);
/* cairo PNG of one page (0-based) at dpi (white background). */
int render_cairo_png(const dl_doc *doc, size_t page, double dpi, buf *out, diag *d);
/* cairo SVG of one page (0-based), units pt. */
int render_cairo_svg(const dl_doc *doc, size_t page, buf *out, diag *d);

/* libharu PDF: the same pages, links and outline, plus the attachments of
 * opt (read from their paths). Never encrypted here. */
int render_haru_pdf(const dl_doc *doc, const render_opts *opt, buf *out, diag *d);

/* What the qpdf pass does to a finished PDF. */
typedef struct {
	const char *lang;        /* sets the catalog's /Lang when not NULL */
	const char *password;    /* encrypt: AES-256 (R6), print yes, modify
	                          * no, random owner password; NULL: plain,
	                          * with a deterministic /ID */
	int haru;                /* repair libharu 2.3's output: ToUnicode
	                          * maps, attachment file specifications */
	const render_attachment *attachments; /* haru: names and types for
	                          * the files it embedded; else the files
	                          * to read and embed */
	size_t nattachments;
	time_t date;             /* attachments' /ModDate */
} render_qpdf_opts;

/* Rewrites pdf in place through qpdf, which also repairs the
 * cross-reference table that cairo 1.16 damages when link tags are
 * used. Encrypted output differs on every run (random salts). */
int render_qpdf_rewrite(buf *pdf, const render_qpdf_opts *o, diag *d);

#endif
