/* merge — joins finished PDF files into one (the accountant's copy of a
 * batch of zorgnota's): every page of every file, in order, through
 * libqpdf. The output is deterministic (a content-derived /ID).
 *
 * Ownership: render_pdf_merge borrows its arguments and appends to out. */
#ifndef ZORGDOC_RENDER_MERGE_H
#define ZORGDOC_RENDER_MERGE_H

#include <stddef.h>

#include "../base/buf.h"
#include "../base/diag.h"

/* Appends one PDF with all pages of paths[0..n) to out. Returns 0, or -1
 * with an error in d naming the file that failed. */
int render_pdf_merge(const char *const *paths, size_t n, buf *out, diag *d);
/* The same, reading protected inputs with passwords[i] (NULL array or
 * entry: none); the merged file itself is not protected. */
int render_pdf_merge_pw(const char *const *paths, const char *const *passwords, size_t n,
    buf *out, diag *d);

#endif
