/* diag — see diag.h. Collects diagnostics; prints only when main asks. */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

const char *
diag_severity_name(diag_severity sev)
{
	switch (sev) {
	case DIAG_ERROR: return "error";
	case DIAG_WARNING: return "warning";
	case DIAG_NOTE: return "note";
	case DIAG__MAX: break;
	}
	return "?";
}

int
diag_vadd(diag *d, diag_severity sev, const char *file, int line, int col,
    const char *fmt, va_list ap)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		diag_item *it = realloc(d->items, cap * sizeof *it);
		if (!it)
			abort();
		d->items = it;
		d->cap = cap;
	}
	diag_item *it = &d->items[d->n++];
	it->sev = sev;
	it->file = file ? xstrdup(file) : NULL;
	it->line = line;
	it->col = col;
	it->msg = xvasprintf(fmt, ap);
	if (sev == DIAG_ERROR)
		d->nerrors++;
	else if (sev == DIAG_WARNING)
		d->nwarnings++;
	return sev == DIAG_ERROR ? -1 : 0;
}

int
diag_add(diag *d, diag_severity sev, const char *file, int line, int col,
    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = diag_vadd(d, sev, file, line, col, fmt, ap);
	va_end(ap);
	return r;
}

int
diag_error(diag *d, const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, DIAG_ERROR, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void
diag_warning(diag *d, const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, DIAG_WARNING, file, line, col, fmt, ap);
	va_end(ap);
}

static int
item_cmp(const diag_item *a, const diag_item *b)
{
	int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

void
diag_sort(diag *d)
{
	/* insertion sort: stable, and lists are short */
	for (size_t i = 1; i < d->n; i++) {
		diag_item tmp = d->items[i];
		size_t j = i;
		while (j > 0 && item_cmp(&d->items[j - 1], &tmp) > 0) {
			d->items[j] = d->items[j - 1];
			j--;
		}
		d->items[j] = tmp;
	}
}

void
diag_promote_warnings(diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].sev == DIAG_WARNING) {
			d->items[i].sev = DIAG_ERROR;
			d->nwarnings--;
			d->nerrors++;
		}
}

void
diag_move(diag *dst, diag *src)
{
	for (size_t i = 0; i < src->n; i++) {
		diag_item *s = &src->items[i];
		diag_add(dst, s->sev, s->file, s->line, s->col, "%s", s->msg);
	}
	diag_free(src);
}

void
diag_print(const diag *d, FILE *fp)
{
	for (size_t i = 0; i < d->n; i++) {
		const diag_item *it = &d->items[i];
		if (it->file && it->line > 0 && it->col > 0)
			fprintf(fp, "%s:%d:%d: ", it->file, it->line, it->col);
		else if (it->file && it->line > 0)
			fprintf(fp, "%s:%d: ", it->file, it->line);
		else if (it->file)
			fprintf(fp, "%s: ", it->file);
		else
			fputs("zorgdoc: ", fp);
		fprintf(fp, "%s: %s\n", diag_severity_name(it->sev), it->msg);
	}
}

void
diag_free(diag *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].msg);
	}
	free(d->items);
	d->items = NULL;
	d->n = d->cap = d->nerrors = d->nwarnings = 0;
}
