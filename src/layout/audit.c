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
		if (len == 2 && ch == 0xC2 && (unsigned char)text[i + 1] == 0xAD) {
			i += len; /* a soft hyphen */
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
 * foot of a page without two lines of what it introduces under it. */
static void
rule_keep_with_next(ctx *c, const placement *pl, size_t npl)
{
	for (size_t i = 0; i < npl; i++) {
		const ditem *d = first_line(pl[i].ap);
		if (!d || (d->para->role != PARA_HEADING && d->para->role != PARA_LEAD))
			continue;
		/* only the heading's last line counts */
		if (d->line_no != pango_layout_get_line_count(d->para->layout) - 1)
			continue;
		size_t page = pl[i].page;
		size_t after = 0, j = i + 1;
		for (; j < npl && pl[j].page == page && after < 2; j++)
			after++;
		if (after >= 2 || j >= npl)
			continue; /* two lines follow, or the document ends */
		const ditem *next = first_line(pl[j].ap);
		if (after == 1 && next && next->para->role == PARA_HEADING)
			continue; /* one line was all there was to it */
		audit_add_line(c, page + 1, d->para->role == PARA_HEADING ? "heading-at-foot" :
		    "lead-at-foot", d->para, d->line_no);
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
			double x1 = d->x + (ink.x + ink.width) / (double)PANGO_SCALE;
			double y1 = pl[i].y + d->y + d->h * 0.25;
			if (x1 > right || y1 > foot || d->x < MARGIN_L - 1) {
				size_t n;
				const char *t = line_text(d->para, d->line_no, &n);
				audit_add(c, pl[i].page + 1, "outside-margins", t, n);
			}
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
	rule_margins(c, pl, npl);
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
