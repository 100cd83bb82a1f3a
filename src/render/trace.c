/* trace — see trace.h. The text trace device: one line per drawing call.
 *
 * Format (stable; golden files depend on it):
 *   meta title "..." author "..." ...          once, fields present only
 *   outline LEVEL PAGE Y "title" [dest=NAME]   one per outline entry
 *   page N WxH                                  N counts from 1
 *   text X Y w=W "Family" WEIGHT normal|italic SIZE #rrggbb "text"
 *   line X0 Y0 X1 Y1 w=W #rrggbb
 *   rect X Y W H [fill=#rrggbb] [stroke=W #rrggbb]
 *   image png|svg X Y W H bytes=N
 *   link X Y W H uri="..." | dest="..."
 *   anchor NAME X Y
 * Numbers are rounded to 0.01 pt; strings are quoted with \" \\ \n
 * escaped. Font files are not printed (they differ between machines). */
#include "trace.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void
num(buf *out, double v)
{
	double r = round(v * 100.0) / 100.0;
	if (r == 0)
		r = 0; /* no "-0.00" */
	buf_printf(out, "%.2f", r);
}

static void
quoted(buf *out, const char *s, size_t len)
{
	buf_putc(out, '"');
	for (size_t i = 0; s && i < len; i++) {
		char c = s[i];
		if (c == '"' || c == '\\')
			buf_putc(out, '\\');
		if (c == '\n') {
			buf_puts(out, "\\n");
			continue;
		}
		buf_putc(out, c);
	}
	buf_putc(out, '"');
}

static void
qstr(buf *out, const char *s)
{
	quoted(out, s, s ? strlen(s) : 0);
}

static void
color(buf *out, dl_color c)
{
	buf_printf(out, "#%02x%02x%02x", (int)lround(c.r * 255), (int)lround(c.g * 255),
	    (int)lround(c.b * 255));
}

static void
meta_field(buf *out, const char *name, const char *v)
{
	if (!v)
		return;
	buf_printf(out, " %s ", name);
	qstr(out, v);
}

void
trace_write(const dl_doc *doc, buf *out)
{
	buf_puts(out, "meta");
	meta_field(out, "title", doc->meta.title);
	meta_field(out, "subject", doc->meta.subject);
	meta_field(out, "author", doc->meta.author);
	meta_field(out, "keywords", doc->meta.keywords);
	meta_field(out, "lang", doc->meta.lang);
	meta_field(out, "date", doc->meta.date);
	buf_putc(out, '\n');
	for (size_t i = 0; i < doc->noutline; i++) {
		const dl_outline *o = &doc->outline[i];
		buf_printf(out, "outline %d %zu ", o->level, o->page + 1);
		num(out, o->y);
		buf_putc(out, ' ');
		qstr(out, o->title);
		if (o->dest)
			buf_printf(out, " dest=%s", o->dest);
		buf_putc(out, '\n');
	}
	for (size_t p = 0; p < doc->npages; p++) {
		const dl_page *pg = &doc->pages[p];
		buf_printf(out, "page %zu ", p + 1);
		num(out, pg->width);
		buf_putc(out, 'x');
		num(out, pg->height);
		buf_putc(out, '\n');
		for (size_t i = 0; i < pg->nops; i++) {
			const dl_op *op = &pg->ops[i];
			switch (op->kind) {
			case DL_TEXT: {
				const dl_text *t = &op->u.text;
				const dl_font *f = t->font < doc->nfonts ? &doc->fonts[t->font] : NULL;
				buf_puts(out, "text ");
				num(out, t->x);
				buf_putc(out, ' ');
				num(out, t->y);
				buf_puts(out, " w=");
				num(out, t->width);
				buf_putc(out, ' ');
				qstr(out, f ? f->family : "?");
				buf_printf(out, " %d %s ", f ? f->weight : 0,
				    f && f->italic ? "italic" : "normal");
				num(out, f ? f->size : 0);
				buf_putc(out, ' ');
				color(out, t->color);
				buf_putc(out, ' ');
				quoted(out, t->text, t->text_len);
				buf_putc(out, '\n');
				break;
			}
			case DL_LINE: {
				const dl_line *l = &op->u.line;
				buf_puts(out, "line ");
				num(out, l->x0);
				buf_putc(out, ' ');
				num(out, l->y0);
				buf_putc(out, ' ');
				num(out, l->x1);
				buf_putc(out, ' ');
				num(out, l->y1);
				buf_puts(out, " w=");
				num(out, l->width);
				buf_putc(out, ' ');
				color(out, l->color);
				buf_putc(out, '\n');
				break;
			}
			case DL_RECT: {
				const dl_rect *r = &op->u.rect;
				buf_puts(out, "rect ");
				num(out, r->x);
				buf_putc(out, ' ');
				num(out, r->y);
				buf_putc(out, ' ');
				num(out, r->w);
				buf_putc(out, ' ');
				num(out, r->h);
				if (r->fill) {
					buf_puts(out, " fill=");
					color(out, r->fill_color);
				}
				if (r->stroke_width > 0) {
					buf_puts(out, " stroke=");
					num(out, r->stroke_width);
					buf_putc(out, ' ');
					color(out, r->stroke_color);
				}
				buf_putc(out, '\n');
				break;
			}
			case DL_IMAGE: {
				const dl_image *im = &op->u.image;
				buf_printf(out, "image %s ", im->kind == DL_IMAGE_SVG ? "svg" : im->kind == DL_IMAGE_JPEG ? "jpeg" : "png");
				num(out, im->x);
				buf_putc(out, ' ');
				num(out, im->y);
				buf_putc(out, ' ');
				num(out, im->w);
				buf_putc(out, ' ');
				num(out, im->h);
				buf_printf(out, " bytes=%zu\n", im->len);
				break;
			}
			case DL_LINK: {
				const dl_link *l = &op->u.link;
				buf_puts(out, "link ");
				num(out, l->x);
				buf_putc(out, ' ');
				num(out, l->y);
				buf_putc(out, ' ');
				num(out, l->w);
				buf_putc(out, ' ');
				num(out, l->h);
				if (l->uri) {
					buf_puts(out, " uri=");
					qstr(out, l->uri);
				}
				if (l->dest) {
					buf_puts(out, " dest=");
					qstr(out, l->dest);
				}
				buf_putc(out, '\n');
				break;
			}
			case DL_ANCHOR: {
				const dl_anchor *a = &op->u.anchor;
				buf_printf(out, "anchor %s ", a->name);
				num(out, a->x);
				buf_putc(out, ' ');
				num(out, a->y);
				buf_putc(out, '\n');
				break;
			}
			case DL_OP__MAX:
				break;
			}
		}
	}
}
