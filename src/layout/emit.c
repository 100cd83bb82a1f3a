/* emit — placed atoms to display-list operations, page by page: glyph
 * runs with their clusters (extractable text), links, rules, rectangles,
 * the logo, anchors and the outline; the running header and footer. */
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


/* ---------- emit ---------- */

static size_t
font_index(dl_doc *dl, PangoFont *f)
{
	for (size_t i = 0; i < dl->nfonts; i++)
		if (dl->fonts[i].pango == f)
			return i;
	dl_font df = { 0 };
	df.pango = f;
	PangoFontDescription *desc = pango_font_describe(f);
	df.family = (char *)pango_font_description_get_family(desc);
	df.weight = (int)pango_font_description_get_weight(desc);
	df.italic = pango_font_description_get_style(desc) != PANGO_STYLE_NORMAL;
	df.size = pango_font_description_get_size(desc) / (double)PANGO_SCALE;
	FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(f));
	FcChar8 *file = NULL;
	int index = 0;
	if (pat) {
		FcPatternGetString(pat, FC_FILE, 0, &file);
		FcPatternGetInteger(pat, FC_INDEX, 0, &index);
	}
	df.file = (char *)file;
	df.face_index = index;
	size_t r = dl_font_intern(dl, &df);
	pango_font_description_free(desc);
	return r;
}

static dl_color
run_color(const PangoItem *item, dl_color dflt)
{
	for (GSList *l = item->analysis.extra_attrs; l; l = l->next) {
		PangoAttribute *a = l->data;
		if (a->klass->type == PANGO_ATTR_FOREGROUND) {
			PangoColor *pc = &((PangoAttrColor *)a)->color;
			return (dl_color){ pc->red / 65535.0, pc->green / 65535.0, pc->blue / 65535.0, 1 };
		}
	}
	return dflt;
}

/* Emits one glyph run at x; every space is narrowed by `shrink` points
 * (see emit_line). Returns how much narrower the run came out. */
static double
emit_run(dl_doc *dl, dl_page *page, const char *text, PangoGlyphItem *run, double x,
    double base, dl_color dflt, double shrink)
{
	PangoItem *item = run->item;
	PangoGlyphString *gs = run->glyphs;
	double shift = 0;
	if (gs->num_glyphs == 0)
		return 0;
	const char *t = text + item->offset;
	dl_op *op = dl_op_add(page, DL_TEXT);
	dl_text *tx = &op->u.text;
	tx->font = font_index(dl, item->analysis.font);
	tx->color = run_color(item, dflt);
	tx->x = x;
	tx->y = base;
	tx->glyphs = xmalloc((size_t)gs->num_glyphs * sizeof *tx->glyphs);
	tx->clusters = xmalloc((size_t)gs->num_glyphs * sizeof *tx->clusters);
	buf out = BUF_INIT;
	double adv = 0;
	int i = 0;
	while (i < gs->num_glyphs) {
		int b0 = gs->log_clusters[i];
		int j = i + 1;
		while (j < gs->num_glyphs && gs->log_clusters[j] == b0)
			j++;
		/* A cluster's bytes end where the logically next cluster
		 * starts: the glyph group to the right in a left-to-right run,
		 * to the left in a right-to-left one (Arabic, Hebrew), whose
		 * glyphs come in visual order. The text goes in glyph order,
		 * as PDF readers expect of right-to-left runs. */
		int b1;
		if (item->analysis.level & 1)
			b1 = i > 0 ? gs->log_clusters[i - 1] : item->length;
		else
			b1 = j < gs->num_glyphs ? gs->log_clusters[j] : item->length;
		if (b1 < b0)  /* not monotonic: keep the rest in one go */
			b1 = item->length;
		int ng = 0;
		for (int k = i; k < j; k++) {
			PangoGlyphInfo *g = &gs->glyphs[k];
			if (g->glyph != PANGO_GLYPH_EMPTY) {
				dl_glyph *dg = &tx->glyphs[tx->nglyphs++];
				dg->index = (g->glyph & PANGO_GLYPH_UNKNOWN_FLAG) ? 0 : g->glyph;
				dg->x = x + (adv + g->geometry.x_offset) / PANGO_SCALE - shift;
				dg->y = base + g->geometry.y_offset / (double)PANGO_SCALE;
				ng++;
			}
			adv += g->geometry.width;
		}
		int soft = b1 - b0 == 2 && (unsigned char)t[b0] == 0xC2 && (unsigned char)t[b0 + 1] == 0xAD;
		if (b1 - b0 == 1 && t[b0] == ' ')
			shift += shrink;
		if (ng == 0) {
			/* nothing visible: a soft hyphen inside a line is dropped;
			 * other text joins the previous cluster */
			if (!soft && b1 > b0) {
				buf_append(&out, t + b0, (size_t)(b1 - b0));
				if (tx->nclusters > 0)
					tx->clusters[tx->nclusters - 1].num_bytes += b1 - b0;
				else
					tx->clusters[tx->nclusters++] = (dl_cluster){ b1 - b0, 0 };
			}
		} else if (soft) {
			buf_putc(&out, '-'); /* a soft hyphen at the end of a line shows as '-' */
			tx->clusters[tx->nclusters++] = (dl_cluster){ 1, ng };
		} else {
			buf_append(&out, t + b0, (size_t)(b1 - b0));
			tx->clusters[tx->nclusters++] = (dl_cluster){ b1 - b0, ng };
		}
		i = j;
	}
	/* a leading zero-glyph cluster cannot stand alone: fold it into the next */
	if (tx->nclusters > 1 && tx->clusters[0].num_glyphs == 0) {
		tx->clusters[1].num_bytes += tx->clusters[0].num_bytes;
		memmove(tx->clusters, tx->clusters + 1, (tx->nclusters - 1) * sizeof *tx->clusters);
		tx->nclusters--;
	}
	tx->width = adv / PANGO_SCALE - shift;
	tx->text_len = out.len;
	tx->text = buf_detach(&out);
	if (tx->nglyphs == 0) {
		/* only invisible text: drop the op again */
		free(tx->text);
		free(tx->glyphs);
		free(tx->clusters);
		page->nops--;
	}
	return shift;
}

static void
emit_line(dl_doc *dl, dl_page *page, const ditem *it, double top)
{
	PangoLayoutLine *line = para_line(it->para, it->line_no);
	if (!line)
		return;
	const char *text = pango_layout_get_text(it->para->layout);
	double base = top + it->y;
	double x = it->x;
	/* pango 1.50 justifies a line before it adds the hyphen of a break at
	 * a soft hyphen, so such lines stick out by the hyphen's width: take
	 * it back from the spaces */
	double shrink = 0;
	if (pango_layout_get_justify(it->para->layout)) {
		double total = 0;
		int spaces = 0;
		for (GSList *l = line->runs; l; l = l->next) {
			PangoGlyphItem *run = l->data;
			total += pango_glyph_string_get_width(run->glyphs);
			const char *t = text + run->item->offset;
			for (int k = 0; k < run->item->length; k++)
				spaces += t[k] == ' ';
		}
		double over = (total - pango_layout_get_width(it->para->layout)) / PANGO_SCALE;
		if (over > 0.01 && spaces > 0)
			shrink = over / spaces;
	}
	for (GSList *l = line->runs; l; l = l->next) {
		PangoGlyphItem *run = l->data;
		double shift = emit_run(dl, page, text, run, x, base, it->para->color, shrink);
		x += pango_glyph_string_get_width(run->glyphs) / (double)PANGO_SCALE - shift;
	}
	for (size_t k = 0; k < it->para->nlinks; k++) {
		const link_range *lr = &it->para->links[k];
		int ls = line->start_index, le = line->start_index + line->length;
		int s = lr->start > ls ? lr->start : ls;
		int e = lr->end < le ? lr->end : le;
		if (s >= e)
			continue;
		int *ranges = NULL, n = 0;
		pango_layout_line_get_x_ranges(line, s, e, &ranges, &n);
		for (int r = 0; r < n; r++) {
			double x0 = it->w + ranges[2 * r] / (double)PANGO_SCALE;
			double x1 = it->w + ranges[2 * r + 1] / (double)PANGO_SCALE;
			if (x1 - x0 < 0.5)
				continue;
			dl_add_link(page, x0, base - it->h * 0.78, x1 - x0, it->h, lr->uri, lr->dest);
		}
		g_free(ranges);
	}
}

void
emit_atom(ctx *c, dl_doc *dl, dl_page *page, size_t pageno, const atom *a, double top,
    double ext)
{
	for (size_t k = 0; k < a->n; k++) {
		const ditem *it = &a->items[k];
		switch (it->kind) {
		case DI_LINE:
			emit_line(dl, page, it, top);
			break;
		case DI_RULE: {
			double y0 = top + it->y;
			if (ext > 0 && it->x == it->x1 && it->y == 0)
				y0 -= ext; /* a cell's side edge reaches up to the row above */
			dl_add_line(page, it->x, y0, it->x1, top + it->y1, it->lw, it->c1);
			break;
		}
		case DI_RECT:
			dl_add_rect(page, it->x, top + it->y, it->w, it->h, it->fill ? &it->c1 : NULL,
			    it->fill ? 0 : it->lw, it->fill ? NULL : &it->c2);
			break;
		case DI_LOGO: {
			unsigned char *copy = xmalloc(c->logo_len);
			memcpy(copy, c->logo, c->logo_len);
			dl_add_image(page, it->x, top + it->y, it->w, it->h, c->logo_kind, copy, c->logo_len);
			break;
		}
		case DI_ANCHOR:
			dl_add_anchor(page, it->name, MARGIN_L, top + it->y);
			break;
		case DI_OUTLINE:
			dl_add_outline(dl, it->title, it->level, pageno, top + it->y, it->name);
			break;
		case DI__MAX:
			break;
		}
	}
}

void
running(ctx *c, dl_doc *dl, dl_page *page, const doc_running *r, double base, int is_header)
{
	tstyle st = style_body(c);
	st.size = c->body_size * 0.78;
	st.leading = st.size * 1.2;
	st.color = C_GREY;
	st.hyphenate = 0;
	double w = PAGE_W - MARGIN_L - MARGIN_R;
	static const doc_align al[3] = { DOC_ALIGN_LEFT, DOC_ALIGN_CENTER, DOC_ALIGN_RIGHT };
	double slot_w = w;
	double logo_w = 0, logo_h = 0;
	if (is_header && r->logo && c->logo) {
		logo_fit(c, 30 * MM, 8 * MM, &logo_w, &logo_h);
		slot_w = w - logo_w - 8;
		unsigned char *copy = xmalloc(c->logo_len);
		memcpy(copy, c->logo, c->logo_len);
		dl_add_image(page, MARGIN_L + w - logo_w, base + 2 - logo_h, logo_w, logo_h,
		    c->logo_kind, copy, c->logo_len);
	}
	for (int i = 0; i < 3; i++) {
		if (!r->slot[i])
			continue;
		st.align = al[i];
		para *p = para_make(c, r->slot[i]->first, NULL, NULL, &st, slot_w);
		PangoLayoutIter *it = pango_layout_get_iter(p->layout);
		double b0 = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
		PangoRectangle log;
		pango_layout_iter_get_line_extents(it, NULL, &log);
		pango_layout_iter_free(it);
		ditem d = { .kind = DI_LINE, .para = p, .line_no = 0,
			.x = MARGIN_L + log.x / (double)PANGO_SCALE, .w = MARGIN_L,
			.y = b0, .h = log.height / (double)PANGO_SCALE };
		emit_line(dl, page, &d, base - b0);
	}
	double ry = is_header ? base + 5 : base - st.size - 4;
	dl_add_line(page, MARGIN_L, ry, PAGE_W - MARGIN_R, ry, 0.4, C_RULE);
}

