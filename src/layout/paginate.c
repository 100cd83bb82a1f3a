/* paginate — atoms onto pages: greedy, a break moves back over
 * keep-with-next marks, table header rows (and a continued table's
 * caption) repeat on a continued page. Before that, the keeps that are
 * counted in lines (a heading or a lead keeps with two lines of what
 * follows) become keep-with-next marks. */
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


/* ---------- paginate ---------- */

void
place(placement **pl, size_t *n, size_t *cap, size_t idx, const atom *a, size_t page, double y)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		*pl = xrealloc(*pl, *cap * sizeof **pl);
	}
	(*pl)[(*n)++] = (placement){ idx, a, page, y, 0 };
}

int
atom_lines(const atom *a)
{
	const ditem *first = NULL;
	for (size_t k = 0; k < a->n; k++) {
		const ditem *d = &a->items[k];
		if (d->kind != DI_LINE)
			continue;
		if (!first)
			first = d;
		else if (fabs(d->y - first->y) > 0.5)
			return 2;
	}
	if (first)
		return 1;
	return a->h > 0.5 ? 2 : 0; /* a rule, a picture, a QR code: a whole */
}

/* Keeps counted in lines to keep-with-next marks: an atom that keeps with
 * n lines keeps with the atoms that hold them (up to a forced break). */
static void
keeps_resolve(atoms *l)
{
	for (size_t i = 0; i < l->n; i++) {
		if (l->a[i].keep_lines <= 0)
			continue;
		int got = 0;
		size_t j = i;
		while (got < l->a[i].keep_lines && j + 1 < l->n && !l->a[j + 1].brk) {
			l->a[j].kwn = 1;
			j++;
			got += atom_lines(&l->a[j]);
		}
	}
}

size_t
paginate(atoms *l, placement **pl, size_t *npl)
{
	keeps_resolve(l);
	const double top = MARGIN_T, bottom = PAGE_H - MARGIN_B;
	size_t cap = 0;
	*npl = 0;
	*pl = NULL;
	size_t page = 0, page_start = 0;
	double y = top;
	size_t i = 0;
	int fresh = 1; /* nothing but repeated headers on this page yet */
	while (i < l->n) {
		const atom *a = &l->a[i];
		if (a->brk && !fresh) {
			page++;
			page_start = i;
			y = top;
			fresh = 1;
		}
		double sp = fresh ? 0 : a->space;
		if (!fresh && y + sp + a->h > bottom + 0.01) {
			size_t j = i;
			while (j > page_start + 1 && l->a[j - 1].kwn)
				j--;
			if (j == page_start + 1 && l->a[page_start].kwn)
				j = i; /* one chain fills the page: break where we are */
			while (*npl > 0 && (*pl)[*npl - 1].atom != (size_t)-1 && (*pl)[*npl - 1].atom >= j)
				(*npl)--;
			page++;
			page_start = j;
			y = top;
			fresh = 1;
			i = j;
			const atom *b = &l->a[j];
			if (b->table && !b->first_row) {
				/* "<caption> (vervolg)", then the header rows */
				for (size_t k = 0; k < b->table->cont.n; k++) {
					const atom *h = &b->table->cont.a[k];
					place(pl, npl, &cap, (size_t)-1, h, page, y);
					y += h->h;
				}
				for (size_t k = 0; k < b->table->head.n; k++) {
					const atom *h = &b->table->head.a[k];
					place(pl, npl, &cap, (size_t)-1, h, page, y);
					y += h->h;
				}
			}
			continue;
		}
		y += sp;
		double ext = 0;
		if (fresh || (*npl > 0 && (*pl)[*npl - 1].atom == (size_t)-1 && (*pl)[*npl - 1].page == page))
			ext = a->top_pad; /* first on the page, or right under a repeated header */
		y += ext;
		place(pl, npl, &cap, i, a, page, y);
		(*pl)[*npl - 1].ext = ext;
		y += a->h;
		if (a->h > 0 || !a->brk)
			fresh = 0;
		i++;
	}
	return page + 1;
}

