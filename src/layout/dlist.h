/* dlist — the display list: laid-out pages as positioned glyph runs, lines,
 * rectangles, images and link areas, plus document metadata, outline
 * (bookmarks) and named destinations. The layout engine (src/layout)
 * builds it; every output device (src/render: cairo PDF/PNG/SVG, libharu
 * PDF, text trace) paints it. It knows nothing of output formats.
 *
 * Units are PostScript points (1/72 inch); the origin is the top-left
 * corner of the page, y grows downwards; text is positioned by its
 * baseline.
 *
 * Ownership: a dl_doc owns everything reachable from it (pages, ops,
 * strings, fonts, image bytes); dl_doc_free releases it all. Adding
 * functions copy the strings and arrays they are given, except where a
 * comment says the dl_doc takes ownership. */
#ifndef ZORGDOC_DLIST_H
#define ZORGDOC_DLIST_H

#include <stddef.h>

#include <pango/pango.h>

typedef struct {
	double r, g, b, a; /* 0..1 */
} dl_color;

/* A font face at a size, shared by the text runs that use it. */
typedef struct {
	PangoFont *pango;  /* a reference is held; cairo devices use its scaled font */
	char *file;        /* font file path (for devices without shaping, e.g. libharu) */
	int face_index;    /* face in that file */
	char *family;      /* for the trace: "Liberation Serif" */
	int weight;        /* 400 normal, 700 bold */
	int italic;        /* 0 or 1 */
	double size;       /* points */
} dl_font;

/* One glyph, absolutely positioned on the page (baseline origin). */
typedef struct {
	unsigned int index; /* glyph index in the font */
	double x, y;
} dl_glyph;

/* A cluster maps num_bytes of text to num_glyphs glyphs, in order (as
 * cairo_show_text_glyphs wants), so PDF text stays extractable with
 * ligatures. */
typedef struct {
	int num_bytes;
	int num_glyphs;
} dl_cluster;

typedef enum {
	DL_TEXT,   /* a shaped glyph run */
	DL_LINE,   /* a stroked line segment */
	DL_RECT,   /* a filled and/or stroked rectangle */
	DL_IMAGE,  /* a PNG or SVG image placed in a box */
	DL_LINK,   /* a clickable area: a URI or an internal destination */
	DL_ANCHOR, /* a named destination at a point */
	DL_OP__MAX
} dl_op_kind;

typedef enum {
	DL_IMAGE_PNG,
	DL_IMAGE_SVG,
	DL_IMAGE_JPEG, /* a frozen invoice logo: embedded in a PDF as it is */
	DL_IMAGE__MAX
} dl_image_kind;

typedef struct {
	size_t font;         /* index into dl_doc.fonts */
	dl_color color;
	double x, y;         /* baseline start of the run */
	double width;        /* advance width of the run */
	char *text;          /* UTF-8, NUL-terminated; may include a soft hyphen shown as "-" */
	size_t text_len;
	dl_glyph *glyphs;
	size_t nglyphs;
	dl_cluster *clusters;
	size_t nclusters;
} dl_text;

typedef struct {
	double x0, y0, x1, y1;
	double width;        /* line width in points */
	dl_color color;
} dl_line;

typedef struct {
	double x, y, w, h;
	int fill;            /* fill with fill_color */
	dl_color fill_color;
	double stroke_width; /* 0: no stroke */
	dl_color stroke_color;
} dl_rect;

typedef struct {
	double x, y, w, h;
	dl_image_kind kind;
	unsigned char *data; /* the file's bytes */
	size_t len;
} dl_image;

typedef struct {
	double x, y, w, h;
	char *uri;           /* external link, or NULL */
	char *dest;          /* internal destination name, or NULL */
} dl_link;

typedef struct {
	char *name;
	double x, y;
} dl_anchor;

typedef struct {
	dl_op_kind kind;
	union {
		dl_text text;
		dl_line line;
		dl_rect rect;
		dl_image image;
		dl_link link;
		dl_anchor anchor;
	} u;
} dl_op;

typedef struct {
	double width, height; /* points; A4 is 595.276 x 841.890 */
	dl_op *ops;
	size_t nops, cap;
} dl_page;

typedef struct {
	char *title;
	int level;           /* 1 = top */
	size_t page;         /* 0-based page index */
	double y;            /* position on that page */
	char *dest;          /* anchor name, may be NULL */
} dl_outline;

typedef struct {
	char *title, *subject, *author, *keywords, *lang, *creator;
	char *date;          /* ISO 8601 "2023-10-19" or with time; fixes PDF dates */
} dl_meta;

typedef struct {
	dl_meta meta;
	dl_page *pages;
	size_t npages, pages_cap;
	dl_font *fonts;
	size_t nfonts, fonts_cap;
	dl_outline *outline;
	size_t noutline, outline_cap;
} dl_doc;

/* Returns a new, empty document; free with dl_doc_free. */
dl_doc *dl_doc_new(void);
/* Releases the document and everything it owns. NULL-safe. */
void dl_doc_free(dl_doc *doc);
/* Sets a metadata field (copies value; NULL clears it). */
void dl_meta_set(char **field, const char *value);

/* Appends a page and returns it (borrowed; valid until the next add). */
dl_page *dl_page_add(dl_doc *doc, double width, double height);

/* Returns the index of a font equal to f (same PangoFont), adding a copy
 * of f (taking a new reference on f->pango) when there is none. */
size_t dl_font_intern(dl_doc *doc, const dl_font *f);

/* Appends an op to a page and returns it (borrowed), kind set, zeroed. */
dl_op *dl_op_add(dl_page *page, dl_op_kind kind);

/* Convenience builders; each copies its arguments. */
void dl_add_line(dl_page *page, double x0, double y0, double x1, double y1,
    double width, dl_color color);
void dl_add_rect(dl_page *page, double x, double y, double w, double h,
    const dl_color *fill, double stroke_width, const dl_color *stroke);
void dl_add_link(dl_page *page, double x, double y, double w, double h,
    const char *uri, const char *dest);
void dl_add_anchor(dl_page *page, const char *name, double x, double y);
/* Takes ownership of data (malloc'd). */
void dl_add_image(dl_page *page, double x, double y, double w, double h,
    dl_image_kind kind, unsigned char *data, size_t len);
void dl_add_outline(dl_doc *doc, const char *title, int level, size_t page,
    double y, const char *dest);

/* The number of ops from index i on that are plain filled rectangles
 * (no stroke) of the same fill colour as op i: devices paint such a run
 * (the modules of a QR code) as one path with one fill. 0 when op i is
 * not such a rectangle. */
size_t dl_rect_run(const dl_page *page, size_t i);

#endif
