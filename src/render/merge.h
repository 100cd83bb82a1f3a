/* merge — joins finished PDF files into one (the accountant's copy of a
 * batch of zorgnota's), and tells a complete PDF from a damaged one.
 *
 * The merged file is written as a stream: one source is read at a time
 * (libqpdf, lazily), its page and everything the page uses are copied
 * object by object (stream data as it is, never decompressed), and the
 * source is closed before the next one. Memory does not grow with the
 * number of files beyond a few bytes per object for the cross-reference
 * table. The output is deterministic: its trailer /ID is the 32-byte
 * identity the caller gives (a hash of the inputs), which is also how a
 * rerun sees that the merged file is up to date without reading the
 * sources (render_pdf_id_matches).
 *
 * Outlines, named destinations and document-level metadata of the sources
 * are not carried over; pages, their resources and annotations are. The
 * merged file gets its own: a title (shown by viewers instead of the file
 * name), a language, and one bookmark per source at its first page.
 *
 * Ownership: everything is borrowed. */
#ifndef ZORGDOC_RENDER_MERGE_H
#define ZORGDOC_RENDER_MERGE_H

#include <stddef.h>

#include "../base/diag.h"

#define RENDER_PDF_ID_BYTES 32

/* What the merged file says about itself (every member may be NULL). */
typedef struct {
	const char *title;              /* UTF-8: the document title (/Info /Title) */
	const char *lang;               /* e.g. "nl": the catalog's /Lang */
	const char *const *bookmarks;   /* UTF-8, one per source: the title of the
	                                   bookmark at its first page (an entry
	                                   NULL: no bookmark for that source) */
} render_pdf_meta;

/* Writes one PDF with every page of paths[0..n), in order, to out
 * atomically (temp file, fsync, rename), with meta's title, language and
 * bookmarks (meta NULL: none). Protected sources are read with
 * passwords[i] (passwords NULL, or an entry NULL: none); the merged file
 * itself is not protected. Returns 0, or -1 with an error in d naming the
 * file that failed (nothing is left at out then). */
int render_pdf_merge_file(const char *const *paths, const char *const *passwords, size_t n,
    const render_pdf_meta *meta, const unsigned char id[RENDER_PDF_ID_BYTES], const char *out,
    diag *d);

/* 1 when path is a complete PDF whose trailer /ID is id, else 0. Reads
 * only the end of the file. */
int render_pdf_id_matches(const char *path, const unsigned char id[RENDER_PDF_ID_BYTES]);

typedef enum {
	RENDER_PDF_MISSING,   /* no such file */
	RENDER_PDF_COMPLETE,  /* %PDF- header, startxref pointing at a
	                         cross-reference section, %%EOF at the end */
	RENDER_PDF_DAMAGED,   /* empty, NUL bytes where the header should be,
	                         or a PDF header without a complete end: what a
	                         crash before the data reached the disk leaves */
	RENDER_PDF_FOREIGN,   /* something else: not ours to replace */
	RENDER_PDF__MAX
} render_pdf_state;

/* Classifies the file at path by its first and last bytes (cheap: no
 * parsing of the body). */
render_pdf_state render_pdf_check(const char *path);

#endif
