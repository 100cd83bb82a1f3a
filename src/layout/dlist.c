/* dlist — see dlist.h. Allocation and release of display lists. */
#include "dlist.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

dl_doc *
dl_doc_new(void)
{
	return xcalloc(1, sizeof(dl_doc));
}

void
dl_meta_set(char **field, const char *value)
{
	free(*field);
	*field = dup_or_null(value);
}

static void
op_free(dl_op *op)
{
	switch (op->kind) {
	case DL_TEXT:
		free(op->u.text.text);
		free(op->u.text.glyphs);
		free(op->u.text.clusters);
		break;
	case DL_IMAGE:
		free(op->u.image.data);
		break;
	case DL_LINK:
		free(op->u.link.uri);
		free(op->u.link.dest);
		break;
	case DL_ANCHOR:
		free(op->u.anchor.name);
		break;
	case DL_LINE:
	case DL_RECT:
	case DL_OP__MAX:
		break;
	}
}

void
dl_doc_free(dl_doc *doc)
{
	if (!doc)
		return;
	for (size_t p = 0; p < doc->npages; p++) {
		for (size_t i = 0; i < doc->pages[p].nops; i++)
			op_free(&doc->pages[p].ops[i]);
		free(doc->pages[p].ops);
	}
	free(doc->pages);
	for (size_t i = 0; i < doc->nfonts; i++) {
		if (doc->fonts[i].pango)
			g_object_unref(doc->fonts[i].pango);
		free(doc->fonts[i].file);
		free(doc->fonts[i].family);
	}
	free(doc->fonts);
	for (size_t i = 0; i < doc->noutline; i++) {
		free(doc->outline[i].title);
		free(doc->outline[i].dest);
	}
	free(doc->outline);
	dl_meta *m = &doc->meta;
	free(m->title);
	free(m->subject);
	free(m->author);
	free(m->keywords);
	free(m->lang);
	free(m->creator);
	free(m->date);
	free(doc);
}

dl_page *
dl_page_add(dl_doc *doc, double width, double height)
{
	if (doc->npages == doc->pages_cap) {
		doc->pages_cap = doc->pages_cap ? doc->pages_cap * 2 : 8;
		doc->pages = xrealloc(doc->pages, doc->pages_cap * sizeof *doc->pages);
	}
	dl_page *p = &doc->pages[doc->npages++];
	memset(p, 0, sizeof *p);
	p->width = width;
	p->height = height;
	return p;
}

size_t
dl_font_intern(dl_doc *doc, const dl_font *f)
{
	for (size_t i = 0; i < doc->nfonts; i++)
		if (doc->fonts[i].pango == f->pango)
			return i;
	if (doc->nfonts == doc->fonts_cap) {
		doc->fonts_cap = doc->fonts_cap ? doc->fonts_cap * 2 : 8;
		doc->fonts = xrealloc(doc->fonts, doc->fonts_cap * sizeof *doc->fonts);
	}
	dl_font *n = &doc->fonts[doc->nfonts];
	*n = *f;
	if (n->pango)
		g_object_ref(n->pango);
	n->file = dup_or_null(f->file);
	n->family = dup_or_null(f->family);
	return doc->nfonts++;
}

dl_op *
dl_op_add(dl_page *page, dl_op_kind kind)
{
	if (page->nops == page->cap) {
		page->cap = page->cap ? page->cap * 2 : 64;
		page->ops = xrealloc(page->ops, page->cap * sizeof *page->ops);
	}
	dl_op *op = &page->ops[page->nops++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	return op;
}

void
dl_add_line(dl_page *page, double x0, double y0, double x1, double y1,
    double width, dl_color color)
{
	dl_op *op = dl_op_add(page, DL_LINE);
	op->u.line = (dl_line){ x0, y0, x1, y1, width, color };
}

void
dl_add_rect(dl_page *page, double x, double y, double w, double h,
    const dl_color *fill, double stroke_width, const dl_color *stroke)
{
	dl_op *op = dl_op_add(page, DL_RECT);
	dl_rect *r = &op->u.rect;
	r->x = x;
	r->y = y;
	r->w = w;
	r->h = h;
	if (fill) {
		r->fill = 1;
		r->fill_color = *fill;
	}
	r->stroke_width = stroke ? stroke_width : 0;
	if (stroke)
		r->stroke_color = *stroke;
}

void
dl_add_link(dl_page *page, double x, double y, double w, double h,
    const char *uri, const char *dest)
{
	dl_op *op = dl_op_add(page, DL_LINK);
	op->u.link = (dl_link){ x, y, w, h, dup_or_null(uri), dup_or_null(dest) };
}

void
dl_add_anchor(dl_page *page, const char *name, double x, double y)
{
	dl_op *op = dl_op_add(page, DL_ANCHOR);
	op->u.anchor = (dl_anchor){ xstrdup(name), x, y };
}

void
dl_add_image(dl_page *page, double x, double y, double w, double h,
    dl_image_kind kind, unsigned char *data, size_t len)
{
	dl_op *op = dl_op_add(page, DL_IMAGE);
	op->u.image = (dl_image){ x, y, w, h, kind, data, len };
}

void
dl_add_outline(dl_doc *doc, const char *title, int level, size_t page,
    double y, const char *dest)
{
	if (doc->noutline == doc->outline_cap) {
		doc->outline_cap = doc->outline_cap ? doc->outline_cap * 2 : 16;
		doc->outline = xrealloc(doc->outline, doc->outline_cap * sizeof *doc->outline);
	}
	doc->outline[doc->noutline++] =
	    (dl_outline){ xstrdup(title), level, page, y, dup_or_null(dest) };
}

/* A filled, unstroked, opaque rectangle. */
static int
plain_fill(const dl_op *op)
{
	/* opaque only: overlapping translucent rects darken where they meet */
	return op->kind == DL_RECT && op->u.rect.fill && op->u.rect.stroke_width <= 0 &&
	    op->u.rect.fill_color.a >= 1;
}

size_t
dl_rect_run(const dl_page *page, size_t i)
{
	if (i >= page->nops || !plain_fill(&page->ops[i]))
		return 0;
	const dl_color *c = &page->ops[i].u.rect.fill_color;
	size_t n = 1;
	while (i + n < page->nops && plain_fill(&page->ops[i + n]) &&
	    memcmp(&page->ops[i + n].u.rect.fill_color, c, sizeof *c) == 0)
		n++;
	return n;
}
