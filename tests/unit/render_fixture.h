/* render_fixture — builds display lists for the device tests without the
 * layout engine: strings shaped with pango (justified paragraphs, bold
 * headings) turned into DL_TEXT runs with clusters, plus rules, a filled
 * rectangle, a PNG and an SVG image, links (URI and internal), anchors
 * and an outline.
 *
 * Ownership: the caller frees the returned dl_doc with dl_doc_free. */
#ifndef ZORGDOC_RENDER_FIXTURE_H
#define ZORGDOC_RENDER_FIXTURE_H

#include "../../src/layout/dlist.h"

/* Returns a new two-page document (npages 2) or one page (npages 1). */
dl_doc *fixture_doc_new(int npages);

/* Returns a new PNG (w x h pixels, half transparent red square on blue)
 * in malloc'd memory; *len gets its size. */
unsigned char *fixture_png_new(int w, int h, size_t *len);

/* Runs a shell command, returns its stdout (caller frees) and sets
 * *status to its exit status. */
char *fixture_run(const char *cmd, int *status);

/* Returns a new temporary directory (caller frees; remove with
 * fixture_rmdir). */
char *fixture_tmpdir(void);
void fixture_rmdir(const char *dir);

/* Returns 1 if the words occur in s in this order. */
int fixture_in_order(const char *s, const char *const *words, size_t n);

#endif
