/* cairo — the cairo devices: PDF (whole document), PNG and SVG (one page
 * each). A display list is painted op by op: text runs with
 * cairo_show_text_glyphs (the run's text and clusters go into the PDF so
 * that text stays extractable, ligatures included), lines, rectangles,
 * PNG images (cairo's PNG reader) and SVG images (librsvg); for PDF also
 * link areas (CAIRO_TAG_LINK), named destinations (CAIRO_TAG_DEST),
 * metadata with fixed dates (byte-reproducible output) and the outline.
 * In: a dl_doc (borrowed). Out: bytes appended to a buf. */
#define _GNU_SOURCE /* memmem */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "device.h"
#include "logoimg.h"

#define MAX_IMAGE_PIXELS (64.0 * 1024 * 1024) /* refuse larger PNGs */

typedef struct {
	const unsigned char *data; /* borrowed from the op */
	size_t len;
	dl_image_kind kind;
	cairo_surface_t *png;
	RsvgHandle *svg;
	int w, h;
} image_entry;

typedef struct {
	const dl_doc *doc;
	cairo_t *cr;
	int pdf;                 /* paint tags and text clusters */
	image_entry *images;
	size_t nimages, images_cap;
	cairo_glyph_t *glyphs;   /* scratch for text runs */
	cairo_text_cluster_t *clusters;
	size_t glyphs_cap, clusters_cap;
	buf text;                /* scratch: a run's text with no-break
	                            spaces as plain spaces (see paint_text) */
	cairo_scaled_font_t *space_font; /* the font space_glyph is of */
	unsigned long space_glyph;
	char **anchors;          /* sorted anchor names (PDF), borrowed */
	size_t nanchors;
	diag *d;
} paint_ctx;

static cairo_status_t
write_to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	buf_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

typedef struct {
	const unsigned char *data;
	size_t len, pos;
} mem_reader;

static cairo_status_t
read_from_mem(void *closure, unsigned char *data, unsigned int length)
{
	mem_reader *r = closure;
	if (length > r->len - r->pos)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->data + r->pos, length);
	r->pos += length;
	return CAIRO_STATUS_SUCCESS;
}

static void
ctx_free(paint_ctx *c)
{
	for (size_t i = 0; i < c->nimages; i++) {
		if (c->images[i].png)
			cairo_surface_destroy(c->images[i].png);
		if (c->images[i].svg)
			g_object_unref(c->images[i].svg);
	}
	free(c->images);
	free(c->glyphs);
	free(c->clusters);
	free(c->anchors);
	buf_free(&c->text);
}

/* The last JPEG surface made, kept for the process: a batch paints the
 * same frozen logo on every invoice, and a surface cairo has seen before
 * is neither decoded nor copied again (still reachable at exit). */
static struct {
	unsigned char *data;
	size_t len;
	cairo_surface_t *s;
} jpeg_last;

/* Returns a reference to the surface of a JPEG image, with the JPEG's
 * bytes attached for the PDF surface, or NULL with an error. */
static cairo_surface_t *
jpeg_surface(const dl_image *im, size_t page, diag *d)
{
	if (jpeg_last.s && jpeg_last.len == im->len && memcmp(jpeg_last.data, im->data, im->len) == 0)
		return cairo_surface_reference(jpeg_last.s);
	cairo_surface_t *s = logoimg_jpeg_decode(im->data, im->len, d);
	if (!s)
		return NULL;
	unsigned char *copy = xmalloc(im->len);
	memcpy(copy, im->data, im->len);
	if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, copy, im->len, free, copy) !=
	    CAIRO_STATUS_SUCCESS) {
		free(copy);
		cairo_surface_destroy(s);
		diag_error(d, NULL, 0, 0, "page %zu: cannot embed the JPEG image", page + 1);
		return NULL;
	}
	if (jpeg_last.s)
		cairo_surface_destroy(jpeg_last.s);
	jpeg_last.s = cairo_surface_reference(s);
	jpeg_last.data = copy;
	jpeg_last.len = im->len;
	return s;
}

/* Returns the decoded image (cached by content, so a logo repeated on
 * every page is decoded and embedded once), or NULL with an error. */
static image_entry *
image_lookup(paint_ctx *c, const dl_image *im, size_t page)
{
	for (size_t i = 0; i < c->nimages; i++) {
		image_entry *e = &c->images[i];
		if (e->kind == im->kind && e->len == im->len &&
		    (e->data == im->data || memcmp(e->data, im->data, im->len) == 0))
			return e;
	}
	image_entry e = { im->data, im->len, im->kind, NULL, NULL, 0, 0 };
	if (im->kind == DL_IMAGE_PNG) {
		/* Check the size in the IHDR before cairo allocates it. */
		static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
		if (im->len < 33 || memcmp(im->data, sig, 8) != 0 ||
		    memcmp(im->data + 12, "IHDR", 4) != 0) {
			diag_error(c->d, NULL, 0, 0, "page %zu: image is not a PNG file", page + 1);
			return NULL;
		}
		const unsigned char *p = im->data + 16;
		uint32_t w = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
		uint32_t h = (uint32_t)p[4] << 24 | (uint32_t)p[5] << 16 | (uint32_t)p[6] << 8 | p[7];
		if (w == 0 || h == 0 || w > 32767 || h > 32767 || (double)w * h > MAX_IMAGE_PIXELS) {
			diag_error(c->d, NULL, 0, 0, "page %zu: PNG image of %ux%u pixels is too large",
			    page + 1, w, h);
			return NULL;
		}
		mem_reader r = { im->data, im->len, 0 };
		e.png = cairo_image_surface_create_from_png_stream(read_from_mem, &r);
		if (cairo_surface_status(e.png) != CAIRO_STATUS_SUCCESS) {
			diag_error(c->d, NULL, 0, 0, "page %zu: cannot read PNG image: %s", page + 1,
			    cairo_status_to_string(cairo_surface_status(e.png)));
			cairo_surface_destroy(e.png);
			return NULL;
		}
		e.w = cairo_image_surface_get_width(e.png);
		e.h = cairo_image_surface_get_height(e.png);
	} else if (im->kind == DL_IMAGE_JPEG) {
		/* A frozen invoice logo (logoimg.h): decoded for raster
		 * output; a PDF gets the JPEG's own bytes (DCTDecode), so no
		 * invoice pays for compressing an image again. */
		e.png = jpeg_surface(im, page, c->d);
		if (!e.png)
			return NULL;
		e.w = cairo_image_surface_get_width(e.png);
		e.h = cairo_image_surface_get_height(e.png);
	} else if (im->kind == DL_IMAGE_SVG) {
		GError *err = NULL;
		/* From memory and without a base file, librsvg loads no
		 * external references. */
		e.svg = rsvg_handle_new_from_data(im->data, im->len, &err);
		if (!e.svg) {
			diag_error(c->d, NULL, 0, 0, "page %zu: cannot read SVG image", page + 1);
			g_clear_error(&err);
			return NULL;
		}
	} else {
		diag_error(c->d, NULL, 0, 0, "page %zu: unknown image kind", page + 1);
		return NULL;
	}
	if (c->nimages == c->images_cap) {
		c->images_cap = c->images_cap ? c->images_cap * 2 : 4;
		c->images = xrealloc(c->images, c->images_cap * sizeof *c->images);
	}
	c->images[c->nimages] = e;
	return &c->images[c->nimages++];
}

static int
paint_image(paint_ctx *c, const dl_image *im, size_t page)
{
	if (!(im->w > 0 && im->h > 0 && isfinite(im->x) && isfinite(im->y) &&
		isfinite(im->w) && isfinite(im->h)))
		return diag_error(c->d, NULL, 0, 0, "page %zu: image with an empty box", page + 1);
	image_entry *e = image_lookup(c, im, page);
	if (!e)
		return -1;
	cairo_t *cr = c->cr;
	cairo_save(cr);
	if (e->png) {
		cairo_translate(cr, im->x, im->y);
		cairo_scale(cr, im->w / e->w, im->h / e->h);
		cairo_set_source_surface(cr, e->png, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
		cairo_rectangle(cr, 0, 0, e->w, e->h);
		cairo_fill(cr);
	} else {
		RsvgRectangle vp = { im->x, im->y, im->w, im->h };
		GError *err = NULL;
		if (!rsvg_handle_render_document(e->svg, cr, &vp, &err)) {
			g_clear_error(&err);
			cairo_restore(cr);
			return diag_error(c->d, NULL, 0, 0, "page %zu: cannot draw SVG image", page + 1);
		}
	}
	cairo_restore(cr);
	return 0;
}

static void
set_color(cairo_t *cr, const dl_color *col)
{
	cairo_set_source_rgba(cr, col->r, col->g, col->b, col->a);
}

/* Glyph indices pango uses for "draw nothing" (zero-width characters)
 * and for missing characters: no font has them, cairo must not see them. */
static int
glyph_drawable(unsigned int g)
{
	return g < PANGO_GLYPH_EMPTY;
}

/* Sets c->space_glyph to the glyph of U+0020 in sf; returns 0 when the
 * font has none (then no-break spaces are left as they are). */
static int
space_glyph(paint_ctx *c, cairo_scaled_font_t *sf)
{
	if (c->space_font == sf)
		return 1;
	cairo_glyph_t *g = NULL;
	int n = 0;
	if (cairo_scaled_font_text_to_glyphs(sf, 0, 0, " ", 1, &g, &n, NULL, NULL, NULL) !=
	        CAIRO_STATUS_SUCCESS || n != 1 || g[0].index == 0) {
		cairo_glyph_free(g);
		c->space_font = NULL;
		return 0;
	}
	c->space_glyph = g[0].index;
	c->space_font = sf;
	cairo_glyph_free(g);
	return 1;
}

static int
paint_text(paint_ctx *c, const dl_text *t, size_t page)
{
	const dl_doc *doc = c->doc;
	if (t->font >= doc->nfonts || !doc->fonts[t->font].pango)
		return diag_error(c->d, NULL, 0, 0, "page %zu: text run without a font", page + 1);
	if (t->nglyphs == 0)
		return 0;
	cairo_scaled_font_t *sf =
	    pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(doc->fonts[t->font].pango));
	if (!sf || cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS)
		return diag_error(c->d, NULL, 0, 0, "page %zu: font %s has no cairo face", page + 1,
		    doc->fonts[t->font].family ? doc->fonts[t->font].family : "?");
	if (t->nglyphs > c->glyphs_cap) {
		c->glyphs_cap = t->nglyphs * 2;
		c->glyphs = xrealloc(c->glyphs, c->glyphs_cap * sizeof *c->glyphs);
	}
	int use_clusters = c->pdf && t->nclusters > 0 && t->text;
	if (use_clusters && t->nclusters > c->clusters_cap) {
		c->clusters_cap = t->nclusters * 2;
		c->clusters = xrealloc(c->clusters, c->clusters_cap * sizeof *c->clusters);
	}
	/* cairo 1.16 puts a glyph into the compact WinAnsi font subset only
	 * when its text is a WinAnsi character, and U+00A0 is not one: a
	 * single no-break space (between "€" and an amount) made a second,
	 * CID-keyed subset of every font on the page, subsetted and
	 * compressed again for each PDF. The space is blank either way, its
	 * place is in the glyph positions, and text copied from the PDF is
	 * better with a plain space: the cluster's text becomes " " and its
	 * glyph the font's space glyph (Liberation's no-break space is a
	 * glyph of its own, which would need a subset code of its own). */
	const char *text = t->text;
	size_t text_len = t->text_len;
	int fold_nbsp = use_clusters && memmem(t->text, t->text_len, "\xc2\xa0", 2) != NULL;
	if (fold_nbsp) {
		buf_reset(&c->text);
		fold_nbsp = space_glyph(c, sf);
	}
	size_t ng = 0, nc = 0, gi = 0, bytes = 0;
	if (use_clusters) {
		for (size_t k = 0; k < t->nclusters; k++) {
			const dl_cluster *cl = &t->clusters[k];
			if (cl->num_bytes < 0 || cl->num_glyphs < 0 ||
			    (size_t)cl->num_glyphs > t->nglyphs - gi ||
			    (size_t)cl->num_bytes > t->text_len - bytes)
				break;
			int kept = 0;
			for (int j = 0; j < cl->num_glyphs; j++, gi++) {
				if (!glyph_drawable(t->glyphs[gi].index))
					continue;
				c->glyphs[ng++] = (cairo_glyph_t){ t->glyphs[gi].index,
					t->glyphs[gi].x, t->glyphs[gi].y };
				kept++;
			}
			int nbytes = cl->num_bytes;
			if (fold_nbsp) {
				const char *ct = t->text + bytes;
				if (nbytes == 2 && kept == 1 && ct[0] == '\xc2' && ct[1] == '\xa0') {
					buf_putc(&c->text, ' ');
					nbytes = 1;
					c->glyphs[ng - 1].index = c->space_glyph;
				} else {
					buf_append(&c->text, ct, (size_t)nbytes);
				}
			}
			bytes += (size_t)cl->num_bytes;
			if (kept == 0 && nbytes == 0)
				continue;
			c->clusters[nc++] = (cairo_text_cluster_t){ nbytes, kept };
		}
		if (gi != t->nglyphs || bytes != t->text_len)
			return diag_error(c->d, NULL, 0, 0,
			    "page %zu: text run whose clusters do not cover its text and glyphs",
			    page + 1);
		if (fold_nbsp) {
			text = c->text.s;
			text_len = c->text.len;
		}
	} else {
		for (size_t j = 0; j < t->nglyphs; j++)
			if (glyph_drawable(t->glyphs[j].index))
				c->glyphs[ng++] = (cairo_glyph_t){ t->glyphs[j].index,
					t->glyphs[j].x, t->glyphs[j].y };
	}
	cairo_t *cr = c->cr;
	cairo_set_scaled_font(cr, sf);
	set_color(cr, &t->color);
	if (use_clusters)
		cairo_show_text_glyphs(cr, text, (int)text_len, c->glyphs, (int)ng,
		    c->clusters, (int)nc, 0);
	else if (ng > 0)
		cairo_show_glyphs(cr, c->glyphs, (int)ng);
	return 0;
}

/* Appends s as a single-quoted cairo tag attribute string. */
static void
put_quoted(buf *b, const char *s)
{
	buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '\'');
}

/* Appends a number with a '.' whatever the locale. */
static void
put_num(buf *b, double v)
{
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%.3f", isfinite(v) ? v : 0.0);
	for (char *p = tmp; *p; p++)
		if (*p == ',')
			*p = '.';
	buf_puts(b, tmp);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
anchor_exists(const paint_ctx *c, const char *name)
{
	return bsearch(&name, c->anchors, c->nanchors, sizeof *c->anchors, cmp_str) != NULL;
}

static int
paint_link(paint_ctx *c, const dl_link *l, size_t page)
{
	if (!l->uri && !l->dest)
		return 0;
	if (l->dest && !l->uri && !anchor_exists(c, l->dest))
		return diag_error(c->d, NULL, 0, 0,
		    "page %zu: link to a destination that does not exist", page + 1);
	buf a = BUF_INIT;
	buf_puts(&a, "rect=[");
	put_num(&a, l->x);
	buf_putc(&a, ' ');
	put_num(&a, l->y);
	buf_putc(&a, ' ');
	put_num(&a, l->w);
	buf_putc(&a, ' ');
	put_num(&a, l->h);
	buf_puts(&a, l->uri ? "] uri=" : "] dest=");
	put_quoted(&a, l->uri ? l->uri : l->dest);
	cairo_tag_begin(c->cr, CAIRO_TAG_LINK, buf_str(&a));
	cairo_tag_end(c->cr, CAIRO_TAG_LINK);
	buf_free(&a);
	return 0;
}

static void
paint_anchor(paint_ctx *c, const dl_anchor *an)
{
	buf a = BUF_INIT;
	buf_puts(&a, "name=");
	put_quoted(&a, an->name);
	buf_puts(&a, " x=");
	put_num(&a, an->x);
	buf_puts(&a, " y=");
	put_num(&a, an->y);
	cairo_tag_begin(c->cr, CAIRO_TAG_DEST, buf_str(&a));
	cairo_tag_end(c->cr, CAIRO_TAG_DEST);
	buf_free(&a);
}

static int
paint_page(paint_ctx *c, size_t pi)
{
	const dl_page *pg = &c->doc->pages[pi];
	cairo_t *cr = c->cr;
	for (size_t i = 0; i < pg->nops; i++) {
		const dl_op *op = &pg->ops[i];
		int rc = 0;
		switch (op->kind) {
		case DL_TEXT:
			rc = paint_text(c, &op->u.text, pi);
			break;
		case DL_LINE: {
			const dl_line *l = &op->u.line;
			if (l->width <= 0)
				break;
			cairo_set_line_width(cr, l->width);
			set_color(cr, &l->color);
			cairo_move_to(cr, l->x0, l->y0);
			cairo_line_to(cr, l->x1, l->y1);
			cairo_stroke(cr);
			break;
		}
		case DL_RECT: {
			const dl_rect *r = &op->u.rect;
			size_t run = dl_rect_run(pg, i);
			if (run > 1) {
				/* one path, one fill: a small PDF, and no seams
				 * between neighbours where viewers anti-alias */
				for (size_t k = 0; k < run; k++) {
					const dl_rect *q = &pg->ops[i + k].u.rect;
					cairo_rectangle(cr, q->x, q->y, q->w, q->h);
				}
				set_color(cr, &r->fill_color);
				cairo_fill(cr);
				i += run - 1;
				break;
			}
			cairo_rectangle(cr, r->x, r->y, r->w, r->h);
			if (r->fill) {
				set_color(cr, &r->fill_color);
				if (r->stroke_width > 0)
					cairo_fill_preserve(cr);
				else
					cairo_fill(cr);
			}
			if (r->stroke_width > 0) {
				cairo_set_line_width(cr, r->stroke_width);
				set_color(cr, &r->stroke_color);
				cairo_stroke(cr);
			}
			cairo_new_path(cr);
			break;
		}
		case DL_IMAGE:
			rc = paint_image(c, &op->u.image, pi);
			break;
		case DL_LINK:
			if (c->pdf)
				rc = paint_link(c, &op->u.link, pi);
			break;
		case DL_ANCHOR:
			if (c->pdf)
				paint_anchor(c, &op->u.anchor);
			break;
		case DL_OP__MAX:
			break;
		}
		if (rc != 0)
			return -1;
	}
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		return diag_error(c->d, NULL, 0, 0, "page %zu: cairo: %s", pi + 1,
		    cairo_status_to_string(cairo_status(cr)));
	return 0;
}

static int
check_page_size(const dl_page *pg, size_t pi, diag *d)
{
	if (!(pg->width >= 1 && pg->height >= 1 && pg->width <= 14400 && pg->height <= 14400))
		return diag_error(d, NULL, 0, 0, "page %zu: page size out of range", pi + 1);
	return 0;
}

static void
set_meta(cairo_surface_t *s, cairo_pdf_metadata_t what, const char *value)
{
	if (value && *value)
		cairo_pdf_surface_set_metadata(s, what, value);
}

/* Adds the outline; parents follow the levels (a level 3 entry after a
 * level 1 entry hangs under that level 1 entry). */
static void
add_outline(const dl_doc *doc, cairo_surface_t *s)
{
	enum { DEPTH = 16 };
	int level[DEPTH], id[DEPTH], top = 0;
	for (size_t i = 0; i < doc->noutline; i++) {
		const dl_outline *o = &doc->outline[i];
		if (o->page >= doc->npages || !o->title)
			continue;
		while (top > 0 && level[top - 1] >= o->level)
			top--;
		int parent = top > 0 ? id[top - 1] : CAIRO_PDF_OUTLINE_ROOT;
		buf a = BUF_INIT;
		buf_printf(&a, "page=%zu pos=[", o->page + 1);
		put_num(&a, 0);
		buf_putc(&a, ' ');
		put_num(&a, o->y);
		buf_putc(&a, ']');
		int nid = cairo_pdf_surface_add_outline(s, parent, o->title, buf_str(&a),
		    o->level <= 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
		buf_free(&a);
		if (top == DEPTH)
			top--;
		level[top] = o->level;
		id[top++] = nid;
	}
}

int
render_cairo_pdf(const dl_doc *doc, buf *out, diag *d)
{
	if (doc->npages == 0)
		return diag_error(d, NULL, 0, 0, "the document has no pages");
	for (size_t i = 0; i < doc->npages; i++)
		if (check_page_size(&doc->pages[i], i, d) != 0)
			return -1;
	paint_ctx c = { .doc = doc, .pdf = 1, .d = d };
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nops; i++)
			if (doc->pages[p].ops[i].kind == DL_ANCHOR) {
				c.anchors = xrealloc(c.anchors, (c.nanchors + 1) * sizeof *c.anchors);
				c.anchors[c.nanchors++] = doc->pages[p].ops[i].u.anchor.name;
			}
	if (c.nanchors)
		qsort(c.anchors, c.nanchors, sizeof *c.anchors, cmp_str);

	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_to_buf, out,
	    doc->pages[0].width, doc->pages[0].height);
	const dl_meta *m = &doc->meta;
	set_meta(s, CAIRO_PDF_METADATA_TITLE, m->title);
	set_meta(s, CAIRO_PDF_METADATA_AUTHOR, m->author);
	set_meta(s, CAIRO_PDF_METADATA_SUBJECT, m->subject);
	set_meta(s, CAIRO_PDF_METADATA_KEYWORDS, m->keywords);
	set_meta(s, CAIRO_PDF_METADATA_CREATOR, m->creator ? m->creator : "zorgdoc " ZORGDOC_VERSION);
	time_t t = render_doc_time(doc);
	struct tm tm;
	char date[32];
	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	set_meta(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	set_meta(s, CAIRO_PDF_METADATA_MOD_DATE, date);

	c.cr = cairo_create(s);
	int rc = 0;
	for (size_t p = 0; p < doc->npages && rc == 0; p++) {
		cairo_pdf_surface_set_size(s, doc->pages[p].width, doc->pages[p].height);
		rc = paint_page(&c, p);
		cairo_show_page(c.cr);
	}
	if (rc == 0)
		add_outline(doc, s);
	cairo_destroy(c.cr);
	cairo_surface_finish(s);
	if (rc == 0 && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		rc = diag_error(d, NULL, 0, 0, "cairo PDF: %s",
		    cairo_status_to_string(cairo_surface_status(s)));
	cairo_surface_destroy(s);
	ctx_free(&c);
	return rc;
}

static void
png_write_to_buf(png_structp png, png_bytep data, size_t length)
{
	buf_append(png_get_io_ptr(png), data, length);
}

static void
png_flush_nothing(png_structp png)
{
	(void)png;
}

/* Encodes an RGB24 surface as an 8-bit RGB PNG. cairo's own writer
 * (zlib's default level, adaptive filters) was about 70 % of a preview
 * page; pages are mostly white, and zlib level 1 with the "up" filter made
 * a 7-page document's PNGs 3.6 times faster (126 → 35 ms a page on a busy
 * machine) for files 8 % larger. Returns 0 or -1. */
static int
encode_png(cairo_surface_t *s, buf *out)
{
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *px = cairo_image_surface_get_data(s);
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	unsigned char *row = xmalloc((size_t)w * 3);
	if (!info || setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, info ? &info : NULL);
		free(row);
		return -1;
	}
	png_set_write_fn(png, out, png_write_to_buf, png_flush_nothing);
	png_set_compression_level(png, 1);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
	    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		const uint32_t *src = (const uint32_t *)(const void *)(px + (size_t)y * stride);
		for (int x = 0; x < w; x++) {
			row[3 * x] = (unsigned char)(src[x] >> 16);
			row[3 * x + 1] = (unsigned char)(src[x] >> 8);
			row[3 * x + 2] = (unsigned char)src[x];
		}
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(row);
	return 0;
}

int
render_cairo_png(const dl_doc *doc, size_t page, double dpi, buf *out, diag *d)
{
	if (page >= doc->npages)
		return diag_error(d, NULL, 0, 0, "no page %zu", page + 1);
	const dl_page *pg = &doc->pages[page];
	if (check_page_size(pg, page, d) != 0)
		return -1;
	double scale = dpi / 72.0;
	double w = ceil(pg->width * scale), h = ceil(pg->height * scale);
	if (w * h > 400e6)
		return diag_error(d, NULL, 0, 0, "page %zu: image of %.0fx%.0f pixels is too large",
		    page + 1, w, h);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
	paint_ctx c = { .doc = doc, .pdf = 0, .d = d };
	c.cr = cairo_create(s);
	cairo_set_source_rgb(c.cr, 1, 1, 1);
	cairo_paint(c.cr);
	cairo_scale(c.cr, scale, scale);
	int rc = paint_page(&c, page);
	cairo_destroy(c.cr);
	if (rc == 0) {
		cairo_surface_flush(s);
		if (encode_png(s, out) != 0)
			rc = diag_error(d, NULL, 0, 0, "page %zu: cannot encode PNG", page + 1);
	}
	cairo_surface_destroy(s);
	ctx_free(&c);
	return rc;
}

int
render_cairo_svg(const dl_doc *doc, size_t page, buf *out, diag *d)
{
	if (page >= doc->npages)
		return diag_error(d, NULL, 0, 0, "no page %zu", page + 1);
	const dl_page *pg = &doc->pages[page];
	if (check_page_size(pg, page, d) != 0)
		return -1;
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(write_to_buf, out,
	    pg->width, pg->height);
	cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
	paint_ctx c = { .doc = doc, .pdf = 0, .d = d };
	c.cr = cairo_create(s);
	int rc = paint_page(&c, page);
	cairo_destroy(c.cr);
	cairo_surface_finish(s);
	if (rc == 0 && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		rc = diag_error(d, NULL, 0, 0, "page %zu: cairo SVG: %s", page + 1,
		    cairo_status_to_string(cairo_surface_status(s)));
	cairo_surface_destroy(s);
	ctx_free(&c);
	return rc;
}
