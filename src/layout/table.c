/* table — tables to atoms: column widths, one atom per row (header rows
 * kept for repeating on continued pages), tall rows split into bands that
 * break between lines. */
#define _GNU_SOURCE
#include "layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <stdint.h>
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

/* ---------- column widths from content ---------- */

/* What a cell's content needs across, in points, padding included: its
 * widest unbreakable piece (a word, a no-break run) and its widest line
 * when nothing wraps. */
typedef struct {
	double min, max;
} cell_need;

#define MEASURE_W 100000.0 /* "no limit" for measuring a cell */
#define FIT_EPS 0.25       /* rounding to pango units must not break a word that fits */

/* A walk over the characters of one paragraph's lines in order: the
 * character index of a byte index, in time linear in the text (a cell
 * may hold one paragraph of a million characters). */
typedef struct {
	const para *p;
	const char *text;
	const PangoLogAttr *attrs;
	int nattrs;
	int byte, ch;
} para_walk;

static int
walk_char(para_walk *w, const para *p, int byte)
{
	if (w->p != p || byte < w->byte) {
		w->p = p;
		w->text = pango_layout_get_text(p->layout);
		w->attrs = pango_layout_get_log_attrs_readonly(p->layout, &w->nattrs);
		w->byte = w->ch = 0;
	}
	w->ch += (int)g_utf8_strlen(w->text + w->byte, byte - w->byte);
	w->byte = byte;
	return w->ch;
}

/* Widens n by line line_no of p, which starts at x in a layout whose
 * left edge is at left: its right end, and each stretch between two
 * break opportunities (without the spaces at its end), placed at x when
 * it starts the line and at left when it would start a wrapped one. */
static void
need_of_line(para_walk *w, para *p, int line_no, double x, double left, cell_need *n)
{
	PangoLayoutLine *l = para_line(p, line_no);
	if (!l)
		return;
	PangoRectangle log;
	pango_layout_line_get_extents(l, NULL, &log);
	double right = x + log.width / (double)PANGO_SCALE;
	if (right > n->max)
		n->max = right;
	int len = l->length;
	if (len <= 0)
		return;
	int ch = walk_char(w, p, l->start_index);
	/* the advance of each cluster, at the byte where it starts */
	int *adv = xcalloc((size_t)len, sizeof *adv);
	for (GSList *r = l->runs; r; r = r->next) {
		const PangoGlyphItem *gi = r->data;
		int base = gi->item->offset - l->start_index;
		for (int i = 0; i < gi->glyphs->num_glyphs; i++) {
			int at = base + gi->glyphs->log_clusters[i];
			if (at >= 0 && at < len)
				adv[at] += gi->glyphs->glyphs[i].geometry.width;
		}
	}
	const char *t = w->text + l->start_index;
	long cur = 0, ink = 0;
	double at = x;
	for (int b = 0; b < len; ch++) {
		if (b > 0 && ch < w->nattrs && w->attrs[ch].is_line_break) {
			double piece = at + ink / (double)PANGO_SCALE;
			if (piece > n->min)
				n->min = piece;
			cur = ink = 0;
			at = left;
		}
		cur += adv[b];
		if (ch < w->nattrs && !w->attrs[ch].is_white)
			ink = cur;
		b = (int)(g_utf8_next_char(t + b) - t);
	}
	double piece = at + ink / (double)PANGO_SCALE;
	if (piece > n->min)
		n->min = piece;
	free(adv);
}

/* The style a cell is set in (its hyphenation decided by the caller). */
static tstyle
cell_style(const doc_node *row, const doc_node *cell, const doc_align *colal, size_t ci,
    int header, tstyle st)
{
	tstyle s = st;
	if (header || row->row_kind != DOC_ROW_NORMAL)
		s.bold = 1;
	s.align = cell->align != DOC_ALIGN_DEFAULT ? cell->align : colal[ci];
	if (s.align == DOC_ALIGN_DEFAULT || s.align == DOC_ALIGN_JUSTIFY)
		s.align = DOC_ALIGN_LEFT;
	if (header && s.align == DOC_ALIGN_NUMERIC)
		s.align = DOC_ALIGN_RIGHT;
	return s;
}

/* What cell needs across when set in style s: it is laid out once
 * without wrapping or hyphenation, left aligned, and its lines read. */
static cell_need
measure_cell(ctx *c, const doc_node *cell, tstyle s, int depth)
{
	cell_need n = { 0, 0 };
	s.align = DOC_ALIGN_LEFT;
	s.hyphenate = 0;
	atoms sub = { 0 };
	long unknown = c->unknown_glyphs; /* counted when the cell is set */
	flow_mixed(c, cell, 0, MEASURE_W, s, depth, &sub);
	c->unknown_glyphs = unknown;
	para_walk w = { 0 };
	for (size_t i = 0; i < sub.n; i++) {
		const atom *a = &sub.a[i];
		for (size_t k = 0; k < a->n; k++) {
			const ditem *d = &a->items[k];
			double right = 0;
			switch (d->kind) {
			case DI_LINE:
				need_of_line(&w, d->para, d->line_no, d->x, d->w, &n);
				break;
			case DI_LOGO:
			case DI_RECT:
				right = d->x + d->w;
				break;
			case DI_RULE:
				right = d->x1;
				break;
			case DI_ANCHOR:
			case DI_OUTLINE:
			case DI__MAX:
			default:
				break;
			}
			/* boxes as wide as the measuring width (a note) need nothing */
			if (right < MEASURE_W / 2) {
				if (right > n.min)
					n.min = right;
				if (right > n.max)
					n.max = right;
			}
		}
	}
	atoms_free(&sub);
	if (n.max < n.min)
		n.max = n.min;
	n.min += 2 * CELL_PAD_X + FIT_EPS;
	n.max += 2 * CELL_PAD_X + FIT_EPS;
	return n;
}

/* Gives each of n columns min(need[i], level), the level chosen so that
 * they add up to total (total < the sum of need). */
static void
water_fill(size_t n, const double *need, double total, double *out)
{
	double lo = 0, hi = 0;
	for (size_t i = 0; i < n; i++)
		if (need[i] > hi)
			hi = need[i];
	for (int it = 0; it < 60; it++) {
		double mid = (lo + hi) / 2, sum = 0;
		for (size_t i = 0; i < n; i++)
			sum += need[i] < mid ? need[i] : mid;
		if (sum > total)
			hi = mid;
		else
			lo = mid;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = need[i] < lo ? need[i] : lo;
}

/* Column widths for width w from what the columns need (automatic table
 * layout, docs/doc-vocabulary.md "Tables"). fixed[i]: the column has a
 * length or a percentage, pref[i]; otherwise it has a share star[i].
 * Every column first gets its widest unbreakable piece; when those do not
 * fit, each gets min(piece, level) for the level that fills w, so only
 * the columns with the widest pieces break words. What is left widens
 * the fixed columns to their length, then the others toward their widest
 * line — a little to each at a time, so that short texts stay on one
 * line — and what is left after that goes to the share columns by their
 * shares. Returns 1 when some column is narrower than its widest piece. */
static int
col_widths(size_t n, const cell_need *need, const int *fixed, const double *pref,
    const double *star, double w, double *colw)
{
	double *tmp = xcalloc(n, sizeof *tmp);
	double *add = xcalloc(n, sizeof *add);
	double summin = 0;
	for (size_t i = 0; i < n; i++) {
		summin += need[i].min;
		tmp[i] = need[i].min;
	}
	int forced = 0;
	if (summin > w) {
		water_fill(n, tmp, w, colw);
		forced = 1;
		goto done;
	}
	double rest = w - summin;
	for (size_t i = 0; i < n; i++)
		colw[i] = need[i].min;
	for (int pass = 0; pass < 2 && rest > 0; pass++) {
		/* pass 0: fixed columns to their length; pass 1: the others to
		 * their widest line */
		double sum = 0;
		for (size_t i = 0; i < n; i++) {
			double want = pass == 0 ? pref[i] : need[i].max;
			tmp[i] = (fixed[i] == (pass == 0) && want > colw[i]) ? want - colw[i] : 0;
			sum += tmp[i];
		}
		if (sum <= rest) {
			for (size_t i = 0; i < n; i++)
				colw[i] += tmp[i];
			rest -= sum;
			continue;
		}
		if (pass == 0) {
			for (size_t i = 0; i < n; i++)
				colw[i] += rest * tmp[i] / sum;
		} else {
			water_fill(n, tmp, rest, add);
			for (size_t i = 0; i < n; i++)
				colw[i] += add[i];
		}
		rest = 0;
	}
	double stars = 0;
	for (size_t i = 0; i < n; i++)
		if (!fixed[i])
			stars += star[i];
	if (rest > 0 && stars > 0)
		for (size_t i = 0; i < n; i++)
			if (!fixed[i])
				colw[i] += rest * star[i] / stars;
done:
	free(tmp);
	free(add);
	return forced;
}

/* Marks the lines of box's paragraphs that continue a word broken inside
 * the cell (for the audit's cell-word-break): a break that is not at a
 * hyphenation point, or a hyphenation while the table could have given
 * the column the word's width (forced is 0). A break after the @, / or .
 * of an e-mail address or URL (a zero-width break, hyph.c) is allowed
 * like a space. */
static void
mark_broken_words(atom *box, int forced)
{
	para_walk w = { 0 };
	for (size_t k = 0; k < box->n; k++) {
		ditem *d = &box->items[k];
		if (d->kind != DI_LINE || d->line_no == 0)
			continue;
		PangoLayoutLine *l = para_line(d->para, d->line_no);
		if (!l || l->start_index == 0)
			continue;
		int ch = walk_char(&w, d->para, l->start_index);
		const char *t = w.text;
		const char *prev = g_utf8_find_prev_char(t, t + l->start_index);
		gunichar pc = prev ? g_utf8_get_char(prev) : 0;
		int opportunity = ch < w.nattrs && w.attrs[ch].is_line_break;
		if (!opportunity || (pc == 0xAD && !forced))
			d->cell_break = 1;
	}
}

static void
row_atom(ctx *c, const doc_node *row, const double *colx, const double *colw,
    const doc_align *colal, size_t ncols, int header, doc_rules rules, tstyle st,
    int depth, const cell_need *needs, int forced, atom *dst)
{
	size_t ci = 0;
	double right = colx[ncols - 1] + colw[ncols - 1];
	int audit = layout_audit_get() != LAYOUT_AUDIT_OFF;
	for (const doc_node *cell = row->first; cell && ci < ncols; cell = cell->next) {
		if (cell->kind != DOC_CELL)
			continue;
		size_t span = (size_t)cell->span;
		if (ci + span > ncols)
			span = ncols - ci;
		double cx = colx[ci];
		double cw = colx[ci + span - 1] + colw[ci + span - 1] - cx;
		tstyle s = cell_style(row, cell, colal, ci, header, st);
		/* words break only when the cell is narrower than one of them,
		 * and then at hyphenation points where there are any */
		const cell_need *need = needs++;
		s.hyphenate = st.hyphenate && need->min > cw;
		atom box = { 0 };
		box_of(c, cell, cx + CELL_PAD_X, cw - 2 * CELL_PAD_X, s, depth, CELL_PAD_Y, &box);
		if (audit)
			mark_broken_words(&box, forced);
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

/* ---------- tall rows split into bands ---------- */

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static const atom *sort_atom; /* for the comparison functions */

/* Lines ordered by paragraph, then y. */
static int
cmp_line_para(const void *a, const void *b)
{
	const ditem *d = &sort_atom->items[*(const size_t *)a];
	const ditem *e = &sort_atom->items[*(const size_t *)b];
	if (d->para != e->para)
		return (uintptr_t)d->para < (uintptr_t)e->para ? -1 : 1;
	if (d->y != e->y)
		return d->y < e->y ? -1 : 1;
	return 0;
}

typedef struct {
	double lo, hi;
} span_iv;

static int
cmp_iv(const void *a, const void *b)
{
	const span_iv *x = a, *y = b;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Where a tall row may be cut: the line bottoms that no line straddles,
 * ascending and distinct (*n of them; the caller frees). */
static double *
safe_cuts(const atom *big, size_t *n)
{
	/* lines without height straddle nothing */
	size_t nl = 0;
	for (size_t k = 0; k < big->n; k++)
		nl += big->items[k].kind == DI_LINE && big->items[k].h > 0.05;
	double *tops = xcalloc(nl + 1, sizeof *tops);
	double *bots = xcalloc(nl + 1, sizeof *bots);
	size_t m = 0;
	for (size_t k = 0; k < big->n; k++) {
		const ditem *d = &big->items[k];
		if (d->kind != DI_LINE || d->h <= 0.05)
			continue;
		tops[m] = d->y - 0.8 * d->h;
		bots[m] = d->y + 0.3 * d->h;
		m++;
	}
	qsort(tops, nl, sizeof *tops, cmp_double);
	qsort(bots, nl, sizeof *bots, cmp_double);
	/* a bottom b is safe when no line has top < b and bottom > b (by
	 * more than 0.01): count the lines that start above b and subtract
	 * those that end at or above it */
	double *cuts = xcalloc(nl + 1, sizeof *cuts);
	size_t nc = 0, t = 0, e = 0;
	for (size_t k = 0; k < nl; k++) {
		double b = bots[k];
		while (t < nl && tops[t] < b - 0.01)
			t++;
		while (e < nl && bots[e] <= b + 0.01)
			e++;
		if (t <= e && (nc == 0 || b > cuts[nc - 1]))
			cuts[nc++] = b;
	}
	free(tops);
	free(bots);
	*n = nc;
	return cuts;
}

/* The cuts that would leave a single line of some paragraph on one side
 * (a widow or an orphan inside a cell): for a paragraph whose lines are
 * at y1 < y2 ... < yk, a cut in (y1, y2] or (yk-1, yk]. Returns the
 * union of those intervals, sorted (*n; the caller frees). */
static span_iv *
stranding_cuts(const atom *big, size_t *n)
{
	size_t nl = 0;
	for (size_t k = 0; k < big->n; k++)
		nl += big->items[k].kind == DI_LINE;
	size_t *idx = xcalloc(nl + 1, sizeof *idx);
	size_t m = 0;
	for (size_t k = 0; k < big->n; k++)
		if (big->items[k].kind == DI_LINE)
			idx[m++] = k;
	sort_atom = big;
	qsort(idx, nl, sizeof *idx, cmp_line_para);
	span_iv *iv = xcalloc(2 * nl + 1, sizeof *iv);
	size_t ni = 0;
	for (size_t a = 0; a < nl;) {
		size_t z = a;
		while (z < nl && big->items[idx[z]].para == big->items[idx[a]].para)
			z++;
		if (z - a >= 2) {
			iv[ni++] = (span_iv){ big->items[idx[a]].y, big->items[idx[a + 1]].y };
			iv[ni++] = (span_iv){ big->items[idx[z - 2]].y, big->items[idx[z - 1]].y };
		}
		a = z;
	}
	free(idx);
	qsort(iv, ni, sizeof *iv, cmp_iv);
	size_t nu = 0;
	for (size_t k = 0; k < ni; k++) {
		if (nu > 0 && iv[k].lo <= iv[nu - 1].hi) {
			if (iv[k].hi > iv[nu - 1].hi)
				iv[nu - 1].hi = iv[k].hi;
		} else {
			iv[nu++] = iv[k];
		}
	}
	*n = nu;
	return iv;
}

/* Appends to band b item d of a row split into bands: lines and rules
 * shifted up by s, cell boxes as their edges (the top one in the first
 * band, the bottom one in the last), fills stretched over the band. */
static void
band_item(atom *b, const ditem *d, double s, int first, int last)
{
	if (d->kind == DI_RECT && d->fill) {
		ditem *f = item_add(b, DI_RECT);
		*f = *d;
		f->y = 0;
		f->h = b->h;
		return;
	}
	if (d->kind == DI_RECT) {
		double bh = b->h;
		for (int side = 0; side < 2; side++) {
			ditem *e = item_add(b, DI_RULE);
			*e = *d;
			e->kind = DI_RULE;
			e->c1 = d->c2;
			e->x += side ? d->w : 0;
			e->x1 = e->x;
			e->y = 0;
			e->y1 = bh;
		}
		for (int edge = 0; edge < 2; edge++) {
			if ((edge == 0 && !first) || (edge == 1 && !last))
				continue;
			ditem *e = item_add(b, DI_RULE);
			*e = *d;
			e->kind = DI_RULE;
			e->c1 = d->c2;
			e->x1 = d->x + d->w;
			e->y = e->y1 = edge ? bh : 0;
		}
		return;
	}
	ditem *n = item_add(b, d->kind);
	*n = *d;
	n->y -= s;
	if (d->kind == DI_RULE)
		n->y1 -= s;
}

/* Splits out->a[i] (the last atom), a tall table row, into bands of at
 * most maxh, cut between lines where possible, so that it can break
 * across pages. Lines and rules go to the band that holds them, in their
 * order; cell boxes become their side edges in every band; logos and
 * anchors go to the first. Time: n log n in the row's items (a cell may
 * hold thousands of paragraphs). */
static void
atom_split(atoms *out, size_t i, double maxh)
{
	atom big = out->a[i];
	out->n--; /* big is the last atom: replaced by its bands */
	size_t ncuts, nstrand;
	double *cuts = safe_cuts(&big, &ncuts);
	span_iv *strand = stranding_cuts(&big, &nstrand);
	/* the bands: [bound[j], bound[j + 1]) */
	size_t nb = 0, capb = 16;
	double *bound = xcalloc(capb, sizeof *bound);
	size_t ci = 0;
	double s = 0;
	do {
		double cut = big.h;
		if (big.h - s > maxh) {
			/* the lowest safe line bottom within reach; when none is in
			 * reach (a gap between paragraphs), the next one beyond */
			while (ci < ncuts && cuts[ci] <= s + 1)
				ci++;
			size_t cj = ci;
			while (cj < ncuts && cuts[cj] <= s + maxh)
				cj++;
			if (cj > ci)
				cut = cuts[cj - 1];
			else if (cj < ncuts)
				cut = cuts[cj];
			if (cut > big.h)
				cut = big.h;
			ci = cj;
		}
		if (nb + 2 >= capb) {
			capb *= 2;
			bound = xrealloc(bound, capb * sizeof *bound);
		}
		bound[nb++] = s;
		s = cut;
	} while (s < big.h - 0.01);
	bound[nb] = big.h;
	/* each line and rule's band (counting sort, keeping their order);
	 * cell boxes, logos and anchors in `every` */
	size_t *band = xcalloc(big.n + 1, sizeof *band);
	size_t *start = xcalloc(nb + 2, sizeof *start);
	size_t *every = xcalloc(big.n + 1, sizeof *every);
	size_t nevery = 0;
	for (size_t k = 0; k < big.n; k++) {
		const ditem *d = &big.items[k];
		band[k] = (size_t)-1;
		if (d->kind != DI_LINE && d->kind != DI_RULE) {
			every[nevery++] = k;
			continue;
		}
		if (d->y < 0)
			continue; /* above the row: dropped, as ever */
		size_t lo = 0, hi = nb; /* the last band whose bound is <= y */
		while (hi - lo > 1) {
			size_t mid = (lo + hi) / 2;
			if (bound[mid] <= d->y)
				lo = mid;
			else
				hi = mid;
		}
		band[k] = lo;
		start[lo + 1]++;
	}
	for (size_t j = 0; j < nb; j++)
		start[j + 1] += start[j];
	size_t *order = xcalloc(big.n + 1, sizeof *order);
	size_t *fill = xcalloc(nb + 1, sizeof *fill);
	for (size_t k = 0; k < big.n; k++)
		if (band[k] != (size_t)-1)
			order[start[band[k]] + fill[band[k]]++] = k;
	size_t si = 0;
	for (size_t j = 0; j < nb; j++) {
		int first = j == 0, last = j + 1 == nb;
		double top = bound[j], cut = bound[j + 1];
		atom *b = atom_add(out);
		b->h = cut - top;
		/* a band that starts a page gets the cell's top padding again */
		b->top_pad = first ? 0 : CELL_PAD_Y;
		b->space = first ? big.space : 0;
		b->table = big.table;
		b->first_row = first ? big.first_row : 0;
		b->band = (int)j + 1;
		b->row_h = big.h;
		/* this band's lines and rules merged with `every`, in the row's order */
		size_t p = start[j], pe = start[j + 1], q = 0;
		while (p < pe || q < nevery) {
			size_t k;
			if (q >= nevery || (p < pe && order[p] < every[q]))
				k = order[p++];
			else
				k = every[q++];
			const ditem *d = &big.items[k];
			if (d->kind != DI_LINE && d->kind != DI_RULE && d->kind != DI_RECT && !first)
				continue; /* logos, anchors, outline entries: the first band */
			band_item(b, d, top, first, last);
		}
		/* no widows or orphans inside the cell's paragraphs */
		while (si < nstrand && strand[si].hi < cut)
			si++;
		b->kwn = !last && si < nstrand && strand[si].lo < cut && cut <= strand[si].hi;
	}
	free(cuts);
	free(strand);
	free(bound);
	free(band);
	free(start);
	free(every);
	free(order);
	free(fill);
	free(big.items);
}

/* How many cells of row row_atom sets (those that start within ncols). */
static size_t
row_cells(const doc_node *row, size_t ncols)
{
	size_t n = 0, ci = 0;
	for (const doc_node *cell = row->first; cell && ci < ncols; cell = cell->next) {
		if (cell->kind != DOC_CELL)
			continue;
		size_t span = (size_t)cell->span;
		ci += ci + span > ncols ? ncols - ci : span;
		n++;
	}
	return n;
}

/* How many cells of table t row_atom sets. */
static size_t
count_cells(const doc_node *t, size_t ncols)
{
	size_t n = 0;
	for (const doc_node *sec = t->first; sec; sec = sec->next) {
		if (sec->kind != DOC_THEAD && sec->kind != DOC_TBODY)
			continue;
		for (const doc_node *row = sec->first; row; row = row->next)
			if (row->kind == DOC_ROW)
				n += row_cells(row, ncols);
	}
	return n;
}

/* Measures every cell of t (needs[], in row_atom's order) and gives each
 * column what its one-column cells need; cells that span columns widen
 * the columns they span, evenly, when those are too narrow for them. */
static void
measure_table(ctx *c, const doc_node *t, const doc_align *colal, size_t ncols, tstyle ts,
    int depth, cell_need *needs, cell_need *colneed)
{
	for (int spans = 0; spans < 2; spans++) {
		size_t k = 0;
		for (const doc_node *sec = t->first; sec; sec = sec->next) {
			if (sec->kind != DOC_THEAD && sec->kind != DOC_TBODY)
				continue;
			int header = sec->kind == DOC_THEAD;
			for (const doc_node *row = sec->first; row; row = row->next) {
				if (row->kind != DOC_ROW)
					continue;
				size_t ci = 0;
				for (const doc_node *cell = row->first; cell && ci < ncols;
				    cell = cell->next) {
					if (cell->kind != DOC_CELL)
						continue;
					size_t span = (size_t)cell->span;
					if (ci + span > ncols)
						span = ncols - ci;
					cell_need *n = &needs[k++];
					if (!spans)
						*n = measure_cell(c, cell,
						    cell_style(row, cell, colal, ci, header, ts), depth);
					if (!spans && span == 1) {
						if (n->min > colneed[ci].min)
							colneed[ci].min = n->min;
						if (n->max > colneed[ci].max)
							colneed[ci].max = n->max;
					} else if (spans && span > 1) {
						double smin = 0, smax = 0;
						for (size_t j = ci; j < ci + span; j++) {
							smin += colneed[j].min;
							smax += colneed[j].max;
						}
						for (size_t j = ci; j < ci + span; j++) {
							if (n->min > smin)
								colneed[j].min += (n->min - smin) / (double)span;
							if (n->max > smax)
								colneed[j].max += (n->max - smax) / (double)span;
						}
					}
					ci += span;
				}
			}
		}
	}
	for (size_t i = 0; i < ncols; i++) {
		if (colneed[i].min < 2 * CELL_PAD_X)
			colneed[i].min = 2 * CELL_PAD_X;
		if (colneed[i].max < colneed[i].min)
			colneed[i].max = colneed[i].min;
	}
}

void
block_table(ctx *c, const doc_node *t, double x, double w, tstyle st, int depth,
    double space, atoms *out)
{
	size_t ncols = 0;
	for (const doc_node *n = t->first; n; n = n->next)
		if (n->kind == DOC_COL)
			ncols++;
	if (ncols == 0)
		return;
	double *colw = xcalloc(ncols, sizeof *colw);
	double *colx = xcalloc(ncols, sizeof *colx);
	doc_align *colal = xcalloc(ncols, sizeof *colal);
	double *stars = xcalloc(ncols, sizeof *stars);
	double *pref = xcalloc(ncols, sizeof *pref);
	int *fixed = xcalloc(ncols, sizeof *fixed);
	cell_need *colneed = xcalloc(ncols, sizeof *colneed);
	size_t i = 0;
	for (const doc_node *n = t->first; n; n = n->next) {
		if (n->kind != DOC_COL)
			continue;
		pref[i] = parse_len(n->width, w, &stars[i]);
		fixed[i] = stars[i] == 0;
		colal[i] = n->align;
		i++;
	}
	tstyle ts = st;
	ts.size = c->body_size * 0.95;
	ts.leading = c->body_leading * 0.9;
	size_t ncells = count_cells(t, ncols);
	cell_need *needs = xcalloc(ncells ? ncells : 1, sizeof *needs);
	measure_table(c, t, colal, ncols, ts, depth, needs, colneed);
	int forced = col_widths(ncols, colneed, fixed, pref, stars, w, colw);
	double sx = x;
	for (i = 0; i < ncols; i++) {
		colx[i] = sx;
		sx += colw[i];
	}
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
	size_t cell_k = 0;
	for (const doc_node *sec = t->first; sec; sec = sec->next) {
		if (sec->kind != DOC_THEAD && sec->kind != DOC_TBODY)
			continue;
		int header = sec->kind == DOC_THEAD;
		for (const doc_node *row = sec->first; row; row = row->next) {
			if (row->kind != DOC_ROW)
				continue;
			atom *a = atom_add(out);
			row_atom(c, row, colx, colw, colal, ncols, header, t->rules, ts, depth,
			    needs + cell_k, forced, a);
			cell_k += row_cells(row, ncols);
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
	free(pref);
	free(fixed);
	free(colneed);
	free(needs);
}

