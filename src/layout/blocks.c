/* blocks — the document's blocks to atoms: paragraphs, lists, sections
 * (numbered titles, bookmarks, keep with next), notes, fields, addresses,
 * signatures, columns, QR codes, keep groups. */
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


/* ---------- blocks ---------- */


static int
is_inline(const doc_node *n)
{
	switch (n->kind) {
	case DOC_TEXT: case DOC_EM: case DOC_STRONG: case DOC_NAME: case DOC_LINK: case DOC_REF:
	case DOC_NOBR: case DOC_BR: case DOC_PAGE: case DOC_PAGES:
		return 1;
	case DOC_BODY: case DOC_SECTION: case DOC_TITLE: case DOC_P: case DOC_UL:
	case DOC_OL: case DOC_LI: case DOC_DL: case DOC_DT: case DOC_DD:
	case DOC_TABLE: case DOC_CAPTION: case DOC_COL: case DOC_THEAD:
	case DOC_TBODY: case DOC_ROW: case DOC_CELL: case DOC_NOTE:
	case DOC_SIGNATURES: case DOC_PARTY: case DOC_ROLE: case DOC_FIELD:
	case DOC_SIGN: case DOC_ADDRESS: case DOC_LINE: case DOC_FIELDS:
	case DOC_COLUMNS: case DOC_COLUMN: case DOC_KEEP: case DOC_PAGE_BREAK: case DOC_QR:
	case DOC__MAX:
		return 0;
	}
	return 0;
}

void
anchor_first(atoms *out, size_t from, const char *id)
{
	if (!id || from >= out->n)
		return;
	ditem *d = item_add(&out->a[from], DI_ANCHOR);
	d->name = id;
}

static void
block_para(ctx *c, const doc_node *first, const doc_node *stop, double x, double w,
    tstyle st, double space, atoms *out)
{
	if (!has_content_until(first, stop))
		return;
	para *p = para_make(c, first, stop, NULL, &st, w);
	para_atoms(c, p, x, space, &st, out, 0);
	/* a line that introduces a list or a table ends in a colon: it keeps
	 * with two lines of what it introduces (the first two items) */
	const char *t = pango_layout_get_text(p->layout);
	size_t len = strlen(t);
	while (len > 0 && (t[len - 1] == ' ' || t[len - 1] == '\n'))
		len--;
	if (len > 0 && t[len - 1] == ':') {
		p->role = PARA_LEAD;
		out->a[out->n - 1].keep_lines = 2;
	}
}

static void
roman(buf *b, int n)
{
	static const struct { int v; const char *s; } r[] = {
		{ 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" },
		{ 90, "xc" }, { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" },
		{ 5, "v" }, { 4, "iv" }, { 1, "i" },
	};
	for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
		while (n >= r[i].v) {
			buf_puts(b, r[i].s);
			n -= r[i].v;
		}
}

static void
block_list(ctx *c, const doc_node *list, double x, double w, tstyle st, int depth,
    double space, atoms *out)
{
	static const char *bullets[] = { "\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x97\xA6" };
	int num = list->start;
	int lvl = 0;
	for (const doc_node *p = list->parent; p; p = p->parent)
		if (p->kind == DOC_UL || p->kind == DOC_OL)
			lvl++;
	int first_item = 1;
	size_t prev_item = (size_t)-1; /* the first atom of the item before */
	for (const doc_node *li = list->first; li; li = li->next) {
		if (li->kind != DOC_LI)
			continue;
		buf label = BUF_INIT;
		if (list->kind == DOC_UL) {
			buf_puts(&label, bullets[lvl % 3]);
		} else {
			if (list->ol_type == 'a') {
				int k = num - 1;
				char tmp[8];
				int t = 0;
				do {
					tmp[t++] = (char)('a' + k % 26);
					k = k / 26 - 1;
				} while (k >= 0 && t < 7);
				while (t > 0)
					buf_putc(&label, tmp[--t]);
			} else if (list->ol_type == 'i') {
				roman(&label, num);
			} else {
				buf_printf(&label, "%d", num);
			}
			buf_putc(&label, '.');
		}
		num++;
		atoms sub = { 0 };
		flow_mixed(c, li, x + LIST_INDENT, w - LIST_INDENT, st, depth, &sub);
		if (sub.n > 0) {
			sub.a[0].space = first_item ? space : st.leading * 0.2;
			/* the label sits on the first line's baseline */
			for (size_t k = 0; k < sub.a[0].n; k++) {
				if (sub.a[0].items[k].kind != DI_LINE)
					continue;
				tstyle ls = st;
				ls.align = DOC_ALIGN_LEFT;
				ls.hyphenate = 0;
				if (list->kind == DOC_UL)
					ls.color = c->brand;
				para *lp = para_make(c, NULL, NULL, buf_str(&label), &ls, LIST_INDENT);
				ditem *d = item_add(&sub.a[0], DI_LINE);
				d->para = lp;
				d->line_no = 0;
				d->x = x;
				d->w = x;
				d->y = sub.a[0].items[k].y; /* the same baseline */
				break;
			}
			anchor_first(&sub, 0, li->id);
		}
		size_t at = out->n;
		atoms_move(out, &sub);
		buf_free(&label);
		first_item = 0;
		if (out->n > at) {
			if (prev_item != (size_t)-1)
				out->a[prev_item].list_last = 0;
			if (at > 0 && prev_item != (size_t)-1)
				out->a[at].list_last = 1;
			prev_item = at;
		}
	}
	/* the last item is never alone at the head of a page: it keeps with
	 * the end of the item before */
	if (prev_item != (size_t)-1 && prev_item > 0 && out->a[prev_item].list_last)
		out->a[prev_item - 1].kwn = 1;
}

/* The style of a section title of level (1: a chapter), and the space
 * above it. */
static tstyle
heading_style(const ctx *c, tstyle st, int level, double *space)
{
	tstyle hs = st;
	hs.bold = 1;
	hs.align = DOC_ALIGN_LEFT;
	hs.hyphenate = 0;
	if (level == 1) {
		hs.size = c->body_size * 1.3;
		hs.leading = hs.size * 1.25;
		hs.color = c->brand_text;
		*space = c->body_leading * 1.3;
	} else if (level == 2) {
		hs.size = c->body_size * 1.1;
		hs.leading = hs.size * 1.3;
		hs.color = c->brand_text;
		*space = c->body_leading * 0.95;
	} else {
		hs.size = c->body_size;
		hs.leading = c->body_leading;
		*space = c->body_leading * 0.7;
	}
	return hs;
}

void
table_continued(ctx *c, const doc_node *t, double x, double w, tstyle st, int depth, tbl *tb)
{
	if (!t->label || !*t->label)
		return;
	const doc_node *cap = NULL;
	for (const doc_node *n = t->first; n && !cap; n = n->next)
		if (n->kind == DOC_CAPTION)
			cap = n;
	para *p;
	tstyle ls;
	if (cap) {
		/* as block_table sets the caption */
		ls = st;
		ls.bold = 1;
		ls.align = DOC_ALIGN_LEFT;
		p = para_make(c, cap->first, NULL, NULL, &ls, w);
	} else {
		/* no caption: the title of the section the table opens */
		const doc_node *s = t->parent;
		if (!s || s->kind != DOC_SECTION || !s->first || s->first->kind != DOC_TITLE ||
		    s->first->next != t)
			return;
		double space;
		ls = heading_style(c, st, depth, &space);
		p = para_make_prefixed(c, s->number, s->first->first, &ls, w);
	}
	buf b = BUF_INIT;
	buf_puts(&b, pango_layout_get_text(p->layout));
	buf_putc(&b, ' ');
	buf_puts(&b, t->label);
	para *q = para_make(c, NULL, NULL, buf_str(&b), &ls, w);
	buf_free(&b);
	para_atoms(c, q, x, 0, &ls, &tb->cont, 1);
	tb->cont.a[tb->cont.n - 1].h += cap ? 2 : c->body_leading * 0.2;
}

static void
block_section(ctx *c, const doc_node *s, double x, double w, tstyle st, int depth, atoms *out)
{
	int level = depth + 1;
	double space;
	tstyle hs = heading_style(c, st, level, &space);
	const doc_node *title = s->first && s->first->kind == DOC_TITLE ? s->first : NULL;
	/* the title: number or label, an en space, the text */
	para *p = para_make_prefixed(c, s->number, title ? title->first : NULL, &hs, w);
	/* the bookmark: the same words, a plain space after the number */
	buf ob = BUF_INIT;
	for (const char *q = pango_layout_get_text(p->layout); *q; q++) {
		if (strncmp(q, "\xE2\x80\x82", 3) == 0) { /* en space */
			buf_putc(&ob, ' ');
			q += 2;
		} else if (strncmp(q, "\xC2\xA0", 2) == 0) { /* no-break space */
			buf_putc(&ob, ' ');
			q += 1;
		} else {
			buf_putc(&ob, *q);
		}
	}
	char *outline = pool_add(c, buf_detach(&ob));
	p->role = PARA_HEADING;
	size_t first = out->n;
	para_atoms(c, p, x, space, &hs, out, 1);
	/* a little air under the title, part of the title's last line */
	out->a[out->n - 1].h += level == 1 ? c->body_leading * 0.35 : c->body_leading * 0.2;
	/* the title keeps with two lines of what follows */
	out->a[out->n - 1].keep_lines = 2;
	ditem *o = item_add(&out->a[first], DI_OUTLINE);
	o->title = outline;
	o->level = level;
	o->name = s->id;
	o->y = 0;
	anchor_first(out, first, s->id);
	int first_block = 1;
	for (const doc_node *n = title ? title->next : s->first; n; n = n->next) {
		size_t before = out->n;
		flow(c, n, x, w, st, depth + 1, out);
		if (first_block && out->n > before && n->kind != DOC_SECTION)
			out->a[before].space = 0;
		if (out->n > before)
			first_block = 0;
	}
}
static void
block_note(ctx *c, const doc_node *n, double x, double w, tstyle st, int depth,
    double space, atoms *out)
{
	double pad = 7;
	atoms sub = { 0 };
	const doc_node *body = n->first;
	if (body && body->kind == DOC_TITLE) {
		tstyle ts = st;
		ts.bold = 1;
		ts.align = DOC_ALIGN_LEFT;
		para *p = para_make(c, body->first, NULL, NULL, &ts, w - 2 * pad - 3);
		para_atoms(c, p, x + pad + 3, 0, &ts, &sub, 1);
		body = body->next;
	}
	/* the rest of the children: flow_mixed from body on */
	atoms rest = { 0 };
	{
		doc_node tmp = *n;
		tmp.first = (doc_node *)body;
		flow_mixed(c, &tmp, x + pad + 3, w - 2 * pad - 3, st, depth, &rest);
	}
	if (rest.n > 0 && sub.n > 0)
		rest.a[0].space = 2;
	atoms_move(&sub, &rest);
	double hgt = atoms_height(&sub) + 2 * pad;
	if (hgt > PAGE_H - MARGIN_T - MARGIN_B - 20) {
		/* too tall for one page: let it flow, with the rule only */
		if (sub.n > 0)
			sub.a[0].space = space;
		atoms_move(out, &sub);
		return;
	}
	atom *a = atom_add(out);
	a->space = space;
	ditem *bg = item_add(a, DI_RECT);
	bg->x = x;
	bg->y = 0;
	bg->w = w;
	bg->h = hgt;
	bg->fill = 1;
	bg->c1 = (dl_color){ 1 - 0.08 * (1 - c->brand.r), 1 - 0.08 * (1 - c->brand.g),
		1 - 0.08 * (1 - c->brand.b), 1 };
	ditem *bar = item_add(a, DI_RULE);
	bar->x = bar->x1 = x + 1.25;
	bar->y = 0;
	bar->y1 = hgt;
	bar->lw = 2.5;
	bar->c1 = c->brand;
	atom_stack(a, &sub, pad);
	a->h = hgt;
	anchor_first(out, out->n - 1, n->id);
	atoms_free(&sub);
}

/* "Label" above the value, or a line to fill in when the value is empty. */
static void
field_atoms(ctx *c, const doc_node *f, double x, double w, tstyle st, int inline_label,
    double labelw, atoms *out)
{
	tstyle ls = style_small(c, st);
	ls.color = C_GREY;
	ls.align = DOC_ALIGN_LEFT;
	ls.hyphenate = 0;
	tstyle vs = st;
	vs.align = DOC_ALIGN_LEFT;
	vs.hyphenate = 0;
	if (inline_label) {
		atom *a = atom_add(out);
		para *lp = para_make(c, NULL, NULL, f->label, &ls, labelw - 4);
		atoms la = { 0 }, va = { 0 };
		para_atoms(c, lp, x, 0, &ls, &la, 0);
		if (has_content(f->first)) {
			para *vp = para_make(c, f->first, NULL, NULL, &vs, w - labelw);
			para_atoms(c, vp, x + labelw, 0, &vs, &va, 0);
		}
		/* align the label's baseline with the value's first line */
		atom_stack(a, &va, 0);
		double shift = 0;
		if (va.n > 0 && la.n > 0)
			shift = va.a[0].items[0].y - la.a[0].items[0].y;
		atom_stack(a, &la, shift);
		if (a->h < vs.leading)
			a->h = vs.leading;
		atoms_free(&la);
		atoms_free(&va);
		return;
	}
	para *lp = para_make(c, NULL, NULL, f->label, &ls, w);
	para_atoms(c, lp, x, 4, &ls, out, 1);
	if (has_content(f->first)) {
		para *vp = para_make(c, f->first, NULL, NULL, &vs, w);
		para_atoms(c, vp, x, 0, &vs, out, 1);
	} else {
		atom *a = atom_add(out);
		a->h = vs.leading;
		ditem *r = item_add(a, DI_RULE);
		r->x = x;
		r->x1 = x + w;
		r->y = r->y1 = vs.leading - 2;
		r->lw = 0.4;
		r->c1 = C_RULE;
	}
}

/* A party's role and fields (the line to sign on is set by the caller,
 * so that the lines of parties side by side are level). */
static void
party_atoms(ctx *c, const doc_node *party, double x, double w, tstyle st, atoms *out)
{
	for (const doc_node *n = party->first; n; n = n->next) {
		if (n->kind == DOC_ROLE) {
			tstyle rs = st;
			rs.bold = 1;
			rs.align = DOC_ALIGN_LEFT;
			rs.hyphenate = 0;
			para *p = para_make(c, n->first, NULL, NULL, &rs, w);
			para_atoms(c, p, x, 0, &rs, out, 1);
		} else if (n->kind == DOC_FIELD) {
			field_atoms(c, n, x, w, st, 0, 0, out);
		}
	}
}

static void
sign_line(ctx *c, const doc_node *party, double x, double w, tstyle st, double y, atom *a)
{
	for (const doc_node *n = party->first; n; n = n->next) {
		if (n->kind != DOC_SIGN)
			continue;
		ditem *r = item_add(a, DI_RULE);
		r->x = x;
		r->x1 = x + w;
		r->y = r->y1 = y;
		r->lw = 0.6;
		r->c1 = C_TEXT;
		tstyle ls = style_small(c, st);
		ls.color = C_GREY;
		ls.align = DOC_ALIGN_LEFT;
		atoms sub = { 0 };
		para *p = para_make(c, NULL, NULL, n->label, &ls, w);
		para_atoms(c, p, x, 0, &ls, &sub, 1);
		atom_stack(a, &sub, y + 2);
		atoms_free(&sub);
	}
}

static void
block_signatures(ctx *c, const doc_node *s, double x, double w, tstyle st, double space,
    atoms *out)
{
	double gap = 28;
	double pw = (w - gap) / 2;
	const doc_node *parties[2];
	int np = 0;
	size_t first = out->n;
	for (const doc_node *n = s->first;; n = n->next) {
		if (n && n->kind == DOC_PARTY) {
			parties[np++] = n;
			if (np < 2)
				continue;
		}
		if (np > 0) {
			atom *a = atom_add(out);
			a->space = out->n - 1 == first ? space : st.leading * 1.5;
			for (int k = 0; k < np; k++) {
				atoms sub = { 0 };
				party_atoms(c, parties[k], x + k * (pw + gap), pw, st, &sub);
				atom_stack(a, &sub, 0);
				atoms_free(&sub);
			}
			double y = a->h + st.leading * 2.8;
			for (int k = 0; k < np; k++)
				sign_line(c, parties[k], x + k * (pw + gap), pw, st, y, a);
			np = 0;
		}
		if (!n)
			break;
	}
	for (size_t k = first; k + 1 < out->n; k++)
		out->a[k].kwn = 1;
}

static void
block_address(ctx *c, const doc_node *a, double x, double w, tstyle st, double space,
    atoms *out)
{
	atoms sub = { 0 };
	tstyle ls = st;
	ls.align = DOC_ALIGN_LEFT;
	ls.hyphenate = 0;
	if (a->label) {
		tstyle cs = style_small(c, ls);
		cs.color = C_GREY;
		para *p = para_make(c, NULL, NULL, a->label, &cs, w);
		para_atoms(c, p, x, 0, &cs, &sub, 1);
	}
	for (const doc_node *l = a->first; l; l = l->next) {
		if (l->kind != DOC_LINE)
			continue;
		para *p = para_make(c, l->first, NULL, NULL, &ls, w);
		para_atoms(c, p, x, 0, &ls, &sub, 1);
	}
	atom *box = atom_add(out);
	box->space = space;
	atom_stack(box, &sub, 0);
	atoms_free(&sub);
}

static void
block_fields(ctx *c, const doc_node *f, double x, double w, tstyle st, double space,
    atoms *out)
{
	atoms sub = { 0 };
	double labelw = w * 0.42;
	if (labelw > 120)
		labelw = 120;
	for (const doc_node *n = f->first; n; n = n->next)
		if (n->kind == DOC_FIELD)
			field_atoms(c, n, x, w, st, 1, labelw, &sub);
	atom *box = atom_add(out);
	box->space = space;
	atom_stack(box, &sub, 0);
	atoms_free(&sub);
}

static void
block_columns(ctx *c, const doc_node *cols, double x, double w, tstyle st, int depth,
    double space, atoms *out)
{
	int n = 0;
	for (const doc_node *k = cols->first; k; k = k->next)
		if (k->kind == DOC_COLUMN)
			n++;
	if (n == 0)
		return;
	double gap = 18;
	/* fixed widths first (mm, pt, %), then the stars share the rest */
	double *cw = xcalloc((size_t)n, sizeof *cw), *star = xcalloc((size_t)n, sizeof *star);
	double fixed = 0, stars = 0, avail = w - gap * (n - 1);
	int i = 0;
	for (const doc_node *k = cols->first; k; k = k->next) {
		if (k->kind != DOC_COLUMN)
			continue;
		cw[i] = parse_len(k->width, avail, &star[i]);
		fixed += cw[i];
		stars += star[i];
		i++;
	}
	double rest = avail - fixed;
	for (i = 0; i < n; i++)
		if (star[i] > 0)
			cw[i] = rest > 0 && stars > 0 ? rest * star[i] / stars : 0;
	atom *a = atom_add(out);
	a->space = space;
	i = 0;
	double cx = x;
	for (const doc_node *k = cols->first; k; k = k->next) {
		if (k->kind != DOC_COLUMN)
			continue;
		atom box = { 0 };
		if (cw[i] > 0)
			box_of(c, k, cx, cw[i], st, depth, 0, &box);
		if (box.h > a->h)
			a->h = box.h;
		for (size_t m = 0; m < box.n; m++)
			*item_add(a, box.items[m].kind) = box.items[m];
		free(box.items);
		cx += cw[i] + gap;
		i++;
	}
	free(cw);
	free(star);
}

/* A QR code: the modules as filled rectangles (each the largest block of
 * dark modules grown right, then down, so a code is a few hundred rects,
 * not thousands), inside a quiet zone of four modules, with an optional
 * caption under it. The size is the code's width without the quiet zone. */
static void
block_qr(ctx *c, const doc_node *n, double x, double w, tstyle st, double space, atoms *out)
{
	QRecLevel lv = n->ec == 'L' ? QR_ECLEVEL_L : n->ec == 'Q' ? QR_ECLEVEL_Q :
	    n->ec == 'H' ? QR_ECLEVEL_H : QR_ECLEVEL_M;
	QRcode *q = n->data ? QRcode_encodeString8bit(n->data, 0, lv) : NULL;
	if (!q) {
		diag_error(c->d, c->doc->file, n->line, n->col,
		    "<qr>: the data does not fit in a QR code (at most 2953 bytes, fewer "
		    "with more error correction)");
		c->failed = 1;
		return;
	}
	int nm = q->width;
	double star;
	double size = n->width ? parse_len(n->width, w, &star) : 30 * MM;
	if (size <= 0)
		size = 30 * MM;
	double m = size / nm, quiet = 4 * m, box = size + 2 * quiet;
	if (box > w) { /* shrink to the column, never below a readable size */
		size = (w - 8 * m) > 15 * MM ? w - 8 * m : 15 * MM;
		m = size / nm;
		quiet = 4 * m;
		box = size + 2 * quiet;
	}
	double bx = x;
	if (n->align == DOC_ALIGN_RIGHT)
		bx = x + w - box;
	else if (n->align == DOC_ALIGN_CENTER)
		bx = x + (w - box) / 2;
	atom *a = atom_add(out);
	a->space = space;
	static const dl_color black = { 0, 0, 0, 1 };
	unsigned char *done = xcalloc((size_t)nm * (size_t)nm, 1);
#define DARK(r, k) ((q->data[(size_t)(r) * (size_t)nm + (size_t)(k)] & 1) && \
	!done[(size_t)(r) * (size_t)nm + (size_t)(k)])
	for (int r = 0; r < nm; r++) {
		for (int k = 0; k < nm; k++) {
			if (!DARK(r, k))
				continue;
			int k1 = k;
			while (k1 < nm && DARK(r, k1))
				k1++;
			int r1 = r + 1;
			for (;; r1++) {
				int full = r1 < nm;
				for (int t = k; full && t < k1; t++)
					full = DARK(r1, t);
				if (!full)
					break;
			}
			for (int rr = r; rr < r1; rr++)
				memset(done + (size_t)rr * (size_t)nm + (size_t)k, 1, (size_t)(k1 - k));
			ditem *it = item_add(a, DI_RECT);
			it->x = bx + quiet + k * m;
			it->y = quiet + r * m;
			it->w = (k1 - k) * m;
			it->h = (r1 - r) * m;
			it->fill = 1;
			it->c1 = black;
			k = k1 - 1;
		}
	}
#undef DARK
	free(done);
	QRcode_free(q);
	a->h = box;
	if (n->label && *n->label) {
		tstyle ls = style_small(c, st);
		ls.color = C_GREY;
		ls.align = DOC_ALIGN_CENTER;
		ls.hyphenate = 0;
		ls.size *= 0.95;
		atoms sub = { 0 };
		para *p = para_make(c, NULL, NULL, n->label, &ls, size + 2 * m);
		para_atoms(c, p, bx + quiet - m, 0, &ls, &sub, 1);
		atom_stack(a, &sub, a->h); /* under the quiet zone, not in it */
		atoms_free(&sub);
	}
}

/* One block (a child of body, section, keep or a flow container). */
void
flow(ctx *c, const doc_node *n, double x, double w, tstyle st, int depth, atoms *out)
{
	double space = st.leading * 0.5;
	size_t before = out->n;
	switch (n->kind) {
	case DOC_SECTION:
		block_section(c, n, x, w, st, depth, out);
		break;
	case DOC_P: {
		tstyle ps = st;
		if (n->small)
			ps = style_small(c, st);
		if (n->align != DOC_ALIGN_DEFAULT)
			ps.align = n->align;
		block_para(c, n->first, NULL, x, w, ps, space, out);
		anchor_first(out, before, n->id);
		break;
	}
	case DOC_UL:
	case DOC_OL:
		block_list(c, n, x, w, st, depth,
		    n->parent && n->parent->kind == DOC_LI ? st.leading * 0.2 : space, out);
		break;
	case DOC_DL:
		for (const doc_node *k = n->first; k; k = k->next) {
			if (k->kind == DOC_DT) {
				tstyle ts = st;
				ts.bold = 1;
				ts.align = DOC_ALIGN_LEFT;
				para *p = para_make(c, k->first, NULL, NULL, &ts, w);
				para_atoms(c, p, x, k == n->first ? space : st.leading * 0.4, &ts, out, 1);
			} else if (k->kind == DOC_DD) {
				atoms sub = { 0 };
				flow_mixed(c, k, x + LIST_INDENT, w - LIST_INDENT, st, depth, &sub);
				if (sub.n > 0)
					sub.a[0].space = 0;
				atoms_move(out, &sub);
			}
		}
		break;
	case DOC_TABLE:
		block_table(c, n, x, w, st, depth, space * 1.5, out);
		break;
	case DOC_NOTE:
		block_note(c, n, x, w, st, depth, space * 1.5, out);
		break;
	case DOC_SIGNATURES:
		block_signatures(c, n, x, w, st, space * 2, out);
		break;
	case DOC_ADDRESS:
		block_address(c, n, x, w, st, space, out);
		break;
	case DOC_FIELDS:
		block_fields(c, n, x, w, st, space, out);
		break;
	case DOC_COLUMNS:
		block_columns(c, n, x, w, st, depth, space, out);
		break;
	case DOC_QR:
		block_qr(c, n, x, w, st, space, out);
		break;
	case DOC_KEEP: {
		for (const doc_node *k = n->first; k; k = k->next)
			flow(c, k, x, w, st, depth, out);
		if (atoms_height(&(atoms){ out->a + before, out->n - before, 0 }) <
		    PAGE_H - MARGIN_T - MARGIN_B)
			for (size_t k = before; k + 1 < out->n; k++)
				out->a[k].kwn = 1;
		break;
	}
	case DOC_PAGE_BREAK: {
		atom *a = atom_add(out);
		a->brk = 1;
		a->h = 0;
		break;
	}
	case DOC_TEXT: case DOC_EM: case DOC_STRONG: case DOC_NAME: case DOC_LINK: case DOC_REF:
	case DOC_NOBR: case DOC_BR: case DOC_PAGE: case DOC_PAGES: case DOC_BODY:
	case DOC_TITLE: case DOC_LI: case DOC_DT: case DOC_DD: case DOC_CAPTION:
	case DOC_COL: case DOC_THEAD: case DOC_TBODY: case DOC_ROW: case DOC_CELL:
	case DOC_PARTY: case DOC_ROLE: case DOC_FIELD: case DOC_SIGN: case DOC_LINE:
	case DOC_COLUMN: case DOC__MAX:
		break;
	}
}

/* Children of a flow container: runs of inline content become paragraphs. */
void
flow_mixed(ctx *c, const doc_node *parent, double x, double w, tstyle st, int depth,
    atoms *out)
{
	const doc_node *run = NULL;
	size_t start = out->n;
	for (const doc_node *n = parent->first;; n = n->next) {
		if (n && is_inline(n)) {
			if (!run)
				run = n;
			continue;
		}
		if (run) {
			block_para(c, run, n, x, w, st, out->n == start ? 0 : st.leading * 0.3, out);
			run = NULL;
		}
		if (!n)
			break;
		size_t before = out->n;
		flow(c, n, x, w, st, depth, out);
		if (before == start && out->n > before)
			out->a[before].space = 0;
	}
}

