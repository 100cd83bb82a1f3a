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

/* Emits one glyph run at x; every stretchable space before byte index
 * f->end gets f->extra points more (see para_line_fill). Returns how much
 * wider the run came out. */
static double
emit_run(dl_doc *dl, dl_page *page, const char *text, PangoGlyphItem *run, double x,
    double base, dl_color dflt, const line_fill *f)
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
		int zwsp = b1 - b0 == 3 && (memcmp(t + b0, HYPH_ZWSP, 3) == 0 ||
		    memcmp(t + b0, HYPH_WJ, 3) == 0);
		if (f->extra != 0 && item->offset + b0 < f->end &&
		    ((b1 - b0 == 1 && t[b0] == ' ') ||
		    (b1 - b0 == 2 && (unsigned char)t[b0] == 0xC2 && (unsigned char)t[b0 + 1] == 0xA0)))
			shift -= f->extra;
		if (ng == 0) {
			/* nothing visible: a soft hyphen inside a line, a
			 * zero-width break and a word joiner are dropped; other
			 * text joins the
			 * previous cluster */
			if (!soft && !zwsp && b1 > b0) {
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
	return -shift;
}

/* How far right justification moved the character at byte index i of
 * the line (the stretchable spaces before it). */
static double
stretch_before(const char *text, const PangoLayoutLine *line, const line_fill *f, int i)
{
	if (f->extra == 0)
		return 0;
	int n = 0, e = i < f->end ? i : f->end;
	for (int k = line->start_index; k < e; k++)
		n += text[k] == ' ' || ((unsigned char)text[k] == 0xC2 && (unsigned char)text[k + 1] == 0xA0);
	return n * f->extra;
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
	/* justified paragraphs are set ragged and spread here (para.c) */
	line_fill f;
	para_line_fill(it->para, it->line_no, &f);
	for (GSList *l = line->runs; l; l = l->next) {
		PangoGlyphItem *run = l->data;
		double grown = emit_run(dl, page, text, run, x, base, it->para->color, &f);
		x += pango_glyph_string_get_width(run->glyphs) / (double)PANGO_SCALE + grown;
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
			double x0 = it->w + ranges[2 * r] / (double)PANGO_SCALE +
			    stretch_before(text, line, &f, s);
			double x1 = it->w + ranges[2 * r + 1] / (double)PANGO_SCALE +
			    stretch_before(text, line, &f, e);
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

/* The width of a slot's text set on one line. */
static double
slot_natural(ctx *c, const doc_node *slot, tstyle st)
{
	st.align = DOC_ALIGN_LEFT;
	para *p = para_make(c, slot->first, NULL, NULL, &st, 100000);
	PangoRectangle log;
	pango_layout_get_extents(p->layout, NULL, &log);
	return log.width / (double)PANGO_SCALE;
}

/* Each slot's share of the width w: a slot that fits keeps its natural
 * width; the centre stays centred; the sides never reach into each
 * other or the centre (a gap between them). */
static void
slot_shares(const double nat[3], const int has[3], double w, double gap, double share[3])
{
	share[0] = share[1] = share[2] = 0;
	if (has[1]) {
		double side = 0;
		for (int i = 0; i < 3; i += 2)
			if (has[i] && nat[i] > side)
				side = nat[i];
		double room = w - 2 * (side + gap);
		if (!has[0] && !has[2])
			room = w;
		share[1] = nat[1] < room ? nat[1] : room > w / 3 ? room : w / 3;
		share[0] = share[2] = (w - share[1]) / 2 - gap;
	} else if (has[0] && has[2]) {
		int s = nat[0] <= nat[2] ? 0 : 2; /* the shorter keeps its width */
		share[s] = nat[s] < w / 2 - gap / 2 ? nat[s] : w / 2 - gap / 2;
		share[2 - s] = w - share[s] - gap;
	} else {
		share[0] = share[2] = w;
	}
}

void
running(ctx *c, dl_doc *dl, dl_page *page, size_t pageno, const doc_running *r, double base,
    int is_header)
{
	tstyle st0 = style_body(c);
	st0.size = c->body_size * 0.78;
	st0.leading = st0.size * 1.2;
	st0.color = C_GREY;
	st0.hyphenate = 0;
	double w = PAGE_W - MARGIN_L - MARGIN_R;
	static const doc_align al[3] = { DOC_ALIGN_LEFT, DOC_ALIGN_CENTER, DOC_ALIGN_RIGHT };
	const double gap = 12;
	double slot_w = w;
	double logo_w = 0, logo_h = 0;
	run_box box[4] = { 0 };
	if (is_header && r->logo && c->logo) {
		logo_fit(c, 30 * MM, 8 * MM, &logo_w, &logo_h);
		slot_w = w - logo_w - 8;
		unsigned char *copy = xmalloc(c->logo_len);
		memcpy(copy, c->logo, c->logo_len);
		double lx = MARGIN_L + w - logo_w, ly = base + 2 - logo_h;
		dl_add_image(page, lx, ly, logo_w, logo_h, c->logo_kind, copy, c->logo_len);
		box[3] = (run_box){ lx, ly, lx + logo_w, ly + logo_h, 1, NULL };
	}
	double nat[3] = { 0 }, share[3];
	int has[3];
	for (int i = 0; i < 3; i++) {
		has[i] = r->slot[i] != NULL;
		if (has[i])
			nat[i] = slot_natural(c, r->slot[i], st0);
	}
	slot_shares(nat, has, slot_w, gap, share);
	for (int i = 0; i < 3; i++) {
		if (!has[i])
			continue;
		tstyle st = st0;
		st.align = al[i];
		double sw = share[i];
		if (nat[i] > sw && nat[i] * 0.9 <= sw) {
			/* a little too long: a slightly smaller size on one line */
			st.size *= sw / nat[i] * 0.995;
			st.leading = st.size * 1.2;
		}
		para *p = para_make(c, r->slot[i]->first, NULL, NULL, &st, sw);
		if (pango_layout_get_line_count(p->layout) > 2) {
			/* three lines or more: slightly smaller, then wrap again */
			st.size = st0.size * 0.9;
			st.leading = st.size * 1.2;
			p = para_make(c, r->slot[i]->first, NULL, NULL, &st, sw);
		}
		double sx = i == 0 ? MARGIN_L : i == 2 ? MARGIN_L + slot_w - sw :
		    MARGIN_L + (slot_w - sw) / 2;
		/* the footer's first line and the header's last sit on the base
		 * line: a header grows up, a footer down */
		int nlines = pango_layout_get_line_count(p->layout);
		PangoLayoutIter *it = pango_layout_get_iter(p->layout);
		double anchor = 0;
		int line_no = 0;
		do {
			if (line_no == (is_header ? nlines - 1 : 0))
				anchor = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
			line_no++;
		} while (pango_layout_iter_next_line(it));
		pango_layout_iter_free(it);
		double top = base - anchor;
		it = pango_layout_get_iter(p->layout);
		line_no = 0;
		run_box *b = &box[i];
		b->para = p;
		do {
			double b0 = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
			PangoRectangle ink, log;
			pango_layout_iter_get_line_extents(it, &ink, &log);
			ditem d = { .kind = DI_LINE, .para = p, .line_no = line_no,
				.x = sx + log.x / (double)PANGO_SCALE, .w = sx,
				.y = b0, .h = log.height / (double)PANGO_SCALE };
			emit_line(dl, page, &d, top);
			if (ink.width > 0 && ink.height > 0) {
				double x0 = sx + ink.x / (double)PANGO_SCALE;
				double y0 = top + ink.y / (double)PANGO_SCALE;
				double x1 = x0 + ink.width / (double)PANGO_SCALE;
				double y1 = y0 + ink.height / (double)PANGO_SCALE;
				if (!b->used) {
					*b = (run_box){ x0, y0, x1, y1, 1, p };
				} else {
					b->x0 = x0 < b->x0 ? x0 : b->x0;
					b->y0 = y0 < b->y0 ? y0 : b->y0;
					b->x1 = x1 > b->x1 ? x1 : b->x1;
					b->y1 = y1 > b->y1 ? y1 : b->y1;
				}
			}
			line_no++;
		} while (pango_layout_iter_next_line(it));
		pango_layout_iter_free(it);
	}
	for (int i = 0; i < 3 && !c->failed; i++)
		if (box[i].used && (box[i].y0 < 0 || box[i].y1 > PAGE_H)) {
			/* text off the paper would be lost: never silently */
			diag_error(c->d, c->doc->file, r->slot[i]->line, r->slot[i]->col,
			    "the running %s's text is too long for the page (%d lines)",
			    is_header ? "header" : "footer",
			    pango_layout_get_line_count(box[i].para->layout));
			c->failed = 1;
		}
	double ry = is_header ? base + 5 : base - st0.size - 4;
	dl_add_line(page, MARGIN_L, ry, PAGE_W - MARGIN_R, ry, 0.4, C_RULE);
	if (layout_audit_get() != LAYOUT_AUDIT_OFF) {
		/* the band: between the paper's edge (less 5 mm) and the rule */
		double lo = is_header ? 5 * MM : ry, hi = is_header ? ry : PAGE_H - 5 * MM;
		audit_running(c, pageno + 1, box, 4, MARGIN_L, PAGE_W - MARGIN_R, lo, hi);
	}
}

/* The mark of a draft (meta/draft, e.g. "CONCEPT"): bold red capitals
 * centred in the top margin of every page, above the running header and
 * the letterhead, so no page of a draft can pass for the final text. */
void
emit_draft_mark(ctx *c, dl_doc *dl, dl_page *page, const char *text)
{
	static const dl_color red = { 0.72, 0.07, 0.07, 1 };
	tstyle st = style_body(c);
	st.size = c->body_size;
	st.leading = st.size * 1.2;
	st.bold = 1;
	st.color = red;
	st.hyphenate = 0;
	st.align = DOC_ALIGN_CENTER;
	double w = PAGE_W - MARGIN_L - MARGIN_R;
	para *p = para_make(c, NULL, NULL, text, &st, w);
	PangoLayoutIter *it = pango_layout_get_iter(p->layout);
	double b0 = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
	PangoRectangle log;
	pango_layout_iter_get_line_extents(it, NULL, &log);
	pango_layout_iter_free(it);
	ditem d = { .kind = DI_LINE, .para = p, .line_no = 0,
		.x = MARGIN_L + log.x / (double)PANGO_SCALE, .w = MARGIN_L,
		.y = b0, .h = log.height / (double)PANGO_SCALE };
	emit_line(dl, page, &d, DRAFT_BASE - b0);
}
