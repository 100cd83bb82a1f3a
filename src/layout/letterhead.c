/* letterhead — the letterhead at the top of the first page and the logo
 * (PNG or SVG, read once per document, sized from its own dimensions; or
 * an invoice's frozen JPEG, given inline as a data: URI). */
#define _GNU_SOURCE
#include "layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangofc-font.h>
#include <qrencode.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "../base/paths.h"
#include "../base/xmlsafe.h"
#include "hyph.h"
#include "../render/logoimg.h"


/* ---------- letterhead and images ---------- */

static int
png_size(const unsigned char *d, size_t n, double *w, double *h)
{
	if (n < 24 || memcmp(d, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(d + 12, "IHDR", 4) != 0)
		return -1;
	unsigned long pw = (unsigned long)d[16] << 24 | (unsigned long)d[17] << 16 |
	    (unsigned long)d[18] << 8 | d[19];
	unsigned long ph = (unsigned long)d[20] << 24 | (unsigned long)d[21] << 16 |
	    (unsigned long)d[22] << 8 | d[23];
	if (pw == 0 || ph == 0)
		return -1;
	*w = pw * 0.75; /* at 96 dpi; only the ratio matters */
	*h = ph * 0.75;
	return 0;
}

static double
svg_len(const char *s)
{
	if (!s)
		return 0;
	char *end;
	double v = strtod(s, &end);
	if (strncmp(end, "mm", 2) == 0)
		return v * MM;
	if (strncmp(end, "cm", 2) == 0)
		return v * 10 * MM;
	if (strncmp(end, "in", 2) == 0)
		return v * 72;
	if (strncmp(end, "pt", 2) == 0)
		return v;
	if (*end == '%')
		return 0;
	return v * 0.75;
}

static int
svg_size(const unsigned char *data, size_t n, const char *name, double *w, double *h)
{
	diag local = DIAG_INIT;
	xmlDocPtr x = xmlsafe_read_memory((const char *)data, n, name, &local);
	diag_free(&local);
	if (!x)
		return -1;
	xmlNodePtr r = xmlDocGetRootElement(x);
	int rc = -1;
	if (r && xmlStrEqual(r->name, (const xmlChar *)"svg")) {
		xmlChar *ws = xmlGetProp(r, (const xmlChar *)"width");
		xmlChar *hs = xmlGetProp(r, (const xmlChar *)"height");
		xmlChar *vb = xmlGetProp(r, (const xmlChar *)"viewBox");
		*w = svg_len((const char *)ws);
		*h = svg_len((const char *)hs);
		double a, b, vw = 0, vh = 0;
		if (vb && sscanf((const char *)vb, "%lf%*[ ,]%lf%*[ ,]%lf%*[ ,]%lf", &a, &b, &vw, &vh) == 4 &&
		    (*w <= 0 || *h <= 0)) {
			if (*w > 0 && vw > 0)
				*h = *w * vh / vw;
			else if (*h > 0 && vh > 0)
				*w = *h * vw / vh;
			else {
				*w = vw;
				*h = vh;
			}
		}
		rc = *w > 0 && *h > 0 ? 0 : -1;
		xmlFree(ws);
		xmlFree(hs);
		xmlFree(vb);
	}
	xmlFreeDoc(x);
	return rc;
}

int
logo_load(ctx *c)
{
	const doc_document *doc = c->doc;
	if (!doc->logo_href)
		return 0;
	const char *h = doc->logo_href;
	static const char jpeg_uri[] = "data:image/jpeg;base64,";
	if (strncmp(h, jpeg_uri, sizeof jpeg_uri - 1) == 0) {
		/* a frozen invoice logo (docs/invoice-snapshot.md) */
		const char *b64 = h + sizeof jpeg_uri - 1;
		size_t blen = strlen(b64);
		gsize len = 0;
		unsigned w = 0, ht = 0;
		/* GLib's decoder (sodium's constant-time one took 5 % of a
		 * zorgnota's layout); the JPEG's own header is checked below */
		unsigned char *data = blen <= MAX_IMAGE / 3 * 4 && strspn(b64,
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") == blen ?
		    g_base64_decode(b64, &len) : NULL;
		if (!data || logoimg_jpeg_size(data, len, &w, &ht) != 0 || w > LOGOIMG_MAX_SIDE ||
		    ht > LOGOIMG_MAX_SIDE) {
			g_free(data);
			return diag_error(c->d, doc->file, doc->logo_line, doc->logo_col,
			    "logo: the data: URI is not a base64 JPEG of at most %d pixels a side",
			    LOGOIMG_MAX_SIDE);
		}
		c->logo = xmalloc(len);
		memcpy(c->logo, data, len);
		g_free(data);
		c->logo_len = len;
		c->logo_kind = DL_IMAGE_JPEG;
		c->logo_w = w * 0.75;
		c->logo_h = ht * 0.75;
		return 0;
	}
	if (h[0] == '/' || strstr(h, "..") || strstr(h, "://") || strchr(h, '\\'))
		return diag_error(c->d, doc->file, doc->logo_line, doc->logo_col,
		    "logo: give a file name relative to the document (no '..', no URL)");
	char *path = xasprintf("%s/%s", doc->dir, h);
	char *data;
	size_t len;
	diag local = DIAG_INIT;
	int rc = fsio_read_file(path, MAX_IMAGE, &data, &len, &local);
	diag_free(&local);
	free(path);
	if (rc != 0)
		return diag_error(c->d, doc->file, doc->logo_line, doc->logo_col,
		    "logo: cannot read '%s' (a PNG or SVG file of at most 4 MiB)", h);
	c->logo = (unsigned char *)data;
	c->logo_len = len;
	if (png_size(c->logo, len, &c->logo_w, &c->logo_h) == 0) {
		c->logo_kind = DL_IMAGE_PNG;
		return 0;
	}
	if (svg_size(c->logo, len, h, &c->logo_w, &c->logo_h) == 0) {
		c->logo_kind = DL_IMAGE_SVG;
		return 0;
	}
	return diag_error(c->d, doc->file, doc->logo_line, doc->logo_col,
	    "logo: '%s' is not a PNG or an SVG with a size", h);
}

/* Fits the logo into maxw x maxh. */
void
logo_fit(const ctx *c, double maxw, double maxh, double *w, double *h)
{
	double k = maxw / c->logo_w;
	if (c->logo_h * k > maxh)
		k = maxh / c->logo_h;
	*w = c->logo_w * k;
	*h = c->logo_h * k;
}

/* A letterhead's name longer than this cannot fit in the letterhead
 * (it would take pages); refused before it is set, which for a name of
 * megabytes would take seconds. */
#define LH_NAME_MAX 1000

void
letterhead(ctx *c, double x, double w, atoms *out)
{
	const doc_document *doc = c->doc;
	if (doc->lh_name && g_utf8_strlen(doc->lh_name, -1) > LH_NAME_MAX) {
		diag_error(c->d, doc->file, 0, 0, "letterhead: the name is %ld characters long; "
		    "a letterhead holds at most %d", (long)g_utf8_strlen(doc->lh_name, -1),
		    LH_NAME_MAX);
		c->failed = 1;
		return;
	}
	atoms sub = { 0 };
	double lw = w;
	double logo_w = 0, logo_h = 0;
	if (c->logo) {
		logo_fit(c, 48 * MM, 20 * MM, &logo_w, &logo_h);
		lw = w - logo_w - 12;
	}
	tstyle ns = style_body(c);
	ns.size = c->body_size * 1.55;
	ns.leading = ns.size * 1.2;
	ns.bold = 1;
	ns.color = c->brand_text;
	ns.align = DOC_ALIGN_LEFT;
	ns.hyphenate = 0;
	para *p = para_make(c, NULL, NULL, doc->lh_name, &ns, lw);
	para_atoms(c, p, x, 0, &ns, &sub, 1);
	tstyle ls = style_small(c, style_body(c));
	ls.color = C_GREY;
	ls.align = DOC_ALIGN_LEFT;
	ls.hyphenate = 0;
	for (const doc_node *l = doc->lh_lines ? doc->lh_lines->first : NULL; l; l = l->next) {
		/* a line that starts below the logo has the full width */
		double top = atoms_height(&sub) + (l == doc->lh_lines->first ? 2 : 0);
		para *lp = para_make(c, l->first, NULL, NULL, &ls, top >= logo_h ? w : lw);
		para_atoms(c, lp, x, l == doc->lh_lines->first ? 2 : 0, &ls, &sub, 1);
	}
	atom *a = atom_add(out);
	atom_stack(a, &sub, 0);
	atoms_free(&sub);
	if (c->logo) {
		ditem *im = item_add(a, DI_LOGO);
		im->x = x + w - logo_w;
		im->y = 0;
		im->w = logo_w;
		im->h = logo_h;
		if (logo_h > a->h)
			a->h = logo_h;
	}
	a->h += 8;
	ditem *r = item_add(a, DI_RULE);
	r->x = x;
	r->x1 = x + w;
	r->y = r->y1 = a->h;
	r->lw = 1.2;
	r->c1 = c->brand;
	a->h += 20;
	a->kwn = 1;
}

