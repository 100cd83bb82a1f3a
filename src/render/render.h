/* render — paints a display list (src/layout/dlist.h) into a file with one
 * of the output devices: cairo (PDF, PNG per page, SVG), libharu (PDF with
 * embedded file attachments) and the text trace (tests). Protected PDFs
 * are encrypted with AES-256 (qpdf) after painting. Every file is written
 * atomically (src/base/fsio.h): on error nothing is left at `path`.
 *
 * What every PDF gets (cairo and haru alike): the title, subject, author,
 * keywords and creator of dl_meta; creation and modification dates fixed
 * by dl_meta.date, else $SOURCE_DATE_EPOCH, else 1970-01-01 (never the
 * clock), so the same display list gives the same bytes; the outline; link
 * areas (URI or named destination; a link to a missing destination is an
 * error); attachments (named by their file name unless told otherwise).
 * cairo PDFs with links, anchors or attachments, every haru PDF and every
 * protected PDF go through one qpdf rewrite (src/render/protect.c), which
 * repairs cairo 1.16's xref, libharu's ToUnicode maps and attachment
 * names, embeds the attachments cairo cannot, sets /Lang from
 * dl_meta.lang and writes a deterministic /ID (or
 * encrypts: AES-256, R6, print yes, modify no; such files differ on every
 * run). PNG is 8-bit RGB on white; SVG uses pt units.
 *
 * The fonts' PangoFonts must stay usable while render_write runs: keep
 * their font map alive (finalising it shuts its fonts down).
 *
 * Ownership: render_write borrows everything it is given. */
#ifndef ZORGDOC_RENDER_H
#define ZORGDOC_RENDER_H

#include <stddef.h>

#include "../base/diag.h"
#include "../layout/dlist.h"

typedef enum {
	RENDER_PDF,
	RENDER_PNG,   /* one file per page: OUT.png, or OUT-1.png, OUT-2.png ... */
	RENDER_SVG,   /* likewise one file per page */
	RENDER_TRACE, /* text: every drawing call, for tests */
	RENDER__MAX
} render_format;

typedef enum {
	RENDER_DEVICE_CAIRO,
	RENDER_DEVICE_HARU,
	RENDER_DEVICE__MAX
} render_device;

typedef struct {
	const char *path;   /* file to embed */
	const char *name;   /* name shown in the PDF; NULL: basename of path */
	const char *mime;   /* e.g. "application/xml"; may be NULL */
} render_attachment;

typedef struct {
	render_format format;
	render_device device;
	const char *password;               /* user password; NULL: not protected */
	const render_attachment *attachments; /* PDF only, either device */
	size_t nattachments;
	double png_dpi;                     /* 0: 96 */
	int fsio_flags;                     /* PDF: how the file is written (fsio.h:
	                                       FSIO_NOREPLACE, FSIO_NOSYNC); 0: replace,
	                                       fsync */
} render_opts;

/* Returns the format for a file name's extension (.pdf .png .svg .trace
 * .txt→trace), or RENDER__MAX when unknown. */
render_format render_format_from_path(const char *path);

/* Paints doc into path. Returns 0, or -1 with an error in d. */
int render_write(const dl_doc *doc, const render_opts *opt, const char *path, diag *d);

#endif
