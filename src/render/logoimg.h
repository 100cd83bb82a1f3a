/* logoimg — the frozen logo of an invoice: a practice's PNG or SVG logo
 * turned, once at issue, into a small JPEG at its printed size (flattened
 * onto white), and that JPEG read back for painting. A PDF carries the
 * JPEG's bytes as they are (no re-encoding per invoice). */
#ifndef ZORGDOC_LOGOIMG_H
#define ZORGDOC_LOGOIMG_H

#include <stddef.h>

#include <cairo.h>

#include "../base/diag.h"

/* The largest frozen logo, in pixels per side (a 48 mm box at 200 dpi). */
#define LOGOIMG_MAX_SIDE 400

/* Reads the pixel size from a JPEG's SOF marker. Returns 0, or -1 when
 * data is not a baseline/progressive JPEG with a size. */
int logoimg_jpeg_size(const unsigned char *data, size_t len, unsigned *w, unsigned *h);

/* Decodes a JPEG of at most LOGOIMG_MAX_SIDE pixels a side into an opaque
 * image surface. Returns a new surface (the caller destroys it), or NULL
 * with an error in d. */
cairo_surface_t *logoimg_jpeg_decode(const unsigned char *data, size_t len, diag *d);

/* Freezes a logo (PNG or SVG bytes, name for messages): scaled to fit
 * max_w x max_h points at dpi, flattened onto white, encoded as a JPEG.
 * Returns 0 with *jpeg (owned, malloc) and *jlen, or -1 with an error
 * saying what is wrong with the file. */
int logoimg_freeze(const unsigned char *data, size_t len, const char *name, double max_w,
    double max_h, double dpi, unsigned char **jpeg, size_t *jlen, diag *d);

#endif
