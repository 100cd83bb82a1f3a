/* table — tables to atoms: column widths, one atom per row (header rows
 * kept for repeating on continued pages), tall rows split into bands that
 * break between lines. */
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



/* A box of blocks, unbreakable: lays out blocks at x,w and stacks them. */
void
box_of(ctx *c, const doc_node *parent, double x, double w, tstyle st, int depth,
    double pad, atom *dst)
{
	atoms sub = { 0 };
	flow_mixed(c, parent, x, w, st, depth, &sub);
	atom_stack(dst, &sub, pad);
	dst->h += pad;
	atoms_free(&sub);
}

double
parse_len(const char *s, double total, double *star)
{
	*star = 0;
	if (!s)
		return (*star = 1, 0);
	char *end;
	double v = strtod(s, &end);
	if (strcmp(end, "*") == 0)
		return (*star = v, 0);
	if (strcmp(end, "%") == 0)
		return total * v / 100.0;
	if (strcmp(end, "mm") == 0)
		return v * MM;
	return v; /* pt */
}

static void
row_atom(ctx *c, const doc_node *row, const double *colx, const double *colw,
    const doc_align *colal, size_t ncols, int header, doc_rules rules, tstyle st,
    int depth, atom *dst)
{
	size_t ci = 0;
	double right = colx[ncols - 1] + colw[ncols - 1];
	tstyle cs = st;
	if (header || row->row_kind != DOC_ROW_NORMAL)
		cs.bold = 1;
	for (const doc_node *cell = row->first; cell && ci < ncols; cell = cell->next) {
		if (cell->kind != DOC_CELL)
			continue;
		size_t span = (size_t)cell->span;
		if (ci + span > ncols)
			span = ncols - ci;
		double cx = colx[ci];
		double cw = colx[ci + span - 1] + colw[ci + span - 1] - cx;
		tstyle s = cs;
		s.align = cell->align != DOC_ALIGN_DEFAULT ? cell->align : colal[ci];
		if (s.align == DOC_ALIGN_DEFAULT || s.align == DOC_ALIGN_JUSTIFY)
			s.align = DOC_ALIGN_LEFT;
		if (header && s.align == DOC_ALIGN_NUMERIC)
			s.align = DOC_ALIGN_RIGHT;
		s.hyphenate = st.hyphenate && cw > 90;
		atom box = { 0 };
		box_of(c, cell, cx + CELL_PAD_X, cw - 2 * CELL_PAD_X, s, depth, CELL_PAD_Y, &box);
		if (box.h > dst->h)
			dst->h = box.h;
		for (size_t k = 0; k < box.n; k++)
			*item_add(dst, box.items[k].kind) = box.items[k];
		free(box.items);
		if (rules == DOC_RULES_GRID) {
			/* drawn after the height is known: remember the cell */
			ditem *r = item_add(dst, DI_RECT);
			r->x = cx;
			r->w = cw;
			r->lw = 0.5;
			r->c2 = C_RULE;
			r->level = -1; /* height: the row's, set below */
		}
		ci += span;
	}
	for (size_t k = 0; k < dst->n; k++)
		if (dst->items[k].kind == DI_RECT && dst->items[k].level == -1)
			dst->items[k].h = dst->h;
	if (row->row_kind != DOC_ROW_NORMAL && rules != DOC_RULES_GRID) {
		ditem *r = item_add(dst, DI_RULE);
		r->x = colx[0];
		r->x1 = right;
		r->y = r->y1 = 0;
		r->lw = row->row_kind == DOC_ROW_TOTAL ? 0.8 : 0.4;
		r->c1 = C_TEXT;
	}
	if (header && rules != DOC_RULES_NONE && rules != DOC_RULES_GRID) {
		ditem *r = item_add(dst, DI_RULE);
		r->x = colx[0];
		r->x1 = right;
		r->y = r->y1 = dst->h;
		r->lw = 0.8;
		r->c1 = C_TEXT;
	} else if (header && rules == DOC_RULES_GRID) {
		ditem *r = item_add(dst, DI_RECT);
		r->x = colx[0];
		r->w = right - colx[0];
		r->h = dst->h;
		r->fill = 1;
		r->c1 = (dl_color){ 0.93, 0.93, 0.93, 1 };
		/* the fill goes under the text: move it to the front */
		ditem tmp = dst->items[dst->n - 1];
		memmove(dst->items + 1, dst->items, (dst->n - 1) * sizeof *dst->items);
		dst->items[0] = tmp;
	}
	if (!header && rules == DOC_RULES_ROWS) {
		ditem *r = item_add(dst, DI_RULE);
		r->x = colx[0];
		r->x1 = right;
		r->y = r->y1 = dst->h;
		r->lw = 0.3;
		r->c1 = C_RULE;
	}
}

/* Splits out->a[i] (the last atom), a tall table row, into bands of at
 * most maxh, cut between lines where possible, so that it can break
 * across pages. Items go to the band that holds them; cell boxes become
 * their side edges in every band, the top edge in the first and the
 * bottom edge in the last. */
/* Would a cut at y leave a single line of some paragraph on one side? */
static int
cut_strands_a_line(const atom *big, double y)
{
	for (size_t k = 0; k < big->n; k++) {
		const ditem *d = &big->items[k];
		if (d->kind != DI_LINE)
			continue;
		int before = 0, after = 0;
		for (size_t m = 0; m < big->n; m++) {
			const ditem *e = &big->items[m];
			if (e->kind == DI_LINE && e->para == d->para) {
				if (e->y < y)
					before++;
				else
					after++;
			}
		}
		if (before > 0 && after > 0 && (before == 1 || after == 1))
			return 1;
	}
	return 0;
}

static void
atom_split(atoms *out, size_t i, double maxh)
{
	atom big = out->a[i];
	out->n--; /* big is the last atom: replaced by its bands */
	double s = 0;
	int first = 1, nband = 0;
	while (s < big.h - 0.01) {
		double cut = big.h;
		if (big.h - s > maxh) {
			/* the lowest line bottom within reach that no line straddles;
			 * when none is in reach (a gap between paragraphs), the next
			 * one beyond */
			double best = -1, next = -1;
			for (size_t k = 0; k < big.n; k++) {
				const ditem *d = &big.items[k];
				if (d->kind != DI_LINE)
					continue;
				double bottom = d->y + 0.3 * d->h;
				if (bottom <= s + 1)
					continue;
				int safe = 1;
				for (size_t m = 0; m < big.n && safe; m++) {
					const ditem *e = &big.items[m];
					if (e->kind == DI_LINE && e->y - 0.8 * e->h < bottom - 0.01 &&
					    e->y + 0.3 * e->h > bottom + 0.01)
						safe = 0;
				}
				if (!safe)
					continue;
				if (bottom <= s + maxh && bottom > best)
					best = bottom;
				if (bottom > s + maxh && (next < 0 || bottom < next))
					next = bottom;
			}
			cut = best > 0 ? best : next > 0 ? next : big.h;
			if (cut > big.h)
				cut = big.h;
		}
		double pad = 0;
		atom *b = atom_add(out);
		b->h = cut - s;
		/* a band that starts a page gets the cell's top padding again */
		b->top_pad = first ? 0 : CELL_PAD_Y;
		b->space = first ? big.space : 0;
		b->table = big.table;
		b->first_row = first ? big.first_row : 0;
		b->band = ++nband;
		b->row_h = big.h;
		for (size_t k = 0; k < big.n; k++) {
			const ditem *d = &big.items[k];
			int mine;
			switch (d->kind) {
			case DI_LINE:
				mine = d->y >= s && (d->y < cut || cut >= big.h);
				break;
			case DI_RECT:
				mine = 0; /* cell boxes: drawn as edges below */
				if (!d->fill) {
					double bh = b->h;
					ditem *e = item_add(b, DI_RULE);
					*e = *d;
					e->kind = DI_RULE;
					e->c1 = d->c2;
					e->x1 = e->x;
					e->y = 0;
					e->y1 = bh;
					e = item_add(b, DI_RULE);
					*e = *d;
					e->kind = DI_RULE;
					e->c1 = d->c2;
					e->x += d->w;
					e->x1 = e->x;
					e->y = 0;
					e->y1 = bh;
					for (int edge = 0; edge < 2; edge++) {
						if ((edge == 0 && !first) || (edge == 1 && cut < big.h))
							continue;
						e = item_add(b, DI_RULE);
						*e = *d;
						e->kind = DI_RULE;
						e->c1 = d->c2;
						e->x1 = d->x + d->w;
						e->y = e->y1 = edge ? bh : 0;
					}
				}
				break;
			case DI_RULE:
				mine = (d->y >= s && d->y < cut) || (cut >= big.h && d->y >= s);
				break;
			case DI_LOGO:
			case DI_ANCHOR:
			case DI_OUTLINE:
			case DI__MAX:
			default:
				mine = first;
				break;
			}
			if (!mine)
				continue;
			ditem *n = item_add(b, d->kind);
			*n = *d;
			if (d->kind == DI_RECT) {
				n->y = 0;
				n->h = b->h;
			} else {
				n->y += pad - s;
				if (d->kind == DI_RULE)
					n->y1 += pad - s;
			}
		}
		/* no widows or orphans inside the cell's paragraphs */
		b->kwn = cut < big.h && cut_strands_a_line(&big, cut);
		s = cut;
		first = 0;
	}
	free(big.items);
}

void
block_table(ctx *c, const doc_node *t, double x, double w, tstyle st, int depth,
    double space, atoms *out)
{
	size_t ncols = 0;
	for (const doc_node *n = t->first; n; n = n->next)
		if (n->kind == DOC_COL)
			ncols++;
	double *colw = xcalloc(ncols, sizeof *colw);
	double *colx = xcalloc(ncols, sizeof *colx);
	doc_align *colal = xcalloc(ncols, sizeof *colal);
	double *stars = xcalloc(ncols, sizeof *stars);
	double fixed = 0, starsum = 0;
	size_t i = 0;
	for (const doc_node *n = t->first; n; n = n->next) {
		if (n->kind != DOC_COL)
			continue;
		colw[i] = parse_len(n->width, w, &stars[i]);
		colal[i] = n->align;
		fixed += colw[i];
		starsum += stars[i];
		i++;
	}
	double free_w = w - fixed;
	if (free_w < 0)
		free_w = 0;
	double sx = x;
	for (i = 0; i < ncols; i++) {
		if (stars[i] > 0)
			colw[i] = starsum > 0 ? free_w * stars[i] / starsum : 0;
		colx[i] = sx;
		sx += colw[i];
	}
	/* scale down when the fixed widths do not fit */
	if (sx - x > w + 0.01) {
		double k = w / (sx - x);
		sx = x;
		for (i = 0; i < ncols; i++) {
			colw[i] *= k;
			colx[i] = sx;
			sx += colw[i];
		}
	}
	tstyle ts = st;
	ts.size = c->body_size * 0.95;
	ts.leading = c->body_leading * 0.9;
	size_t first = out->n;
	for (const doc_node *n = t->first; n; n = n->next) {
		if (n->kind != DOC_CAPTION)
			continue;
		tstyle cs = st;
		cs.bold = 1;
		cs.align = DOC_ALIGN_LEFT;
		para *p = para_make(c, n->first, NULL, NULL, &cs, w);
		para_atoms(c, p, x, space, &cs, out, 1);
		space = 2;
	}
	tbl *tb = xcalloc(1, sizeof *tb);
	tb->next = c->tables;
	c->tables = tb;
	table_continued(c, t, x, w, st, depth, tb);
	int first_body = 1;
	for (const doc_node *sec = t->first; sec; sec = sec->next) {
		if (sec->kind != DOC_THEAD && sec->kind != DOC_TBODY)
			continue;
		int header = sec->kind == DOC_THEAD;
		for (const doc_node *row = sec->first; row; row = row->next) {
			if (row->kind != DOC_ROW)
				continue;
			atom *a = atom_add(out);
			row_atom(c, row, colx, colw, colal, ncols, header, t->rules, ts, depth, a);
			a->space = out->n - 1 == first ? space : 0;
			if (header) {
				a->kwn = 1;
				atom *h = atom_add(&tb->head);
				*h = *a;
				h->space = 0;
				h->items = xmalloc(a->n * sizeof *a->items);
				memcpy(h->items, a->items, a->n * sizeof *a->items);
				h->cap = a->n;
			} else {
				a->table = tb;
				a->first_row = first_body;
				first_body = 0;
				if (a->h > BODY_H / 3) {
					/* a long row breaks between lines like a paragraph,
					 * without widows or orphans */
					size_t from = out->n - 1;
					atom_split(out, from, ts.leading * 1.05);
					if (out->n - from >= 2) {
						out->a[from].kwn = 1;
						out->a[out->n - 2].kwn = 1;
					}
				}
			}
		}
	}
	/* the closing rule */
	if (t->rules != DOC_RULES_NONE && t->rules != DOC_RULES_GRID && out->n > first) {
		atom *last = &out->a[out->n - 1];
		ditem *r = item_add(last, DI_RULE);
		r->x = x;
		r->x1 = colx[ncols - 1] + colw[ncols - 1];
		r->y = r->y1 = last->h;
		r->lw = 0.5;
		r->c1 = C_TEXT;
	}
	/* a short table stays on one page */
	size_t nrows = out->n - first;
	if (nrows <= 8)
		for (size_t k = first; k + 1 < out->n; k++)
			out->a[k].kwn = 1;
	else if (nrows >= 3)
		out->a[out->n - 2].kwn = 1;
	anchor_first(out, first, t->id);
	free(colw);
	free(colx);
	free(colal);
	free(stars);
}

