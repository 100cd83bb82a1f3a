/* audit — the layout audit: the typesetting faults of REVIEW.md class C
 * that the engine can see in its own pages, found from what it knows
 * (paragraphs and their roles, lines, placements) rather than from the
 * finished PDF. Off unless asked for ($ZORGDOC_AUDIT, `render --audit`):
 * the rules cost a pass over every placed line.
 *
 * Each rule adds findings (page, rule name, the start of the text
 * concerned); audit_report turns them into diagnostics. The rules and
 * their names are listed in docs/layout-audit.md. */
#define _GNU_SOURCE
#include "layout_int.h"

#include <stdlib.h>
#include <string.h>

static layout_audit_mode audit_mode = LAYOUT_AUDIT__MAX; /* not yet read */
static size_t audit_total;

void
layout_audit_set(layout_audit_mode m)
{
	audit_mode = m;
}

layout_audit_mode
layout_audit_get(void)
{
	if (audit_mode == LAYOUT_AUDIT__MAX) {
		const char *e = getenv("ZORGDOC_AUDIT");
		if (!e || !*e || strcmp(e, "0") == 0)
			audit_mode = LAYOUT_AUDIT_OFF;
		else if (strcmp(e, "strict") == 0)
			audit_mode = LAYOUT_AUDIT_STRICT;
		else
			audit_mode = LAYOUT_AUDIT_WARN;
	}
	return audit_mode;
}

size_t
layout_audit_count(void)
{
	return audit_total;
}

void
audit_add(ctx *c, size_t page, const char *rule, const char *text, size_t n)
{
	if (c->nfindings == c->findingscap) {
		c->findingscap = c->findingscap ? 2 * c->findingscap : 8;
		c->findings = xrealloc(c->findings, c->findingscap * sizeof *c->findings);
	}
	buf b = BUF_INIT;
	size_t chars = 0;
	for (size_t i = 0; i < n && chars < 48;) {
		unsigned char ch = (unsigned char)text[i];
		size_t len = ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
		if (i + len > n)
			break;
		if ((len == 2 && ch == 0xC2 && (unsigned char)text[i + 1] == 0xAD) ||
		    (len == 3 && (memcmp(text + i, "\xE2\x80\x8B", 3) == 0 ||
		    memcmp(text + i, "\xE2\x81\xA0", 3) == 0))) {
			i += len; /* a soft hyphen, a zero-width break */
			continue;
		}
		if (ch == '\n')
			buf_putc(&b, ' ');
		else
			buf_append(&b, text + i, len);
		i += len;
		chars++;
		if (chars == 48 && i < n)
			buf_puts(&b, "\xE2\x80\xA6");
	}
	c->findings[c->nfindings++] = (audit_finding){ page, rule, buf_detach(&b) };
}

/* The text of line line_no of p: a pointer into the layout's text and its
 * length in bytes. */
static const char *
line_text(const para *p, int line_no, size_t *n)
{
	PangoLayoutLine *l = para_line((para *)p, line_no); /* its line cache is lazy */
	const char *t = pango_layout_get_text(p->layout);
	if (!l) {
		*n = 0;
		return t;
	}
	*n = (size_t)l->length;
	return t + l->start_index;
}

void
audit_add_line(ctx *c, size_t page, const char *rule, const para *p, int line_no)
{
	size_t n;
	const char *t = line_text(p, line_no, &n);
	audit_add(c, page, rule, t, n);
}

/* The first line item of an atom, or NULL. */
static const ditem *
first_line(const atom *a)
{
	for (size_t k = 0; k < a->n; k++)
		if (a->items[k].kind == DI_LINE)
			return &a->items[k];
	return NULL;
}

/* Widows and orphans: one line of a paragraph alone at the foot or the
 * head of a page. */
static void
rule_widows(ctx *c, const placement *pl, size_t npl)
{
	for (size_t i = 0; i < npl; i++) {
		const atom *a = pl[i].ap;
		for (size_t k = 0; k < a->n; k++) {
			const ditem *d = &a->items[k];
			if (d->kind != DI_LINE || d->para->role != PARA_BODY)
				continue;
			para *p = d->para;
			int nlines = pango_layout_get_line_count(p->layout);
			int page = (int)pl[i].page + 1;
			if (p->audit_page && p->audit_page != page && d->line_no == p->audit_line + 1) {
				if (d->line_no == 1)
					audit_add_line(c, (size_t)p->audit_page, "orphan", p, 0);
				else if (d->line_no == nlines - 1)
					audit_add_line(c, (size_t)page, "widow", p, d->line_no);
			}
			p->audit_page = page;
			p->audit_line = d->line_no;
		}
	}
}

/* A heading, or a line that introduces a list (ends in a colon), at the
 * foot of a page without two lines of what it introduces under it (lines
 * counted as paginate.c counts them; the end of the document after it is
 * no fault). */
static void
rule_keep_with_next(ctx *c, const placement *pl, size_t npl)
{
	for (size_t i = 0; i < npl; i++) {
		const atom *a = pl[i].ap;
		if (a->keep_lines <= 0)
			continue;
		const ditem *d = first_line(a);
		if (!d || (d->para->role != PARA_HEADING && d->para->role != PARA_LEAD))
			continue;
		size_t page = pl[i].page;
		int got = 0;
		size_t j = i + 1;
		for (; j < npl && pl[j].page == page && got < a->keep_lines; j++)
			got += atom_lines(pl[j].ap);
		if (got >= a->keep_lines || j >= npl)
			continue; /* (a forced page break after it is a fault too) */
		audit_add_line(c, page + 1, d->para->role == PARA_HEADING ? "heading-at-foot" :
		    "lead-at-foot", d->para, d->line_no);
	}
}

/* The last item of a list alone at the head of a page, the rest of the
 * list on the page before. */
static void
rule_list_widow(ctx *c, const placement *pl, size_t npl)
{
	for (size_t i = 1; i < npl; i++) {
		if (!pl[i].ap->list_last || pl[i].atom == (size_t)-1)
			continue;
		/* the item before (its last visible atom) is on an earlier page */
		size_t j = i - 1;
		while (j > 0 && (pl[j].atom == (size_t)-1 || pl[j].ap->h <= 0))
			j--;
		if (pl[j].atom == (size_t)-1 || pl[j].page == pl[i].page)
			continue;
		const ditem *d = first_line(pl[i].ap);
		if (d)
			audit_add_line(c, pl[i].page + 1, "list-widow", d->para, d->line_no);
		else
			audit_add(c, pl[i].page + 1, "list-widow", "", 0);
	}
}

/* A table continued on a new page with nothing repeated above its rows
 * (no header row, no "caption (vervolg)"); a table row split over two
 * pages though it is no taller than a third of a page. */
static void
rule_tables(ctx *c, const placement *pl, size_t npl)
{
	for (size_t i = 1; i < npl; i++) {
		const atom *a = pl[i].ap;
		if (!a->table || pl[i].atom == (size_t)-1)
			continue;
		const ditem *d = first_line(a);
		/* the first atom of its page and nothing repeated above it */
		if (!a->first_row && pl[i].page != pl[i - 1].page) {
			if (d)
				audit_add_line(c, pl[i].page + 1, "table-split-no-header", d->para, d->line_no);
			else
				audit_add(c, pl[i].page + 1, "table-split-no-header", "", 0);
		}
		if (a->band > 1 && a->row_h <= BODY_H / 3 + 0.01) {
			size_t j = i - 1;
			while (j > 0 && pl[j].atom == (size_t)-1)
				j--;
			if (pl[j].page == pl[i].page)
				continue;
			if (d)
				audit_add_line(c, pl[i].page + 1, "row-split", d->para, d->line_no);
			else
				audit_add(c, pl[i].page + 1, "row-split", "", 0);
		}
	}
}

/* Text beyond the margins: right of the text block or under its foot. */
static void
rule_margins(ctx *c, const placement *pl, size_t npl)
{
	const double right = PAGE_W - MARGIN_R + 1, foot = PAGE_H - MARGIN_B + 1;
	for (size_t i = 0; i < npl; i++) {
		const atom *a = pl[i].ap;
		for (size_t k = 0; k < a->n; k++) {
			const ditem *d = &a->items[k];
			if (d->kind != DI_LINE)
				continue;
			PangoLayoutLine *l = para_line(d->para, d->line_no);
			if (!l)
				continue;
			PangoRectangle ink;
			pango_layout_line_get_extents(l, &ink, NULL);
			line_fill f;
			para_line_fill(d->para, d->line_no, &f);
			double x1 = d->x + (ink.x + ink.width) / (double)PANGO_SCALE + f.extra * f.nspaces;
			double y1 = pl[i].y + d->y + d->h * 0.25;
			if (x1 > right || y1 > foot || d->x < MARGIN_L - 1) {
				size_t n;
				const char *t = line_text(d->para, d->line_no, &n);
				audit_add(c, pl[i].page + 1, "outside-margins", t, n);
			}
		}
	}
}

/* The start of a running slot's text, or "logo". */
static void
audit_box(ctx *c, size_t page, const char *rule, const run_box *b)
{
	if (!b->para) {
		audit_add(c, page, rule, "logo", 4);
		return;
	}
	const char *t = pango_layout_get_text(b->para->layout);
	audit_add(c, page, rule, t, strlen(t));
}

void
audit_running(ctx *c, size_t page, const run_box *b, size_t n, double x0, double x1,
    double y0, double y1)
{
	const double eps = 0.01;
	for (size_t i = 0; i < n; i++) {
		if (!b[i].used)
			continue;
		if (b[i].x0 < x0 - 1 || b[i].x1 > x1 + 1 || b[i].y0 < y0 - eps || b[i].y1 > y1 + eps)
			audit_box(c, page, "running-outside", &b[i]);
		for (size_t j = i + 1; j < n; j++)
			if (b[j].used && b[i].x0 < b[j].x1 - eps && b[j].x0 < b[i].x1 - eps &&
			    b[i].y0 < b[j].y1 - eps && b[j].y0 < b[i].y1 - eps)
				audit_box(c, page, "running-overlap", b[i].para ? &b[i] : &b[j]);
	}
}

static int
letter_at(const char *t, size_t i, size_t n)
{
	gunichar ch = g_utf8_get_char_validated(t + i, (gssize)(n - i));
	return ch != (gunichar)-1 && ch != (gunichar)-2 && g_unichar_isalpha(ch);
}

/* The letters of the word part before byte `at` of t (soft hyphens
 * skipped) and after it: a part ends at anything but a letter. */
static void
letters_around(const char *t, size_t n, size_t at, int *before, int *after)
{
	*before = *after = 0;
	for (size_t i = at; i > 0;) {
		const char *pv = g_utf8_find_prev_char(t, t + i);
		if (!pv)
			break;
		size_t k = (size_t)(pv - t);
		if ((unsigned char)t[k] == 0xC2 && (unsigned char)t[k + 1] == 0xAD) {
			i = k;
			continue;
		}
		if (!letter_at(t, k, n))
			break;
		(*before)++;
		i = k;
	}
	for (size_t i = at; i < n;) {
		if ((unsigned char)t[i] == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0xAD) {
			i += 2;
			continue;
		}
		if (!letter_at(t, i, n))
			break;
		(*after)++;
		i = (size_t)(g_utf8_next_char(t + i) - t);
	}
}

static int
in_range(const text_range *r, size_t n, int i)
{
	for (size_t k = 0; k < n; k++)
		if (i > r[k].start && i < r[k].end)
			return 1;
	return 0;
}

/* Hyphenation and justification, line by line: a hyphen in the last word
 * of a paragraph, in a name, address, e-mail address or URL, with fewer
 * than 2 letters before or 3 after it; three or more hyphenated line ends
 * in a row; gaps over twice a word space. */
static void
rule_lines(ctx *c, const placement *pl, size_t npl)
{
	const para *last = NULL;
	int last_line = -1, run = 0;
	for (size_t i = 0; i < npl; i++) {
		const atom *a = pl[i].ap;
		size_t page = pl[i].page + 1;
		for (size_t k = 0; k < a->n; k++) {
			const ditem *d = &a->items[k];
			if (d->kind != DI_LINE)
				continue;
			const para *p = d->para;
			PangoLayoutLine *l = para_line((para *)p, d->line_no);
			if (!l)
				continue;
			int h = para_line_hyphen(p, d->line_no);
			if (p != last || d->line_no != last_line + 1)
				run = 0;
			run = h ? run + 1 : 0;
			last = p;
			last_line = d->line_no;
			if (run == 3)
				audit_add_line(c, page, "hyphen-ladder", p, d->line_no);
			line_fill f;
			para_line_fill(p, d->line_no, &f);
			if (f.nspaces > 0 && f.extra > f.space + 0.01)
				audit_add_line(c, page, "justify-gap", p, d->line_no);
			if (h != 1)
				continue;
			const char *t = pango_layout_get_text(p->layout);
			size_t n = strlen(t), at = (size_t)(l->start_index + l->length);
			/* the rest of the paragraph has no space: the last word */
			size_t e = at;
			while (e < n && t[e] != ' ' && t[e] != '\n')
				e++;
			/* (unless the word fills the whole line: it is wider than
			 * the column, and a break point is the lesser evil) */
			int alone = memchr(t + l->start_index, ' ', (size_t)l->length) == NULL;
			if ((e == n || t[e] == '\n') && !alone)
				audit_add_line(c, page, "hyphen-last-word", p, d->line_no);
			int before, after;
			letters_around(t, n, at - 2, &before, &after);
			if (before < 2 || after < 3)
				audit_add_line(c, page, "hyphen-short", p, d->line_no);
			int in_name = in_range(p->names, p->nnames, (int)at - 2);
			for (size_t m = 0; m < p->nlinks && !in_name; m++)
				in_name = p->links[m].uri && (int)at - 2 > p->links[m].start &&
				    (int)at - 2 < p->links[m].end;
			if (in_name)
				audit_add_line(c, page, "hyphen-name", p, d->line_no);
		}
	}
}

/* A word broken inside a table cell where it need not have been: not at
 * a hyphenation point, or while another column had room (table.c marks
 * the line that continues the word). The finding quotes the line that
 * ends in the broken word. */
static void
rule_cell_breaks(ctx *c, const placement *pl, size_t npl)
{
	for (size_t i = 0; i < npl; i++) {
		if (pl[i].atom == (size_t)-1)
			continue; /* a repeated header row: reported where it was set */
		const atom *a = pl[i].ap;
		for (size_t k = 0; k < a->n; k++) {
			const ditem *d = &a->items[k];
			if (d->kind == DI_LINE && d->cell_break && d->line_no > 0)
				audit_add_line(c, pl[i].page + 1, "cell-word-break", d->para,
				    d->line_no - 1);
		}
	}
}

void
audit_pages(ctx *c, const placement *pl, size_t npl)
{
	rule_widows(c, pl, npl);
	rule_keep_with_next(c, pl, npl);
	rule_list_widow(c, pl, npl);
	rule_tables(c, pl, npl);
	rule_margins(c, pl, npl);
	rule_lines(c, pl, npl);
	rule_cell_breaks(c, pl, npl);
}

void
audit_report(ctx *c)
{
	int strict = layout_audit_get() == LAYOUT_AUDIT_STRICT;
	const char *file = c->doc->file;
	for (size_t i = 0; i < c->nfindings; i++) {
		const audit_finding *f = &c->findings[i];
		diag_add(c->d, strict ? DIAG_ERROR : DIAG_WARNING, file, 0, 0,
		    "audit: page %zu: %s: \xC2\xAB%s\xC2\xBB", f->page, f->rule, f->text);
		free(f->text);
	}
	audit_total += c->nfindings;
	if (strict && c->nfindings > 0)
		c->failed = 1;
	free(c->findings);
	c->findings = NULL;
	c->nfindings = c->findingscap = 0;
}
