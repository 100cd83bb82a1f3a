/* logoimg — freezes a practice's logo for an invoice snapshot (a small
 * JPEG at its printed size, on white) and decodes such a JPEG for cairo.
 * See logoimg.h and docs/invoice-snapshot.md. */
#include "logoimg.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <librsvg/rsvg.h>

#include "../base/buf.h"

/* A logo larger than this many pixels is refused before it is decoded. */
#define FREEZE_MAX_PIXELS (4096.0 * 4096.0)

int
logoimg_jpeg_size(const unsigned char *d, size_t n, unsigned *w, unsigned *h)
{
	if (n < 4 || d[0] != 0xFF || d[1] != 0xD8)
		return -1;
	size_t i = 2;
	while (i + 4 <= n) {
		if (d[i] != 0xFF)
			return -1;
		unsigned m = d[i + 1];
		if (m == 0xFF) {
			i++;
			continue;
		}
		size_t seglen = (size_t)d[i + 2] << 8 | d[i + 3];
		if (seglen < 2)
			return -1;
		/* SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC) */
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (i + 9 > n)
				return -1;
			*h = (unsigned)d[i + 5] << 8 | d[i + 6];
			*w = (unsigned)d[i + 7] << 8 | d[i + 8];
			return *w && *h ? 0 : -1;
		}
		i += 2 + seglen;
	}
	return -1;
}

cairo_surface_t *
logoimg_jpeg_decode(const unsigned char *data, size_t len, diag *d)
{
	unsigned w, h;
	if (logoimg_jpeg_size(data, len, &w, &h) != 0 || w > LOGOIMG_MAX_SIDE ||
	    h > LOGOIMG_MAX_SIDE) {
		diag_error(d, NULL, 0, 0, "logo: not a JPEG of at most %d pixels a side",
		    LOGOIMG_MAX_SIDE);
		return NULL;
	}
	GError *err = NULL;
	GdkPixbufLoader *ld = gdk_pixbuf_loader_new_with_type("jpeg", &err);
	GdkPixbuf *pb = NULL;
	if (ld && gdk_pixbuf_loader_write(ld, data, len, &err) && gdk_pixbuf_loader_close(ld, &err))
		pb = gdk_pixbuf_loader_get_pixbuf(ld);
	else if (ld)
		gdk_pixbuf_loader_close(ld, NULL);
	g_clear_error(&err);
	if (!pb || gdk_pixbuf_get_n_channels(pb) < 3 || gdk_pixbuf_get_bits_per_sample(pb) != 8 ||
	    gdk_pixbuf_get_width(pb) != (int)w || gdk_pixbuf_get_height(pb) != (int)h) {
		if (ld)
			g_object_unref(ld);
		diag_error(d, NULL, 0, 0, "logo: cannot read the JPEG image");
		return NULL;
	}
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
	cairo_surface_flush(s);
	unsigned char *dst = cairo_image_surface_get_data(s);
	int dstride = cairo_image_surface_get_stride(s);
	const unsigned char *src = gdk_pixbuf_read_pixels(pb);
	int sstride = gdk_pixbuf_get_rowstride(pb), nc = gdk_pixbuf_get_n_channels(pb);
	for (unsigned y = 0; y < h; y++) {
		uint32_t *row = (uint32_t *)(void *)(dst + (size_t)y * (size_t)dstride);
		const unsigned char *p = src + (size_t)y * (size_t)sstride;
		for (unsigned x = 0; x < w; x++, p += nc)
			row[x] = 0xFF000000u | (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
	}
	cairo_surface_mark_dirty(s);
	g_object_unref(ld);
	return s;
}

static cairo_status_t
read_mem(void *closure, unsigned char *out, unsigned int n)
{
	const unsigned char **p = closure; /* p[0] cursor, p[1] end */
	if ((size_t)(p[1] - p[0]) < n)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, p[0], n);
	p[0] += n;
	return CAIRO_STATUS_SUCCESS;
}

int
logoimg_freeze(const unsigned char *data, size_t len, const char *name, double max_w,
    double max_h, double dpi, unsigned char **jpeg, size_t *jlen, diag *d)
{
	*jpeg = NULL;
	*jlen = 0;
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	cairo_surface_t *png = NULL;
	RsvgHandle *svg = NULL;
	double iw = 0, ih = 0; /* intrinsic size, any unit: only the ratio counts */
	if (len >= 33 && memcmp(data, sig, 8) == 0 && memcmp(data + 12, "IHDR", 4) == 0) {
		const unsigned char *p = data + 16;
		uint32_t w = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
		uint32_t h = (uint32_t)p[4] << 24 | (uint32_t)p[5] << 16 | (uint32_t)p[6] << 8 | p[7];
		if (w == 0 || h == 0 || w > 32767 || h > 32767 || (double)w * h > FREEZE_MAX_PIXELS)
			return diag_error(d, NULL, 0, 0, "logo '%s': a PNG of %ux%u pixels is too "
			    "large (at most %.0f pixels in all)", name, w, h, FREEZE_MAX_PIXELS);
		const unsigned char *cur[2] = { data, data + len };
		png = cairo_image_surface_create_from_png_stream(read_mem, cur);
		if (cairo_surface_status(png) != CAIRO_STATUS_SUCCESS) {
			cairo_surface_destroy(png);
			return diag_error(d, NULL, 0, 0, "logo '%s': cannot read the PNG image", name);
		}
		iw = w;
		ih = h;
	} else {
		GError *err = NULL;
		/* from memory, without a base file: no external references */
		svg = rsvg_handle_new_from_data(data, len, &err);
		g_clear_error(&err);
		if (!svg || !rsvg_handle_get_intrinsic_size_in_pixels(svg, &iw, &ih)) {
			/* only a viewBox: its ratio */
			RsvgRectangle vb;
			gboolean has_vb = FALSE;
			if (svg)
				rsvg_handle_get_intrinsic_dimensions(svg, NULL, NULL, NULL, NULL, &has_vb, &vb);
			if (!has_vb) {
				if (svg)
					g_object_unref(svg);
				return diag_error(d, NULL, 0, 0, "logo '%s': not a PNG or an SVG "
				    "with a size", name);
			}
			iw = vb.width;
			ih = vb.height;
		}
		if (!(iw > 0 && ih > 0 && isfinite(iw) && isfinite(ih))) {
			g_object_unref(svg);
			return diag_error(d, NULL, 0, 0, "logo '%s': the SVG has no size", name);
		}
	}
	/* the printed size, then pixels at dpi */
	double k = fmin(max_w / iw, max_h / ih);
	double pw = fmax(1, fmin(LOGOIMG_MAX_SIDE, round(iw * k * dpi / 72)));
	double ph = fmax(1, fmin(LOGOIMG_MAX_SIDE, round(ih * k * dpi / 72)));
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)pw, (int)ph);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	int ok = 1;
	if (png) {
		cairo_scale(cr, pw / iw, ph / ih);
		cairo_set_source_surface(cr, png, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
		cairo_paint(cr);
	} else {
		RsvgRectangle vp = { 0, 0, pw, ph };
		GError *err = NULL;
		ok = rsvg_handle_render_document(svg, cr, &vp, &err);
		g_clear_error(&err);
	}
	ok = ok && cairo_status(cr) == CAIRO_STATUS_SUCCESS;
	cairo_destroy(cr);
	if (png)
		cairo_surface_destroy(png);
	if (svg)
		g_object_unref(svg);
	if (!ok) {
		cairo_surface_destroy(s);
		return diag_error(d, NULL, 0, 0, "logo '%s': cannot draw the image", name);
	}
	/* to RGB bytes, then JPEG */
	cairo_surface_flush(s);
	int w = (int)pw, h = (int)ph;
	GdkPixbuf *pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, w, h);
	unsigned char *dst = gdk_pixbuf_get_pixels(pb);
	int dstride = gdk_pixbuf_get_rowstride(pb), sstride = cairo_image_surface_get_stride(s);
	const unsigned char *src = cairo_image_surface_get_data(s);
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(const void *)(src + (size_t)y * (size_t)sstride);
		unsigned char *q = dst + (size_t)y * (size_t)dstride;
		for (int x = 0; x < w; x++) {
			*q++ = (unsigned char)(row[x] >> 16);
			*q++ = (unsigned char)(row[x] >> 8);
			*q++ = (unsigned char)row[x];
		}
	}
	cairo_surface_destroy(s);
	gchar *out = NULL;
	gsize outlen = 0;
	GError *err = NULL;
	gboolean saved = gdk_pixbuf_save_to_buffer(pb, &out, &outlen, "jpeg", &err, "quality",
	    "92", (char *)NULL);
	g_clear_error(&err);
	g_object_unref(pb);
	if (!saved || !out)
		return diag_error(d, NULL, 0, 0, "logo '%s': cannot encode the image", name);
	*jpeg = xmalloc(outlen);
	memcpy(*jpeg, out, outlen);
	*jlen = outlen;
	g_free(out);
	return 0;
}
