/* csv — strict CSV reading (see csv.h). */
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "csv.h"

struct csv {
	const char *p, *end;
	int line;
	char sep;
	int started;
	char **f;
	size_t n, cap;
};

csv *
csv_new(const char *data, size_t len)
{
	csv *c = xcalloc(1, sizeof *c);
	c->p = data;
	c->end = data + len;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		c->p += 3;
	c->line = 1;
	/* The separator: whichever of ',' and ';' the header row has more
	 * of, outside quotes (',' when neither). */
	int commas = 0, semis = 0, q = 0;
	for (const char *p = c->p; p < c->end && (q || (*p != '\n' && *p != '\r')); p++) {
		if (*p == '"')
			q = !q;
		else if (!q && *p == ',')
			commas++;
		else if (!q && *p == ';')
			semis++;
	}
	c->sep = semis > commas ? ';' : ',';
	return c;
}

static void
clear(csv *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->f[i]);
	c->n = 0;
}

void
csv_free(csv *c)
{
	if (!c)
		return;
	clear(c);
	free(c->f);
	free(c);
}

static void
push(csv *c, buf *b)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->f = xrealloc(c->f, c->cap * sizeof *c->f);
	}
	c->f[c->n++] = buf_detach(b);
}

int
csv_next(csv *c, csv_row *row, const char **err)
{
	clear(c);
	*err = NULL;
	row->f = NULL;
	row->n = 0;
	row->line = c->line;
	if (c->p >= c->end)
		return 0;
	buf b = BUF_INIT;
	for (;;) {
		/* One field. */
		buf_reset(&b);
		if (c->p < c->end && *c->p == '"') {
			int startline = c->line;
			c->p++;
			for (;;) {
				if (c->p >= c->end) {
					row->line = startline;
					*err = "a quoted field is not closed";
					buf_free(&b);
					return -1;
				}
				if (*c->p == '"') {
					if (c->p + 1 < c->end && c->p[1] == '"') {
						buf_putc(&b, '"');
						c->p += 2;
						continue;
					}
					c->p++;
					break;
				}
				if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n') {
					c->p++;
					continue;
				}
				if (*c->p == '\n')
					c->line++;
				buf_putc(&b, *c->p++);
			}
			if (c->p < c->end && *c->p != c->sep && *c->p != '\n' && *c->p != '\r') {
				*err = "text after a closing quote (a quote inside a field must be doubled)";
				buf_free(&b);
				return -1;
			}
		} else {
			while (c->p < c->end && *c->p != c->sep && *c->p != '\n' && *c->p != '\r') {
				if (*c->p == '"') {
					*err = "a quote inside an unquoted field";
					buf_free(&b);
					return -1;
				}
				buf_putc(&b, *c->p++);
			}
		}
		if (!b.s)
			buf_puts(&b, "");
		push(c, &b);
		if (c->p < c->end && *c->p == c->sep) {
			c->p++;
			continue;
		}
		/* End of row. */
		if (c->p < c->end && *c->p == '\r')
			c->p++;
		if (c->p < c->end && *c->p == '\n')
			c->p++;
		c->line++;
		break;
	}
	buf_free(&b);
	row->f = c->f;
	row->n = c->n;
	return 1;
}
