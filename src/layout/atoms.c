/* atoms — the unbreakable vertical pieces the engine builds (a line, a
 * table row, a signature block) and their draw items; the ctx string pool. */
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



PangoLayoutLine *
para_line(para *p, int line_no)
{
	if (!p->lines) {
		p->nlines = pango_layout_get_line_count(p->layout);
		p->lines = xcalloc((size_t)p->nlines + 1, sizeof *p->lines);
		int i = 0;
		for (GSList *l = pango_layout_get_lines_readonly(p->layout); l && i < p->nlines;
		    l = l->next)
			p->lines[i++] = l->data;
	}
	return line_no >= 0 && line_no < p->nlines ? p->lines[line_no] : NULL;
}

char *
pool_add(ctx *c, char *s)
{
	if (c->npool == c->poolcap) {
		c->poolcap = c->poolcap ? 2 * c->poolcap : 64;
		c->pool = xrealloc(c->pool, c->poolcap * sizeof *c->pool);
	}
	c->pool[c->npool++] = s;
	return s;
}

ditem *
item_add(atom *a, di_kind kind)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 4;
		a->items = xrealloc(a->items, a->cap * sizeof *a->items);
	}
	ditem *it = &a->items[a->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	return it;
}

atom *
atom_add(atoms *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->a = xrealloc(l->a, l->cap * sizeof *l->a);
	}
	atom *a = &l->a[l->n++];
	memset(a, 0, sizeof *a);
	return a;
}

void
atoms_free(atoms *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->a[i].items);
	free(l->a);
	l->a = NULL;
	l->n = l->cap = 0;
}

/* Moves the atoms of src to the end of dst. */
void
atoms_move(atoms *dst, atoms *src)
{
	for (size_t i = 0; i < src->n; i++)
		*atom_add(dst) = src->a[i];
	free(src->a);
	src->a = NULL;
	src->n = src->cap = 0;
}

/* Stacks atoms into one unbreakable atom (items shifted by dy). */
void
atom_stack(atom *dst, const atoms *src, double top)
{
	double y = top;
	for (size_t i = 0; i < src->n; i++) {
		const atom *a = &src->a[i];
		if (i > 0)
			y += a->space;
		for (size_t k = 0; k < a->n; k++) {
			ditem *it = item_add(dst, a->items[k].kind);
			*it = a->items[k];
			it->y += y;
			if (it->kind == DI_RULE)
				it->y1 += y;
		}
		y += a->h;
	}
	if (y > dst->h)
		dst->h = y;
}

double
atoms_height(const atoms *l)
{
	double h = 0;
	for (size_t i = 0; i < l->n; i++)
		h += (i > 0 ? l->a[i].space : 0) + l->a[i].h;
	return h;
}

