/* layout — see layout.h. Document tree → pango → display list.
 *
 * Three passes:
 *   1. build: every block becomes "atoms" — unbreakable vertical pieces
 *      (one line of a paragraph, one table row, a signature block) with a
 *      height, a discardable space above, a keep-with-next mark and draw
 *      items positioned relative to the atom's top (x is absolute);
 *   2. paginate: atoms are placed on pages greedily; when one does not
 *      fit, the break moves back over keep-with-next marks; table header
 *      rows are placed again at the top of a continued table;
 *   3. emit: draw items become display-list ops, page by page, with the
 *      running header and footer (whose text needs the page count).
 * Units are points; pango works at 72 dpi so its units are points too. */
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

/* ---------- entry ---------- */

/* Text that cannot be placed is an error, never a silent loss: a block
 * taller than a page (a letterhead, a signature block, a field with too
 * much text) would run off the foot of its page. Returns 0 or -1. */
static int
check_fits(ctx *c, const placement *pl, size_t npl)
{
	for (size_t i = 0; i < npl; i++) {
		if (pl[i].ap->h <= BODY_H + 0.5)
			continue;
		diag_error(c->d, c->doc->file, 0, 0, "page %zu: a block of %.0f mm (a letterhead, "
		    "a signature block, a field, a table row or a note) is taller than a page "
		    "(%.0f mm) and cannot be placed: shorten its text", pl[i].page + 1,
		    pl[i].ap->h / MM, BODY_H / MM);
		c->failed = 1;
		return -1;
	}
	return 0;
}

dl_doc *
layout_run(const doc_document *doc, diag *d)
{
	if (fonts_init(d) != 0)
		return NULL;
	int nl = !doc->language || strncmp(doc->language, "nl", 2) == 0;
	ctx c = { 0 };
	c.doc = doc;
	c.d = d;
	c.brand = doc->has_colour ? (dl_color){ doc->colour[0], doc->colour[1], doc->colour[2], 1 }
	                          : C_BRAND_DEFAULT;
	c.brand_text = doc->has_colour ? (dl_color){ doc->text_colour[0], doc->text_colour[1],
		doc->text_colour[2], 1 } : C_BRAND_DEFAULT;
	c.family = doc->font == DOC_FONT_SERIF ? family_serif : family_sans;
	c.body_size = doc->font == DOC_FONT_SERIF ? 10.5 : 9.8;
	c.body_leading = c.body_size * 1.42;
	if (logo_load(&c) != 0) {
		free(c.logo);
		return NULL;
	}
	double x = MARGIN_L, w = PAGE_W - MARGIN_L - MARGIN_R;
	atoms all = { 0 };
	if (doc->has_letterhead)
		letterhead(&c, x, w, &all);
	/* the document title */
	tstyle ts = style_body(&c);
	ts.size = c.body_size * 1.9;
	ts.leading = ts.size * 1.2;
	ts.color = c.brand_text;
	ts.align = DOC_ALIGN_LEFT;
	ts.hyphenate = 0;
	para *tp = para_make(&c, NULL, NULL, doc->title, &ts, w);
	para_atoms(&c, tp, x, 0, &ts, &all, 1);
	all.a[all.n - 1].h += c.body_leading * 0.6;
	tstyle st = style_body(&c);
	st.hyphenate = nl;
	if (doc->kind && strcmp(doc->kind, "invoice") == 0) {
		/* short texts with amounts and IBANs: ragged right, which needs
		 * no hyphenation (and saves loading the patterns) */
		st.align = DOC_ALIGN_LEFT;
		st.hyphenate = 0;
	}
	for (const doc_node *n = doc->body->first; n; n = n->next)
		flow(&c, n, x, w, st, 0, &all);

	placement *pl;
	size_t npl;
	size_t npages = paginate(&all, &pl, &npl);
	check_fits(&c, pl, npl);
	if (layout_audit_get() != LAYOUT_AUDIT_OFF)
		audit_pages(&c, pl, npl);

	dl_doc *dl = dl_doc_new();
	dl_meta_set(&dl->meta.title, doc->title);
	dl_meta_set(&dl->meta.subject, doc->subject);
	dl_meta_set(&dl->meta.author, doc->author);
	dl_meta_set(&dl->meta.keywords, doc->keywords);
	dl_meta_set(&dl->meta.lang, doc->language ? doc->language : "nl");
	dl_meta_set(&dl->meta.creator, "zorgdoc " ZORGDOC_VERSION);
	if (doc->date) {
		dl_meta_set(&dl->meta.date, doc->date);
	} else if (getenv("SOURCE_DATE_EPOCH")) {
		time_t t = (time_t)strtoll(getenv("SOURCE_DATE_EPOCH"), NULL, 10);
		struct tm tm;
		char tmp[32];
		gmtime_r(&t, &tm);
		strftime(tmp, sizeof tmp, "%Y-%m-%dT%H:%M:%SZ", &tm);
		dl_meta_set(&dl->meta.date, tmp);
	}
	char pages_str[24];
	snprintf(pages_str, sizeof pages_str, "%zu", npages);
	size_t k = 0;
	for (size_t p = 0; p < npages; p++) {
		dl_page *page = dl_page_add(dl, PAGE_W, PAGE_H);
		char page_str[24];
		snprintf(page_str, sizeof page_str, "%zu", p + 1);
		c.page_str = page_str;
		c.pages_str = pages_str;
		const doc_running *h = &doc->header;
		int show_h = h->present && (p > 0 || h->first == 1 ||
		    (h->first == -1 && !doc->has_letterhead));
		if (show_h)
			running(&c, dl, page, p, h, HEADER_BASE, 1);
		if (doc->draft)
			emit_draft_mark(&c, dl, page, doc->draft);
		for (; k < npl && pl[k].page == p; k++)
			emit_atom(&c, dl, page, p, pl[k].ap, pl[k].y, pl[k].ext);
		const doc_running *f = &doc->footer;
		if (f->present && (p > 0 || f->first != 0))
			running(&c, dl, page, p, f, FOOTER_BASE, 0);
	}
	c.page_str = c.pages_str = NULL;

	free(pl);
	atoms_free(&all);
	for (tbl *t = c.tables; t;) {
		tbl *next = t->next;
		atoms_free(&t->head);
		atoms_free(&t->cont);
		free(t);
		t = next;
	}
	for (para *p = c.paras; p;) {
		para *next = p->next;
		g_object_unref(p->layout);
		free(p->lines);
		free(p->links);
		free(p->names);
		free(p);
		p = next;
	}
	for (size_t i = 0; i < c.npool; i++)
		free(c.pool[i]);
	free(c.pool);
	free(c.logo);
	if (c.unknown_glyphs > 0) {
		/* never a document with boxes where a name should be */
		diag_error(d, doc->file, 0, 0, "%ld character%s in a script none of the fonts has "
		    "(install fonts-dejavu-core for Arabic and Hebrew, fonts-droid-fallback for "
		    "Chinese, Japanese and Korean)", c.unknown_glyphs, c.unknown_glyphs == 1 ? "" : "s");
		c.failed = 1;
	}
	if (c.nfindings > 0)
		audit_report(&c);
	if (c.failed) {
		dl_doc_free(dl);
		return NULL;
	}
	return dl;
}

