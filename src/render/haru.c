/* haru — the libharu PDF device: the same pages as the cairo PDF (text,
 * lines, rectangles, images, links, outline, metadata) plus embedded file
 * attachments, which cairo 1.16 cannot write. libharu does no shaping, so
 * text is placed from the display list: the TrueType file of each
 * dl_font (UTF-8 encoding), a run cut into segments wherever libharu's
 * own advance would drift from the laid-out glyph positions (kerning,
 * justified spaces), each segment placed with its own text matrix. Images
 * are decoded with cairo (PNG) or rasterised with librsvg (SVG) and
 * embedded raw with a soft mask for transparency.
 *
 * libharu's encryption (RC4) is never used; render.c encrypts with qpdf.
 * In: a dl_doc and render_opts (borrowed). Out: bytes appended to a buf. */
#include <cairo.h>
#include <hpdf.h>
#include <hpdf_objects.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <pango/pango.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "device.h"
#include "logoimg.h"

#define DRIFT_PT 0.02         /* largest tolerated drift of a segment */
#define SVG_RASTER_DPI 300.0  /* SVG images are embedded at this resolution */
#define MAX_RASTER_SIDE 4096

typedef struct {
	HPDF_STATUS error, detail;
} haru_err;

typedef struct {
	const unsigned char *data;
	size_t len;
	HPDF_Image image;
} haru_image;

typedef struct {
	const dl_doc *doc;
	HPDF_Doc pdf;
	haru_err err;
	HPDF_Font *fonts;          /* per dl_font, loaded lazily */
	haru_image *images;
	size_t nimages, images_cap;
	HPDF_Page *pages;
	struct {
		const char *name;
		HPDF_Destination dst;
	} *dests;
	size_t ndests;
	buf seg;                   /* scratch: NUL-terminated segment text */
	diag *d;
} haru_ctx;

static void
on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	haru_err *e = user;
	if (e->error == 0) {
		e->error = error_no;
		e->detail = detail_no;
	}
}

static int
failed(const haru_ctx *c)
{
	return c->err.error != 0;
}

static HPDF_Font
font_lookup(haru_ctx *c, size_t fi, size_t page)
{
	if (c->fonts[fi])
		return c->fonts[fi];
	const dl_font *f = &c->doc->fonts[fi];
	if (!f->file) {
		diag_error(c->d, NULL, 0, 0, "page %zu: font %s has no file for libharu", page + 1,
		    f->family ? f->family : "?");
		return NULL;
	}
	/* The same file may back several sizes: load it once. */
	for (size_t i = 0; i < c->doc->nfonts; i++)
		if (c->fonts[i] && c->doc->fonts[i].file && strcmp(c->doc->fonts[i].file, f->file) == 0 &&
		    c->doc->fonts[i].face_index == f->face_index)
			return c->fonts[fi] = c->fonts[i];
	const char *name = f->face_index > 0 ?
	    HPDF_LoadTTFontFromFile2(c->pdf, f->file, (HPDF_UINT)f->face_index, HPDF_TRUE) :
	    HPDF_LoadTTFontFromFile(c->pdf, f->file, HPDF_TRUE);
	HPDF_Font font = name ? HPDF_GetFont(c->pdf, name, "UTF-8") : NULL;
	if (!font || failed(c)) {
		diag_error(c->d, NULL, 0, 0,
		    "page %zu: libharu cannot load font %s (it needs a TrueType file)", page + 1,
		    f->family ? f->family : "?");
		return NULL;
	}
	return c->fonts[fi] = font;
}

/* Returns libharu's advance of s (len bytes) in points. */
static double
haru_advance(HPDF_Font font, const char *s, size_t len, double size)
{
	HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s, (HPDF_UINT)len);
	return tw.width * size / 1000.0;
}

static void
show_segment(haru_ctx *c, HPDF_Page page, double h, double x, double y)
{
	if (c->seg.len == 0)
		return;
	HPDF_Page_SetTextMatrix(page, 1, 0, 0, 1, (HPDF_REAL)x, (HPDF_REAL)(h - y));
	HPDF_Page_ShowText(page, buf_str(&c->seg));
	buf_reset(&c->seg);
}

/* Places a text run cluster by cluster, merging clusters into one
 * segment while libharu's advance matches the laid-out positions. */
static int
paint_text(haru_ctx *c, HPDF_Page page, double h, const dl_text *t, size_t pi)
{
	if (t->font >= c->doc->nfonts)
		return diag_error(c->d, NULL, 0, 0, "page %zu: text run without a font", pi + 1);
	if (t->nglyphs == 0 || t->text_len == 0)
		return 0;
	HPDF_Font font = font_lookup(c, t->font, pi);
	if (!font)
		return -1;
	double size = c->doc->fonts[t->font].size;
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size);
	HPDF_Page_SetRGBFill(page, (HPDF_REAL)t->color.r, (HPDF_REAL)t->color.g,
	    (HPDF_REAL)t->color.b);
	buf_reset(&c->seg);
	double seg_x = 0, seg_y = 0, seg_end = 0;
	size_t gi = 0, bi = 0;
	if (t->nclusters == 0) {
		/* No clusters: the whole run from its first glyph. */
		buf_append(&c->seg, t->text, t->text_len);
		show_segment(c, page, h, t->glyphs[0].x, t->glyphs[0].y);
	}
	for (size_t k = 0; k < t->nclusters; k++) {
		const dl_cluster *cl = &t->clusters[k];
		if (cl->num_bytes < 0 || cl->num_glyphs < 0 ||
		    (size_t)cl->num_bytes > t->text_len - bi ||
		    (size_t)cl->num_glyphs > t->nglyphs - gi) {
			HPDF_Page_EndText(page);
			return diag_error(c->d, NULL, 0, 0,
			    "page %zu: text run whose clusters do not cover its text and glyphs",
			    pi + 1);
		}
		const char *s = t->text + bi;
		size_t n = (size_t)cl->num_bytes;
		bi += n;
		if (cl->num_glyphs == 0 || n == 0) {
			gi += (size_t)cl->num_glyphs;
			continue;
		}
		double gx = t->glyphs[gi].x, gy = t->glyphs[gi].y;
		gi += (size_t)cl->num_glyphs;
		/* Spaces are not drawn: a justified space only moves what follows. */
		if (n == 1 && s[0] == ' ') {
			if (c->seg.len > 0 && fabs(gx - seg_end) < DRIFT_PT && gy == seg_y) {
				buf_putc(&c->seg, ' ');
				seg_end += haru_advance(font, " ", 1, size);
			} else {
				show_segment(c, page, h, seg_x, seg_y);
			}
			continue;
		}
		if (c->seg.len > 0 && (fabs(gx - seg_end) >= DRIFT_PT || gy != seg_y))
			show_segment(c, page, h, seg_x, seg_y);
		if (c->seg.len == 0) {
			seg_x = seg_end = gx;
			seg_y = gy;
		}
		buf_append(&c->seg, s, n);
		seg_end += haru_advance(font, s, n, size);
	}
	show_segment(c, page, h, seg_x, seg_y);
	HPDF_Page_EndText(page);
	return 0;
}

/* Converts a cairo ARGB32 surface to an RGB image with a soft mask (when
 * anything is transparent). NULL with an error in d. */
static HPDF_Image
image_from_surface(haru_ctx *c, cairo_surface_t *s)
{
	cairo_surface_flush(s);
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *px = cairo_image_surface_get_data(s);
	int has_alpha = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32;
	unsigned char *rgb = xmalloc((size_t)w * h * 3), *alpha = xmalloc((size_t)w * h);
	int translucent = 0;
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * stride);
		for (int x = 0; x < w; x++) {
			uint32_t v = row[x];
			unsigned a = has_alpha ? v >> 24 : 255;
			unsigned r = (v >> 16) & 255, g = (v >> 8) & 255, b = v & 255;
			if (a > 0 && a < 255) { /* cairo premultiplies */
				r = (r * 255 + a / 2) / a;
				g = (g * 255 + a / 2) / a;
				b = (b * 255 + a / 2) / a;
			}
			size_t o = (size_t)y * w + x;
			rgb[3 * o] = (unsigned char)r;
			rgb[3 * o + 1] = (unsigned char)g;
			rgb[3 * o + 2] = (unsigned char)b;
			alpha[o] = (unsigned char)a;
			translucent |= a != 255;
		}
	}
	HPDF_Image img = HPDF_LoadRawImageFromMem(c->pdf, rgb, (HPDF_UINT)w, (HPDF_UINT)h,
	    HPDF_CS_DEVICE_RGB, 8);
	if (img && translucent) {
		HPDF_Image mask = HPDF_LoadRawImageFromMem(c->pdf, alpha, (HPDF_UINT)w,
		    (HPDF_UINT)h, HPDF_CS_DEVICE_GRAY, 8);
		if (mask)
			HPDF_Image_AddSMask(img, mask);
	}
	free(rgb);
	free(alpha);
	return failed(c) ? NULL : img;
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

static HPDF_Image
image_lookup(haru_ctx *c, const dl_image *im, size_t pi)
{
	for (size_t i = 0; i < c->nimages; i++)
		if (c->images[i].len == im->len &&
		    (c->images[i].data == im->data || memcmp(c->images[i].data, im->data, im->len) == 0))
			return c->images[i].image;
	cairo_surface_t *s = NULL;
	if (im->kind == DL_IMAGE_PNG) {
		static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
		if (im->len < 33 || memcmp(im->data, sig, 8) != 0 || memcmp(im->data + 12, "IHDR", 4) != 0) {
			diag_error(c->d, NULL, 0, 0, "page %zu: image is not a PNG file", pi + 1);
			return NULL;
		}
		const unsigned char *p = im->data + 16;
		uint32_t w = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
		uint32_t hh = (uint32_t)p[4] << 24 | (uint32_t)p[5] << 16 | (uint32_t)p[6] << 8 | p[7];
		if (w == 0 || hh == 0 || w > 32767 || hh > 32767 || (double)w * hh > 64.0 * 1024 * 1024) {
			diag_error(c->d, NULL, 0, 0, "page %zu: PNG image is too large", pi + 1);
			return NULL;
		}
		mem_reader r = { im->data, im->len, 0 };
		s = cairo_image_surface_create_from_png_stream(read_from_mem, &r);
	} else if (im->kind == DL_IMAGE_JPEG) {
		s = logoimg_jpeg_decode(im->data, im->len, c->d);
		if (!s)
			return NULL;
	} else if (im->kind == DL_IMAGE_SVG) {
		GError *err = NULL;
		RsvgHandle *svg = rsvg_handle_new_from_data(im->data, im->len, &err);
		if (!svg) {
			g_clear_error(&err);
			diag_error(c->d, NULL, 0, 0, "page %zu: cannot read SVG image", pi + 1);
			return NULL;
		}
		double pw = ceil(im->w * SVG_RASTER_DPI / 72), ph = ceil(im->h * SVG_RASTER_DPI / 72);
		double k = fmax(pw, ph) > MAX_RASTER_SIDE ? MAX_RASTER_SIDE / fmax(pw, ph) : 1;
		pw = fmax(1, floor(pw * k));
		ph = fmax(1, floor(ph * k));
		s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)pw, (int)ph);
		cairo_t *cr = cairo_create(s);
		RsvgRectangle vp = { 0, 0, pw, ph };
		int ok = rsvg_handle_render_document(svg, cr, &vp, &err);
		g_clear_error(&err);
		cairo_destroy(cr);
		g_object_unref(svg);
		if (!ok) {
			cairo_surface_destroy(s);
			diag_error(c->d, NULL, 0, 0, "page %zu: cannot draw SVG image", pi + 1);
			return NULL;
		}
	} else {
		diag_error(c->d, NULL, 0, 0, "page %zu: unknown image kind", pi + 1);
		return NULL;
	}
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		diag_error(c->d, NULL, 0, 0, "page %zu: cannot read PNG image", pi + 1);
		return NULL;
	}
	HPDF_Image img = image_from_surface(c, s);
	cairo_surface_destroy(s);
	if (!img) {
		diag_error(c->d, NULL, 0, 0, "page %zu: libharu cannot embed the image (0x%04X/%u)", pi + 1, (unsigned)c->err.error, (unsigned)c->err.detail);
		return NULL;
	}
	if (c->nimages == c->images_cap) {
		c->images_cap = c->images_cap ? c->images_cap * 2 : 4;
		c->images = xrealloc(c->images, c->images_cap * sizeof *c->images);
	}
	c->images[c->nimages++] = (haru_image){ im->data, im->len, img };
	return img;
}

/* Returns a destination [page /XYZ left top 0] on page: like cairo's, it
 * keeps the reader's zoom. HPDF_Destination_SetXYZ refuses zoom 0, so
 * the array is built with libharu's (exported) object functions, the way
 * SetXYZ itself does it. */
static HPDF_Destination
dest_new(HPDF_Page page, double left, double top)
{
	HPDF_Destination dst = HPDF_Page_CreateDestination(page);
	if (!dst)
		return NULL;
	HPDF_Array_Clear(dst);
	HPDF_Array_Add(dst, page);
	HPDF_Array_AddName(dst, "XYZ");
	HPDF_Array_AddReal(dst, (HPDF_REAL)fmax(0, left));
	HPDF_Array_AddReal(dst, (HPDF_REAL)fmax(0, top));
	HPDF_Array_AddReal(dst, 0);
	return dst;
}

static HPDF_Destination
dest_lookup(const haru_ctx *c, const char *name)
{
	for (size_t i = 0; i < c->ndests; i++)
		if (strcmp(c->dests[i].name, name) == 0)
			return c->dests[i].dst;
	return NULL;
}

static int
paint_page(haru_ctx *c, size_t pi)
{
	const dl_page *pg = &c->doc->pages[pi];
	HPDF_Page page = c->pages[pi];
	double h = pg->height;
	for (size_t i = 0; i < pg->nops; i++) {
		const dl_op *op = &pg->ops[i];
		switch (op->kind) {
		case DL_TEXT:
			if (paint_text(c, page, h, &op->u.text, pi) != 0)
				return -1;
			break;
		case DL_LINE: {
			const dl_line *l = &op->u.line;
			if (l->width <= 0)
				break;
			HPDF_Page_SetLineWidth(page, (HPDF_REAL)l->width);
			HPDF_Page_SetRGBStroke(page, (HPDF_REAL)l->color.r, (HPDF_REAL)l->color.g,
			    (HPDF_REAL)l->color.b);
			HPDF_Page_MoveTo(page, (HPDF_REAL)l->x0, (HPDF_REAL)(h - l->y0));
			HPDF_Page_LineTo(page, (HPDF_REAL)l->x1, (HPDF_REAL)(h - l->y1));
			HPDF_Page_Stroke(page);
			break;
		}
		case DL_RECT: {
			const dl_rect *r = &op->u.rect;
			int stroke = r->stroke_width > 0;
			if (!r->fill && !stroke)
				break;
			size_t run = dl_rect_run(pg, i);
			if (run > 1) { /* one path, one fill (see cairo.c) */
				HPDF_Page_SetRGBFill(page, (HPDF_REAL)r->fill_color.r,
				    (HPDF_REAL)r->fill_color.g, (HPDF_REAL)r->fill_color.b);
				for (size_t k = 0; k < run; k++) {
					const dl_rect *q = &pg->ops[i + k].u.rect;
					HPDF_Page_Rectangle(page, (HPDF_REAL)q->x,
					    (HPDF_REAL)(h - q->y - q->h), (HPDF_REAL)q->w,
					    (HPDF_REAL)q->h);
				}
				HPDF_Page_Fill(page);
				i += run - 1;
				break;
			}
			if (r->fill)
				HPDF_Page_SetRGBFill(page, (HPDF_REAL)r->fill_color.r,
				    (HPDF_REAL)r->fill_color.g, (HPDF_REAL)r->fill_color.b);
			if (stroke) {
				HPDF_Page_SetLineWidth(page, (HPDF_REAL)r->stroke_width);
				HPDF_Page_SetRGBStroke(page, (HPDF_REAL)r->stroke_color.r,
				    (HPDF_REAL)r->stroke_color.g, (HPDF_REAL)r->stroke_color.b);
			}
			HPDF_Page_Rectangle(page, (HPDF_REAL)r->x, (HPDF_REAL)(h - r->y - r->h),
			    (HPDF_REAL)r->w, (HPDF_REAL)r->h);
			if (r->fill && stroke)
				HPDF_Page_FillStroke(page);
			else if (r->fill)
				HPDF_Page_Fill(page);
			else
				HPDF_Page_Stroke(page);
			break;
		}
		case DL_IMAGE: {
			const dl_image *im = &op->u.image;
			if (!(im->w > 0 && im->h > 0 && isfinite(im->x) && isfinite(im->y) &&
				isfinite(im->w) && isfinite(im->h)))
				return diag_error(c->d, NULL, 0, 0, "page %zu: image with an empty box",
				    pi + 1);
			HPDF_Image img = image_lookup(c, im, pi);
			if (!img)
				return -1;
			HPDF_Page_DrawImage(page, img, (HPDF_REAL)im->x, (HPDF_REAL)(h - im->y - im->h),
			    (HPDF_REAL)im->w, (HPDF_REAL)im->h);
			break;
		}
		case DL_LINK: {
			const dl_link *l = &op->u.link;
			HPDF_Rect rect = { (HPDF_REAL)l->x, (HPDF_REAL)(h - l->y - l->h),
				(HPDF_REAL)(l->x + l->w), (HPDF_REAL)(h - l->y) };
			HPDF_Annotation a = NULL;
			if (l->uri) {
				a = HPDF_Page_CreateURILinkAnnot(page, rect, l->uri);
			} else if (l->dest) {
				HPDF_Destination dst = dest_lookup(c, l->dest);
				if (!dst)
					return diag_error(c->d, NULL, 0, 0,
					    "page %zu: link to a destination that does not exist", pi + 1);
				a = HPDF_Page_CreateLinkAnnot(page, rect, dst);
			}
			if (a)
				HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
			break;
		}
		case DL_ANCHOR:   /* made before painting, see render_haru_pdf */
		case DL_OP__MAX:
			break;
		}
		if (failed(c))
			return diag_error(c->d, NULL, 0, 0, "page %zu: libharu error 0x%04X/%u", pi + 1,
			    (unsigned)c->err.error, (unsigned)c->err.detail);
	}
	return 0;
}

static void
add_outline(haru_ctx *c, HPDF_Encoder enc)
{
	enum { DEPTH = 16 };
	int level[DEPTH], top = 0;
	HPDF_Outline node[DEPTH];
	const dl_doc *doc = c->doc;
	for (size_t i = 0; i < doc->noutline && !failed(c); i++) {
		const dl_outline *o = &doc->outline[i];
		if (o->page >= doc->npages || !o->title)
			continue;
		while (top > 0 && level[top - 1] >= o->level)
			top--;
		HPDF_Outline ol = HPDF_CreateOutline(c->pdf, top > 0 ? node[top - 1] : NULL,
		    o->title, enc);
		if (!ol)
			return;
		HPDF_Destination dst = dest_new(c->pages[o->page], 0, doc->pages[o->page].height - o->y);
		if (dst)
			HPDF_Outline_SetDestination(ol, dst);
		HPDF_Outline_SetOpened(ol, o->level <= 1);
		if (top == DEPTH)
			top--;
		level[top] = o->level;
		node[top++] = ol;
	}
}

static void
set_info(haru_ctx *c, HPDF_InfoType what, const char *value)
{
	if (value && *value)
		HPDF_SetInfoAttr(c->pdf, what, value);
}

int
render_haru_pdf(const dl_doc *doc, const render_opts *opt, buf *out, diag *d)
{
	if (doc->npages == 0)
		return diag_error(d, NULL, 0, 0, "the document has no pages");
	haru_ctx c = { .doc = doc, .d = d };
	c.pdf = HPDF_New(on_error, &c.err);
	if (!c.pdf)
		return diag_error(d, NULL, 0, 0, "libharu: out of memory");
	int rc = 0;
	HPDF_SetCompressionMode(c.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(c.pdf);
	HPDF_SetCurrentEncoder(c.pdf, "UTF-8");
	HPDF_Encoder enc = HPDF_GetEncoder(c.pdf, "UTF-8");
	c.fonts = xcalloc(doc->nfonts ? doc->nfonts : 1, sizeof *c.fonts);
	c.pages = xcalloc(doc->npages, sizeof *c.pages);

	const dl_meta *m = &doc->meta;
	set_info(&c, HPDF_INFO_TITLE, m->title);
	set_info(&c, HPDF_INFO_AUTHOR, m->author);
	set_info(&c, HPDF_INFO_SUBJECT, m->subject);
	set_info(&c, HPDF_INFO_KEYWORDS, m->keywords);
	set_info(&c, HPDF_INFO_CREATOR, m->creator ? m->creator : "zorgdoc " ZORGDOC_VERSION);
	time_t t = render_doc_time(doc);
	struct tm tm;
	gmtime_r(&t, &tm);
	HPDF_Date date = { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		tm.tm_sec, 'Z', 0, 0 };
	HPDF_SetInfoDateAttr(c.pdf, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(c.pdf, HPDF_INFO_MOD_DATE, date);

	/* All pages and destinations first: a link may point forward. */
	for (size_t p = 0; p < doc->npages && !failed(&c); p++) {
		const dl_page *pg = &doc->pages[p];
		if (!(pg->width >= 3 && pg->height >= 3 && pg->width <= 14400 && pg->height <= 14400)) {
			rc = diag_error(d, NULL, 0, 0, "page %zu: page size out of range", p + 1);
			goto out;
		}
		c.pages[p] = HPDF_AddPage(c.pdf);
		HPDF_Page_SetWidth(c.pages[p], (HPDF_REAL)pg->width);
		HPDF_Page_SetHeight(c.pages[p], (HPDF_REAL)pg->height);
		for (size_t i = 0; i < pg->nops; i++) {
			if (pg->ops[i].kind != DL_ANCHOR)
				continue;
			const dl_anchor *an = &pg->ops[i].u.anchor;
			HPDF_Destination dst = dest_new(c.pages[p], an->x, pg->height - an->y);
			c.dests = xrealloc(c.dests, (c.ndests + 1) * sizeof *c.dests);
			c.dests[c.ndests].name = an->name;
			c.dests[c.ndests++].dst = dst;
		}
	}
	for (size_t p = 0; p < doc->npages && rc == 0; p++)
		rc = paint_page(&c, p);
	if (rc != 0)
		goto out;
	add_outline(&c, enc);
	for (size_t i = 0; i < opt->nattachments && !failed(&c); i++) {
		/* libharu reads the file itself; check it first for a clear error. */
		struct stat st;
		FILE *fp = fopen(opt->attachments[i].path, "rb");
		if (!fp || fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
			if (fp)
				fclose(fp);
			rc = diag_error(d, opt->attachments[i].path, 0, 0, "cannot read the attachment");
			goto out;
		}
		fclose(fp);
		if ((unsigned long long)st.st_size > RENDER_MAX_ATTACHMENT) {
			rc = diag_error(d, opt->attachments[i].path, 0, 0,
			    "attachment is larger than the limit of %u MiB", RENDER_MAX_ATTACHMENT >> 20);
			goto out;
		}
		if (!HPDF_AttachFile(c.pdf, opt->attachments[i].path)) {
			rc = diag_error(d, opt->attachments[i].path, 0, 0,
			    "libharu cannot attach the file");
			goto out;
		}
	}
	if (failed(&c) || HPDF_SaveToStream(c.pdf) != HPDF_OK) {
		rc = diag_error(d, NULL, 0, 0, "libharu error 0x%04X/%u", (unsigned)c.err.error,
		    (unsigned)c.err.detail);
		goto out;
	}
	HPDF_UINT32 size = HPDF_GetStreamSize(c.pdf);
	unsigned char *tmp = xmalloc(size ? size : 1);
	HPDF_UINT32 got = size;
	if (HPDF_GetContents(c.pdf, tmp, &got) != HPDF_OK || got != size) {
		free(tmp);
		rc = diag_error(d, NULL, 0, 0, "libharu: cannot read back the PDF");
		goto out;
	}
	buf_append(out, tmp, got);
	free(tmp);
out:
	HPDF_Free(c.pdf);
	free(c.fonts);
	free(c.pages);
	free(c.dests);
	free(c.images);
	buf_free(&c.seg);
	return rc;
}
