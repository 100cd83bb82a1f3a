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
#include "layout.h"

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

/* ---------- style ---------- */

#define PAGE_W 595.276
#define PAGE_H 841.890
#define MM (72.0 / 25.4)
#define MARGIN_L (25 * MM)
#define MARGIN_R (22 * MM)
#define MARGIN_T (24 * MM)
#define MARGIN_B (24 * MM)
#define HEADER_BASE (14 * MM)
#define FOOTER_BASE (PAGE_H - 12 * MM)
#define DRAFT_BASE (8 * MM)
#define LIST_INDENT 17.0
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.2
#define MAX_IMAGE (4u * 1024u * 1024u)
#define BODY_H (PAGE_H - MARGIN_T - MARGIN_B)

static const dl_color C_TEXT = { 0.10, 0.10, 0.10, 1 };
static const dl_color C_GREY = { 0.36, 0.36, 0.36, 1 };
static const dl_color C_RULE = { 0.62, 0.62, 0.62, 1 };
static const dl_color C_BRAND_DEFAULT = { 0.122, 0.306, 0.475, 1 }; /* #1F4E79 */

typedef struct {
	double size;       /* font size */
	double leading;    /* line distance */
	int bold, italic;
	doc_align align;
	dl_color color;
	int hyphenate;
} tstyle;

/* ---------- fonts (process-wide) ---------- */

static PangoFontMap *fontmap;
static PangoContext *pctx;

static const char *font_files[] = {
	"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
	"LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf",
	"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
	"LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf",
};

/* The same fonts without their hinting, which zorgdoc never uses but
 * cairo would embed in every PDF (11 kB of a 26 kB zorgnota): `make`
 * writes them into the data directory's fonts/ (tools/ttf-dehint.c),
 * renamed, as the Open Font License asks of a modified Liberation. Used
 * when all are there. */
static const char *dehinted_files[] = {
	"ZorgdocSans-Regular.ttf", "ZorgdocSans-Bold.ttf",
	"ZorgdocSans-Italic.ttf", "ZorgdocSans-BoldItalic.ttf",
	"ZorgdocSerif-Regular.ttf", "ZorgdocSerif-Bold.ttf",
	"ZorgdocSerif-Italic.ttf", "ZorgdocSerif-BoldItalic.ttf",
};
#define NFONT_FILES (sizeof font_files / sizeof font_files[0])

/* The families documents are set in: of the fonts fonts_init found. */
static const char *family_sans = "Liberation Sans", *family_serif = "Liberation Serif";

/* Are all of files[] readable in dir? */
static int
all_in(const char *dir, const char *const *files)
{
	int ok = dir != NULL;
	for (size_t i = 0; ok && i < NFONT_FILES; i++) {
		char *p = xasprintf("%s/%s", dir, files[i]);
		ok = access(p, R_OK) == 0;
		free(p);
	}
	return ok;
}

/* Fonts for scripts Liberation lacks, used only for those characters
 * (fontconfig falls back to them): Arabic and Hebrew (DejaVu), Chinese,
 * Japanese and Korean (Droid Sans Fallback). Optional: text that needs a
 * missing one is refused at layout, never drawn as boxes. */
static const char *fallback_files[] = {
	"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf",
	"DroidSansFallbackFull.ttf",
};
static const char *fallback_dirs[] = {
	"/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/droid",
};

/* Adds the fallback fonts found in dir (and, unless only_dir, in the
 * system's font directories) to cfg. */
static void
fonts_add_fallbacks(FcConfig *cfg, const char *dir, int only_dir)
{
	for (size_t i = 0; i < sizeof fallback_files / sizeof fallback_files[0]; i++) {
		size_t ndirs = only_dir ? 0 : sizeof fallback_dirs / sizeof fallback_dirs[0];
		for (size_t j = 0; j <= ndirs; j++) {
			char *p = xasprintf("%s/%s", j == 0 ? dir : fallback_dirs[j - 1],
			    fallback_files[i]);
			int ok = access(p, R_OK) == 0 && FcConfigAppFontAddFile(cfg, (const FcChar8 *)p);
			free(p);
			if (ok)
				break;
		}
	}
}

static int
fonts_init(diag *d)
{
	if (pctx)
		return 0;
	/* $ZORGDOC_FONTDIR names the one place to look for Liberation (no
	 * fallback: a missing font is an error, never a document in another
	 * font); else the data directory's fonts/, de-hinted copies first,
	 * else Debian's Liberation. */
	const char *env = getenv("ZORGDOC_FONTDIR");
	const char *const *files = font_files;
	char *dir;
	family_sans = "Liberation Sans";
	family_serif = "Liberation Serif";
	if (env && *env) {
		dir = xstrdup(env);
	} else {
		dir = paths_data_file("fonts");
		if (all_in(dir, dehinted_files)) {
			files = dehinted_files;
			family_sans = "Zorgdoc Sans";
			family_serif = "Zorgdoc Serif";
		} else {
			char *probe = dir ? xasprintf("%s/%s", dir, font_files[0]) : NULL;
			if (!probe || access(probe, R_OK) != 0) {
				free(dir);
				dir = xstrdup("/usr/share/fonts/truetype/liberation2");
			}
			free(probe);
		}
	}
	FcConfig *cfg = FcConfigCreate();
	int rc = 0;
	for (size_t i = 0; i < NFONT_FILES; i++) {
		char *p = xasprintf("%s/%s", dir, files[i]);
		if (!FcConfigAppFontAddFile(cfg, (const FcChar8 *)p))
			rc = access(p, R_OK) != 0
			    ? diag_error(d, p, 0, 0, "font file missing (install fonts-liberation2)")
			    : files == font_files
			    ? diag_error(d, p, 0, 0, "not a usable font file (damaged?); "
			        "reinstall fonts-liberation2")
			    : diag_error(d, p, 0, 0, "not a usable font file (damaged?); "
			        "remove it and run make again");
		free(p);
	}
	if (rc == 0)
		fonts_add_fallbacks(cfg, dir, env && *env);
	free(dir);
	if (rc != 0) {
		FcConfigDestroy(cfg);
		return -1;
	}
	fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fontmap), cfg);
	FcConfigDestroy(cfg);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fontmap), 72.0);
	pctx = pango_font_map_create_context(fontmap);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(pctx, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(pctx, 72.0);
	pango_context_set_round_glyph_positions(pctx, FALSE);
	pango_context_set_language(pctx, pango_language_from_string("nl"));
	/* strong left to right (the default is weak: the first letter of a
	 * paragraph would decide, and a paragraph opening with an Arabic
	 * name was set right to left, punctuation and all) */
	pango_context_set_base_dir(pctx, PANGO_DIRECTION_LTR);
	return 0;
}

static void lcache_clear(void);

void
layout_cleanup(void)
{
	lcache_clear();
	if (pctx)
		g_object_unref(pctx);
	if (fontmap)
		g_object_unref(fontmap);
	pctx = NULL;
	fontmap = NULL;
	hyph_cleanup();
}

/* ---------- paragraph layouts kept for the process ---------- */

/* A batch sets the same letterhead, labels, column heads and wording on
 * every zorgnota, and pango's itemising, shaping and line breaking of a
 * paragraph was a quarter of an invoice's time. A made paragraph layout is
 * kept, keyed by everything that decides it (font, size, weight, style,
 * width, alignment, attributes, text), and shared (a reference each) by
 * the documents that set the same paragraph; layouts are never changed
 * once made. Bounded: when LCACHE_MAX are kept, those not used since the
 * previous sweep go, so peak memory does not grow with a batch. */
#define LCACHE_MAX 512

typedef struct {
	PangoLayout *layout; /* one reference is the cache's */
	int unknown;         /* pango_layout_get_unknown_glyphs_count */
	unsigned used;       /* uses since the last sweep */
} lcache_entry;

static GHashTable *lcache; /* char *key (owned) -> lcache_entry * (owned) */

static void
lcache_entry_free(void *p)
{
	lcache_entry *e = p;
	g_object_unref(e->layout);
	free(e);
}

static gboolean
lcache_unused(void *key, void *value, void *ud)
{
	(void)key;
	(void)ud;
	lcache_entry *e = value;
	int drop = e->used == 0;
	e->used = 0;
	return drop;
}

static void
lcache_put(char *key, PangoLayout *layout, int unknown)
{
	if (!lcache)
		lcache = g_hash_table_new_full(g_str_hash, g_str_equal, free, lcache_entry_free);
	if (g_hash_table_size(lcache) >= LCACHE_MAX) {
		g_hash_table_foreach_remove(lcache, lcache_unused, NULL);
		if (g_hash_table_size(lcache) >= LCACHE_MAX * 3 / 4)
			g_hash_table_remove_all(lcache);
	}
	lcache_entry *e = xcalloc(1, sizeof *e);
	e->layout = g_object_ref(layout);
	e->unknown = unknown;
	g_hash_table_insert(lcache, key, e);
}

static void
lcache_clear(void)
{
	if (lcache)
		g_hash_table_destroy(lcache);
	lcache = NULL;
}

/* ---------- atoms and draw items ---------- */

typedef struct {
	int start, end;      /* byte range in the layout text */
	const char *uri;     /* borrowed from the doc tree */
	const char *dest;
} link_range;

typedef struct para {
	PangoLayout *layout;
	link_range *links;
	size_t nlinks;
	dl_color color;
	struct para *next;   /* ctx list, for freeing */
} para;

typedef enum {
	DI_LINE,    /* one line of a para */
	DI_RULE,
	DI_RECT,
	DI_LOGO,
	DI_ANCHOR,
	DI_OUTLINE,
	DI__MAX
} di_kind;

typedef struct {
	di_kind kind;
	double x, y;         /* x absolute; y relative to the atom's top (baseline for lines) */
	double x1, y1, w, h, lw;
	dl_color c1, c2;
	int fill;
	para *para;
	int line_no;
	const char *name;    /* anchor / outline dest (borrowed) */
	char *title;         /* outline title (owned by the ctx string pool) */
	int level;
} ditem;

typedef struct tbl tbl;

typedef struct {
	double h;            /* height */
	double space;        /* space above, dropped at the top of a page */
	int kwn;             /* keep with next */
	int brk;             /* page break before */
	ditem *items;
	size_t n, cap;
	tbl *table;          /* body row of this table (for header repeats) */
	int first_row;
	double top_pad;      /* extra space when it starts a page (a continued row) */
} atom;

typedef struct {
	atom *a;
	size_t n, cap;
} atoms;

struct tbl {
	atoms head;          /* header rows, repeated on continued pages */
	tbl *next;
};

typedef struct {
	size_t atom;         /* index, or (size_t)-1 for a repeated header row */
	const atom *ap;
	size_t page;
	double y;
	double ext;          /* vertical edges reach this much higher (top_pad used) */
} placement;

typedef struct {
	const doc_document *doc;
	diag *d;
	dl_color brand;
	const char *family;
	double body_size, body_leading;
	para *paras;
	char **pool;
	size_t npool, poolcap;
	tbl *tables;
	unsigned char *logo;
	size_t logo_len;
	dl_image_kind logo_kind;
	double logo_w, logo_h;   /* intrinsic size, points */
	const char *page_str, *pages_str;
	long unknown_glyphs;     /* characters no font has (drawn as boxes) */
	int failed;              /* an error is in d: no display list */
} ctx;

static char *
pool_add(ctx *c, char *s)
{
	if (c->npool == c->poolcap) {
		c->poolcap = c->poolcap ? 2 * c->poolcap : 64;
		c->pool = xrealloc(c->pool, c->poolcap * sizeof *c->pool);
	}
	c->pool[c->npool++] = s;
	return s;
}

static ditem *
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

static atom *
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

static void
atoms_free(atoms *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->a[i].items);
	free(l->a);
	l->a = NULL;
	l->n = l->cap = 0;
}

/* Moves the atoms of src to the end of dst. */
static void
atoms_move(atoms *dst, atoms *src)
{
	for (size_t i = 0; i < src->n; i++)
		*atom_add(dst) = src->a[i];
	free(src->a);
	src->a = NULL;
	src->n = src->cap = 0;
}

/* Stacks atoms into one unbreakable atom (items shifted by dy). */
static void
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

static double
atoms_height(const atoms *l)
{
	double h = 0;
	for (size_t i = 0; i < l->n; i++)
		h += (i > 0 ? l->a[i].space : 0) + l->a[i].h;
	return h;
}

/* ---------- inline text ---------- */

typedef struct {
	ctx *c;
	buf text;
	PangoAttrList *attrs;
	int pending_space;
	link_range *links;
	size_t nlinks, linkcap;
	int hyphenate;
	int nobreak;
} ib;

static void
ib_flush_space(ib *b)
{
	if (b->pending_space && b->text.len > 0 && b->text.s[b->text.len - 1] != '\n')
		buf_puts(&b->text, b->nobreak ? "\xC2\xA0" : " ");
	b->pending_space = 0;
}

static void
ib_text(ib *b, const char *s, int nobr)
{
	const char *p = s;
	while (*p) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			b->pending_space = 1;
			p++;
			continue;
		}
		const char *q = p;
		while (*q && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r')
			q++;
		if (nobr && b->pending_space && b->text.len > 0) {
			buf_puts(&b->text, "\xC2\xA0");
			b->pending_space = 0;
		}
		ib_flush_space(b);
		if (b->hyphenate && !nobr && !b->nobreak)
			hyph_append_word(&b->text, p, (size_t)(q - p));
		else
			buf_append(&b->text, p, (size_t)(q - p));
		p = q;
	}
}

static void
ib_attr(ib *b, PangoAttribute *a, size_t start)
{
	a->start_index = (guint)start;
	a->end_index = (guint)b->text.len;
	pango_attr_list_insert(b->attrs, a);
}

static void
ib_link(ib *b, size_t start, const char *uri, const char *dest)
{
	if (b->text.len == start)
		return;
	if (b->nlinks == b->linkcap) {
		b->linkcap = b->linkcap ? 2 * b->linkcap : 4;
		b->links = xrealloc(b->links, b->linkcap * sizeof *b->links);
	}
	b->links[b->nlinks++] = (link_range){ (int)start, (int)b->text.len, uri, dest };
	PangoAttribute *col = pango_attr_foreground_new((guint16)(b->c->brand.r * 65535),
	    (guint16)(b->c->brand.g * 65535), (guint16)(b->c->brand.b * 65535));
	ib_attr(b, col, start);
}

/* Is there anything but white space in [n, stop)? */
static int
has_content_until(const doc_node *n, const doc_node *stop)
{
	for (; n && n != stop; n = n->next) {
		if (n->kind != DOC_TEXT)
			return 1;
		for (const char *p = n->text; *p; p++)
			if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
				return 1;
	}
	return 0;
}

static int
has_content(const doc_node *n)
{
	return has_content_until(n, NULL);
}

static void ib_nodes(ib *b, const doc_node *n, const doc_node *stop);

/* The text a cross-reference shows when it is empty. */
static void
ib_ref_text(ib *b, const doc_node *target)
{
	if (!target)
		return;
	if (target->kind == DOC_SECTION && target->number) {
		ib_text(b, target->number, 1);
		return;
	}
	/* a section's title, a table's caption, a note's title */
	for (const doc_node *c = target->first; c; c = c->next)
		if (c->kind == DOC_TITLE || c->kind == DOC_CAPTION) {
			ib_nodes(b, c->first, NULL);
			return;
		}
}

static void
ib_nodes(ib *b, const doc_node *n, const doc_node *stop)
{
	for (; n && n != stop; n = n->next) {
		size_t start = b->text.len;
		switch (n->kind) {
		case DOC_TEXT:
			ib_text(b, n->text, 0);
			break;
		case DOC_NOBR:
			ib_flush_space(b);
			start = b->text.len;
			b->nobreak++;
			ib_text(b, n->text, 1);
			b->nobreak--;
			break;
		case DOC_EM:
			ib_flush_space(b);
			start = b->text.len;
			ib_nodes(b, n->first, NULL);
			ib_attr(b, pango_attr_style_new(PANGO_STYLE_ITALIC), start);
			break;
		case DOC_STRONG:
			ib_flush_space(b);
			start = b->text.len;
			ib_nodes(b, n->first, NULL);
			ib_attr(b, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
			break;
		case DOC_LINK:
			ib_flush_space(b);
			start = b->text.len;
			ib_nodes(b, n->first, NULL);
			ib_link(b, start, n->href, NULL);
			break;
		case DOC_REF:
			ib_flush_space(b);
			start = b->text.len;
			if (has_content(n->first))
				ib_nodes(b, n->first, NULL);
			else
				ib_ref_text(b, doc_lookup_id(b->c->doc, n->to));
			ib_link(b, start, NULL, n->to);
			break;
		case DOC_BR:
			buf_putc(&b->text, '\n');
			b->pending_space = 0;
			break;
		case DOC_PAGE:
			ib_flush_space(b);
			buf_puts(&b->text, b->c->page_str ? b->c->page_str : "0");
			break;
		case DOC_PAGES:
			ib_flush_space(b);
			buf_puts(&b->text, b->c->pages_str ? b->c->pages_str : "0");
			break;
		case DOC_BODY: case DOC_SECTION: case DOC_TITLE: case DOC_P: case DOC_UL:
		case DOC_OL: case DOC_LI: case DOC_DL: case DOC_DT: case DOC_DD:
		case DOC_TABLE: case DOC_CAPTION: case DOC_COL: case DOC_THEAD:
		case DOC_TBODY: case DOC_ROW: case DOC_CELL: case DOC_NOTE:
		case DOC_SIGNATURES: case DOC_PARTY: case DOC_ROLE: case DOC_FIELD:
		case DOC_SIGN: case DOC_ADDRESS: case DOC_LINE: case DOC_FIELDS:
		case DOC_COLUMNS: case DOC_COLUMN: case DOC_KEEP: case DOC_PAGE_BREAK: case DOC_QR:
		case DOC__MAX:
			break;
		}
	}
}

static PangoFontDescription *
font_desc(const ctx *c, const tstyle *st)
{
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family_static(fd, c->family);
	pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
	if (st->bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	if (st->italic)
		pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	return fd;
}

/* A new layout of b's text and attributes in style st and width w. */
static PangoLayout *
layout_make(const ctx *c, const tstyle *st, double w, const ib *b)
{
	PangoLayout *l = pango_layout_new(pctx);
	PangoFontDescription *fd = font_desc(c, st);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	switch (st->align) {
	case DOC_ALIGN_DEFAULT:
	case DOC_ALIGN_JUSTIFY:
		pango_layout_set_justify(l, TRUE);
		break;
	case DOC_ALIGN_CENTER:
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
		break;
	case DOC_ALIGN_RIGHT:
	case DOC_ALIGN_NUMERIC:
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
		break;
	case DOC_ALIGN_LEFT:
	case DOC_ALIGN__MAX:
		break;
	}
	/* The document's direction is left to right: a paragraph that
	 * starts with an Arabic or Hebrew name keeps its alignment, and the
	 * name itself is still set right to left (bidi runs). */
	pango_layout_set_auto_dir(l, FALSE);
	pango_layout_set_text(l, buf_str(&b->text), (int)b->text.len);
	pango_layout_set_attributes(l, b->attrs);
	return l;
}

/* Makes a para from inline nodes [first, stop) — or from plain text when
 * plain is not NULL — set in width w; prefix (a section number), when not
 * NULL, comes first, followed by an en space. */
static para *
para_make_full(ctx *c, const char *prefix, const doc_node *first, const doc_node *stop,
    const char *plain, const tstyle *st, double w)
{
	ib b = { .c = c, .attrs = pango_attr_list_new(), .hyphenate = st->hyphenate };
	if (prefix) {
		ib_text(&b, prefix, 1);
		buf_puts(&b.text, "\xE2\x80\x82");
	}
	if (plain)
		ib_text(&b, plain, 0);
	else
		ib_nodes(&b, first, stop);
	para *p = xcalloc(1, sizeof *p);
	/* the cache key: everything layout_make sets on the layout, as pango
	 * gets it (sizes in pango units) */
	char *attrs = pango_attr_list_to_string(b.attrs);
	size_t alen = attrs ? strlen(attrs) : 0;
	buf k = BUF_INIT;
	buf_printf(&k, "%s|%d|%d|%d|%d|%d|%zu:", c->family, (int)(st->size * PANGO_SCALE),
	    st->bold, st->italic, (int)(w * PANGO_SCALE), (int)st->align, alen);
	buf_append(&k, attrs ? attrs : "", alen);
	buf_putc(&k, '|');
	buf_append(&k, b.text.s ? b.text.s : "", b.text.len);
	g_free(attrs);
	char *key = buf_detach(&k);
	lcache_entry *hit = lcache ? g_hash_table_lookup(lcache, key) : NULL;
	if (hit) {
		hit->used++;
		p->layout = g_object_ref(hit->layout);
		c->unknown_glyphs += hit->unknown;
		free(key);
	} else {
		p->layout = layout_make(c, st, w, &b);
		int unknown = pango_layout_get_unknown_glyphs_count(p->layout);
		c->unknown_glyphs += unknown;
		lcache_put(key, p->layout, unknown);
	}
	pango_attr_list_unref(b.attrs);
	buf_free(&b.text);
	p->links = b.links;
	p->nlinks = b.nlinks;
	p->color = st->color;
	p->next = c->paras;
	c->paras = p;
	return p;
}

static para *
para_make(ctx *c, const doc_node *first, const doc_node *stop, const char *plain,
    const tstyle *st, double w)
{
	return para_make_full(c, NULL, first, stop, plain, st, w);
}

static para *
para_make_prefixed(ctx *c, const char *prefix, const doc_node *first, const tstyle *st,
    double w)
{
	return para_make_full(c, prefix, first, NULL, NULL, st, w);
}

/* Appends one atom per line of p at x. The first gets `space` above. */
static void
para_atoms(ctx *c, para *p, double x, double space, const tstyle *st, atoms *out,
    int keep_all)
{
	PangoLayoutIter *it = pango_layout_get_iter(p->layout);
	size_t first = out->n;
	int line_no = 0;
	do {
		PangoRectangle log;
		pango_layout_iter_get_line_extents(it, NULL, &log);
		double base = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
		double top = log.y / (double)PANGO_SCALE;
		double hgt = log.height / (double)PANGO_SCALE;
		double lead = st->leading > hgt ? st->leading : hgt;
		atom *a = atom_add(out);
		a->h = lead;
		a->space = line_no == 0 ? space : 0;
		ditem *d = item_add(a, DI_LINE);
		d->para = p;
		d->line_no = line_no;
		d->x = x + log.x / (double)PANGO_SCALE;
		d->w = x; /* the layout's left edge, for link ranges */
		d->y = (base - top) + (lead - hgt) / 2;
		d->h = hgt;
		line_no++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	size_t n = out->n - first;
	if (keep_all) {
		for (size_t i = first; i < out->n; i++)
			out->a[i].kwn = 1;
	} else if (n >= 2) {
		out->a[first].kwn = 1;          /* no orphan */
		out->a[out->n - 2].kwn = 1;     /* no widow */
	}
}

static tstyle
style_body(const ctx *c)
{
	tstyle st = { c->body_size, c->body_leading, 0, 0, DOC_ALIGN_JUSTIFY, C_TEXT, 1 };
	return st;
}

static tstyle
style_small(const ctx *c, tstyle st)
{
	st.size = c->body_size * 0.85;
	st.leading = c->body_leading * 0.85;
	return st;
}

/* ---------- blocks ---------- */

static void flow(ctx *c, const doc_node *n, double x, double w, tstyle st, int depth, atoms *out);
static void flow_mixed(ctx *c, const doc_node *parent, double x, double w, tstyle st,
    int depth, atoms *out);

static int
is_inline(const doc_node *n)
{
	switch (n->kind) {
	case DOC_TEXT: case DOC_EM: case DOC_STRONG: case DOC_LINK: case DOC_REF:
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

static void
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
		atoms_move(out, &sub);
		buf_free(&label);
		first_item = 0;
	}
}

static void
block_section(ctx *c, const doc_node *s, double x, double w, tstyle st, int depth, atoms *out)
{
	int level = depth + 1;
	tstyle hs = st;
	hs.bold = 1;
	hs.align = DOC_ALIGN_LEFT;
	hs.hyphenate = 0;
	double space;
	if (level == 1) {
		hs.size = c->body_size * 1.3;
		hs.leading = hs.size * 1.25;
		hs.color = c->brand;
		space = c->body_leading * 1.3;
	} else if (level == 2) {
		hs.size = c->body_size * 1.1;
		hs.leading = hs.size * 1.3;
		hs.color = c->brand;
		space = c->body_leading * 0.95;
	} else {
		hs.size = c->body_size;
		hs.leading = c->body_leading;
		space = c->body_leading * 0.7;
	}
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
	size_t first = out->n;
	para_atoms(c, p, x, space, &hs, out, 1);
	/* a little air under the title, part of the title's last line */
	out->a[out->n - 1].h += level == 1 ? c->body_leading * 0.35 : c->body_leading * 0.2;
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

/* A box of blocks, unbreakable: lays out blocks at x,w and stacks them. */
static void
box_of(ctx *c, const doc_node *parent, double x, double w, tstyle st, int depth,
    double pad, atom *dst)
{
	atoms sub = { 0 };
	flow_mixed(c, parent, x, w, st, depth, &sub);
	atom_stack(dst, &sub, pad);
	dst->h += pad;
	atoms_free(&sub);
}

static double
parse_len(const char *s, double total, double *star)
{
	*star = 0;
	if (!s)
		return (*star = 1, 0);
	char *end;
	double v = strtod(s, &end);
	if (strcmp(end, "*") == 0)
		return (*star = v, 0);
	if (strcmp(end, "%") == 0)
		return total * v / 100.0;
	if (strcmp(end, "mm") == 0)
		return v * MM;
	return v; /* pt */
}

static void
row_atom(ctx *c, const doc_node *row, const double *colx, const double *colw,
    const doc_align *colal, size_t ncols, int header, doc_rules rules, tstyle st,
    int depth, atom *dst)
{
	size_t ci = 0;
	double right = colx[ncols - 1] + colw[ncols - 1];
	tstyle cs = st;
	if (header || row->row_kind != DOC_ROW_NORMAL)
		cs.bold = 1;
	for (const doc_node *cell = row->first; cell && ci < ncols; cell = cell->next) {
		if (cell->kind != DOC_CELL)
			continue;
		size_t span = (size_t)cell->span;
		if (ci + span > ncols)
			span = ncols - ci;
		double cx = colx[ci];
		double cw = colx[ci + span - 1] + colw[ci + span - 1] - cx;
		tstyle s = cs;
		s.align = cell->align != DOC_ALIGN_DEFAULT ? cell->align : colal[ci];
		if (s.align == DOC_ALIGN_DEFAULT || s.align == DOC_ALIGN_JUSTIFY)
			s.align = DOC_ALIGN_LEFT;
		if (header && s.align == DOC_ALIGN_NUMERIC)
			s.align = DOC_ALIGN_RIGHT;
		s.hyphenate = st.hyphenate && cw > 90;
		atom box = { 0 };
		box_of(c, cell, cx + CELL_PAD_X, cw - 2 * CELL_PAD_X, s, depth, CELL_PAD_Y, &box);
		if (box.h > dst->h)
			dst->h = box.h;
		for (size_t k = 0; k < box.n; k++)
			*item_add(dst, box.items[k].kind) = box.items[k];
		free(box.items);
		if (rules == DOC_RULES_GRID) {
			/* drawn after the height is known: remember the cell */
			ditem *r = item_add(dst, DI_RECT);
			r->x = cx;
			r->w = cw;
			r->lw = 0.5;
			r->c2 = C_RULE;
			r->level = -1; /* height: the row's, set below */
		}
		ci += span;
	}
	for (size_t k = 0; k < dst->n; k++)
		if (dst->items[k].kind == DI_RECT && dst->items[k].level == -1)
			dst->items[k].h = dst->h;
	if (row->row_kind != DOC_ROW_NORMAL && rules != DOC_RULES_GRID) {
		ditem *r = item_add(dst, DI_RULE);
		r->x = colx[0];
		r->x1 = right;
		r->y = r->y1 = 0;
		r->lw = row->row_kind == DOC_ROW_TOTAL ? 0.8 : 0.4;
		r->c1 = C_TEXT;
	}
	if (header && rules != DOC_RULES_NONE && rules != DOC_RULES_GRID) {
		ditem *r = item_add(dst, DI_RULE);
		r->x = colx[0];
		r->x1 = right;
		r->y = r->y1 = dst->h;
		r->lw = 0.8;
		r->c1 = C_TEXT;
	} else if (header && rules == DOC_RULES_GRID) {
		ditem *r = item_add(dst, DI_RECT);
		r->x = colx[0];
		r->w = right - colx[0];
		r->h = dst->h;
		r->fill = 1;
		r->c1 = (dl_color){ 0.93, 0.93, 0.93, 1 };
		/* the fill goes under the text: move it to the front */
		ditem tmp = dst->items[dst->n - 1];
		memmove(dst->items + 1, dst->items, (dst->n - 1) * sizeof *dst->items);
		dst->items[0] = tmp;
	}
	if (!header && rules == DOC_RULES_ROWS) {
		ditem *r = item_add(dst, DI_RULE);
		r->x = colx[0];
		r->x1 = right;
		r->y = r->y1 = dst->h;
		r->lw = 0.3;
		r->c1 = C_RULE;
	}
}

/* Splits out->a[i] (the last atom), a tall table row, into bands of at
 * most maxh, cut between lines where possible, so that it can break
 * across pages. Items go to the band that holds them; cell boxes become
 * their side edges in every band, the top edge in the first and the
 * bottom edge in the last. */
/* Would a cut at y leave a single line of some paragraph on one side? */
static int
cut_strands_a_line(const atom *big, double y)
{
	for (size_t k = 0; k < big->n; k++) {
		const ditem *d = &big->items[k];
		if (d->kind != DI_LINE)
			continue;
		int before = 0, after = 0;
		for (size_t m = 0; m < big->n; m++) {
			const ditem *e = &big->items[m];
			if (e->kind == DI_LINE && e->para == d->para) {
				if (e->y < y)
					before++;
				else
					after++;
			}
		}
		if (before > 0 && after > 0 && (before == 1 || after == 1))
			return 1;
	}
	return 0;
}

static void
atom_split(atoms *out, size_t i, double maxh)
{
	atom big = out->a[i];
	out->n--; /* big is the last atom: replaced by its bands */
	double s = 0;
	int first = 1;
	while (s < big.h - 0.01) {
		double cut = big.h;
		if (big.h - s > maxh) {
			/* the lowest line bottom within reach that no line straddles;
			 * when none is in reach (a gap between paragraphs), the next
			 * one beyond */
			double best = -1, next = -1;
			for (size_t k = 0; k < big.n; k++) {
				const ditem *d = &big.items[k];
				if (d->kind != DI_LINE)
					continue;
				double bottom = d->y + 0.3 * d->h;
				if (bottom <= s + 1)
					continue;
				int safe = 1;
				for (size_t m = 0; m < big.n && safe; m++) {
					const ditem *e = &big.items[m];
					if (e->kind == DI_LINE && e->y - 0.8 * e->h < bottom - 0.01 &&
					    e->y + 0.3 * e->h > bottom + 0.01)
						safe = 0;
				}
				if (!safe)
					continue;
				if (bottom <= s + maxh && bottom > best)
					best = bottom;
				if (bottom > s + maxh && (next < 0 || bottom < next))
					next = bottom;
			}
			cut = best > 0 ? best : next > 0 ? next : big.h;
			if (cut > big.h)
				cut = big.h;
		}
		double pad = 0;
		atom *b = atom_add(out);
		b->h = cut - s;
		/* a band that starts a page gets the cell's top padding again */
		b->top_pad = first ? 0 : CELL_PAD_Y;
		b->space = first ? big.space : 0;
		b->table = big.table;
		b->first_row = first ? big.first_row : 0;
		for (size_t k = 0; k < big.n; k++) {
			const ditem *d = &big.items[k];
			int mine;
			switch (d->kind) {
			case DI_LINE:
				mine = d->y >= s && (d->y < cut || cut >= big.h);
				break;
			case DI_RECT:
				mine = 0; /* cell boxes: drawn as edges below */
				if (!d->fill) {
					double bh = b->h;
					ditem *e = item_add(b, DI_RULE);
					*e = *d;
					e->kind = DI_RULE;
					e->c1 = d->c2;
					e->x1 = e->x;
					e->y = 0;
					e->y1 = bh;
					e = item_add(b, DI_RULE);
					*e = *d;
					e->kind = DI_RULE;
					e->c1 = d->c2;
					e->x += d->w;
					e->x1 = e->x;
					e->y = 0;
					e->y1 = bh;
					for (int edge = 0; edge < 2; edge++) {
						if ((edge == 0 && !first) || (edge == 1 && cut < big.h))
							continue;
						e = item_add(b, DI_RULE);
						*e = *d;
						e->kind = DI_RULE;
						e->c1 = d->c2;
						e->x1 = d->x + d->w;
						e->y = e->y1 = edge ? bh : 0;
					}
				}
				break;
			case DI_RULE:
				mine = (d->y >= s && d->y < cut) || (cut >= big.h && d->y >= s);
				break;
			case DI_LOGO:
			case DI_ANCHOR:
			case DI_OUTLINE:
			case DI__MAX:
			default:
				mine = first;
				break;
			}
			if (!mine)
				continue;
			ditem *n = item_add(b, d->kind);
			*n = *d;
			if (d->kind == DI_RECT) {
				n->y = 0;
				n->h = b->h;
			} else {
				n->y += pad - s;
				if (d->kind == DI_RULE)
					n->y1 += pad - s;
			}
		}
		/* no widows or orphans inside the cell's paragraphs */
		b->kwn = cut < big.h && cut_strands_a_line(&big, cut);
		s = cut;
		first = 0;
	}
	free(big.items);
}

static void
block_table(ctx *c, const doc_node *t, double x, double w, tstyle st, int depth,
    double space, atoms *out)
{
	size_t ncols = 0;
	for (const doc_node *n = t->first; n; n = n->next)
		if (n->kind == DOC_COL)
			ncols++;
	double *colw = xcalloc(ncols, sizeof *colw);
	double *colx = xcalloc(ncols, sizeof *colx);
	doc_align *colal = xcalloc(ncols, sizeof *colal);
	double *stars = xcalloc(ncols, sizeof *stars);
	double fixed = 0, starsum = 0;
	size_t i = 0;
	for (const doc_node *n = t->first; n; n = n->next) {
		if (n->kind != DOC_COL)
			continue;
		colw[i] = parse_len(n->width, w, &stars[i]);
		colal[i] = n->align;
		fixed += colw[i];
		starsum += stars[i];
		i++;
	}
	double free_w = w - fixed;
	if (free_w < 0)
		free_w = 0;
	double sx = x;
	for (i = 0; i < ncols; i++) {
		if (stars[i] > 0)
			colw[i] = starsum > 0 ? free_w * stars[i] / starsum : 0;
		colx[i] = sx;
		sx += colw[i];
	}
	/* scale down when the fixed widths do not fit */
	if (sx - x > w + 0.01) {
		double k = w / (sx - x);
		sx = x;
		for (i = 0; i < ncols; i++) {
			colw[i] *= k;
			colx[i] = sx;
			sx += colw[i];
		}
	}
	tstyle ts = st;
	ts.size = c->body_size * 0.95;
	ts.leading = c->body_leading * 0.9;
	size_t first = out->n;
	for (const doc_node *n = t->first; n; n = n->next) {
		if (n->kind != DOC_CAPTION)
			continue;
		tstyle cs = st;
		cs.bold = 1;
		cs.align = DOC_ALIGN_LEFT;
		para *p = para_make(c, n->first, NULL, NULL, &cs, w);
		para_atoms(c, p, x, space, &cs, out, 1);
		space = 2;
	}
	tbl *tb = xcalloc(1, sizeof *tb);
	tb->next = c->tables;
	c->tables = tb;
	int first_body = 1;
	for (const doc_node *sec = t->first; sec; sec = sec->next) {
		if (sec->kind != DOC_THEAD && sec->kind != DOC_TBODY)
			continue;
		int header = sec->kind == DOC_THEAD;
		for (const doc_node *row = sec->first; row; row = row->next) {
			if (row->kind != DOC_ROW)
				continue;
			atom *a = atom_add(out);
			row_atom(c, row, colx, colw, colal, ncols, header, t->rules, ts, depth, a);
			a->space = out->n - 1 == first ? space : 0;
			if (header) {
				a->kwn = 1;
				atom *h = atom_add(&tb->head);
				*h = *a;
				h->space = 0;
				h->items = xmalloc(a->n * sizeof *a->items);
				memcpy(h->items, a->items, a->n * sizeof *a->items);
				h->cap = a->n;
			} else {
				a->table = tb;
				a->first_row = first_body;
				first_body = 0;
				if (a->h > BODY_H / 3) {
					/* a long row breaks between lines like a paragraph,
					 * without widows or orphans */
					size_t from = out->n - 1;
					atom_split(out, from, ts.leading * 1.05);
					if (out->n - from >= 2) {
						out->a[from].kwn = 1;
						out->a[out->n - 2].kwn = 1;
					}
				}
			}
		}
	}
	/* the closing rule */
	if (t->rules != DOC_RULES_NONE && t->rules != DOC_RULES_GRID && out->n > first) {
		atom *last = &out->a[out->n - 1];
		ditem *r = item_add(last, DI_RULE);
		r->x = x;
		r->x1 = colx[ncols - 1] + colw[ncols - 1];
		r->y = r->y1 = last->h;
		r->lw = 0.5;
		r->c1 = C_TEXT;
	}
	/* a short table stays on one page */
	size_t nrows = out->n - first;
	if (nrows <= 8)
		for (size_t k = first; k + 1 < out->n; k++)
			out->a[k].kwn = 1;
	else if (nrows >= 3)
		out->a[out->n - 2].kwn = 1;
	anchor_first(out, first, t->id);
	free(colw);
	free(colx);
	free(colal);
	free(stars);
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
static void
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
	case DOC_TEXT: case DOC_EM: case DOC_STRONG: case DOC_LINK: case DOC_REF:
	case DOC_NOBR: case DOC_BR: case DOC_PAGE: case DOC_PAGES: case DOC_BODY:
	case DOC_TITLE: case DOC_LI: case DOC_DT: case DOC_DD: case DOC_CAPTION:
	case DOC_COL: case DOC_THEAD: case DOC_TBODY: case DOC_ROW: case DOC_CELL:
	case DOC_PARTY: case DOC_ROLE: case DOC_FIELD: case DOC_SIGN: case DOC_LINE:
	case DOC_COLUMN: case DOC__MAX:
		break;
	}
}

/* Children of a flow container: runs of inline content become paragraphs. */
static void
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

/* ---------- letterhead and images ---------- */

static int
png_size(const unsigned char *d, size_t n, double *w, double *h)
{
	if (n < 24 || memcmp(d, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(d + 12, "IHDR", 4) != 0)
		return -1;
	unsigned long pw = (unsigned long)d[16] << 24 | (unsigned long)d[17] << 16 |
	    (unsigned long)d[18] << 8 | d[19];
	unsigned long ph = (unsigned long)d[20] << 24 | (unsigned long)d[21] << 16 |
	    (unsigned long)d[22] << 8 | d[23];
	if (pw == 0 || ph == 0)
		return -1;
	*w = pw * 0.75; /* at 96 dpi; only the ratio matters */
	*h = ph * 0.75;
	return 0;
}

static double
svg_len(const char *s)
{
	if (!s)
		return 0;
	char *end;
	double v = strtod(s, &end);
	if (strncmp(end, "mm", 2) == 0)
		return v * MM;
	if (strncmp(end, "cm", 2) == 0)
		return v * 10 * MM;
	if (strncmp(end, "in", 2) == 0)
		return v * 72;
	if (strncmp(end, "pt", 2) == 0)
		return v;
	if (*end == '%')
		return 0;
	return v * 0.75;
}

static int
svg_size(const unsigned char *data, size_t n, const char *name, double *w, double *h)
{
	diag local = DIAG_INIT;
	xmlDocPtr x = xmlsafe_read_memory((const char *)data, n, name, &local);
	diag_free(&local);
	if (!x)
		return -1;
	xmlNodePtr r = xmlDocGetRootElement(x);
	int rc = -1;
	if (r && xmlStrEqual(r->name, (const xmlChar *)"svg")) {
		xmlChar *ws = xmlGetProp(r, (const xmlChar *)"width");
		xmlChar *hs = xmlGetProp(r, (const xmlChar *)"height");
		xmlChar *vb = xmlGetProp(r, (const xmlChar *)"viewBox");
		*w = svg_len((const char *)ws);
		*h = svg_len((const char *)hs);
		double a, b, vw = 0, vh = 0;
		if (vb && sscanf((const char *)vb, "%lf%*[ ,]%lf%*[ ,]%lf%*[ ,]%lf", &a, &b, &vw, &vh) == 4 &&
		    (*w <= 0 || *h <= 0)) {
			if (*w > 0 && vw > 0)
				*h = *w * vh / vw;
			else if (*h > 0 && vh > 0)
				*w = *h * vw / vh;
			else {
				*w = vw;
				*h = vh;
			}
		}
		rc = *w > 0 && *h > 0 ? 0 : -1;
		xmlFree(ws);
		xmlFree(hs);
		xmlFree(vb);
	}
	xmlFreeDoc(x);
	return rc;
}

static int
logo_load(ctx *c)
{
	const doc_document *doc = c->doc;
	if (!doc->logo_href)
		return 0;
	const char *h = doc->logo_href;
	if (h[0] == '/' || strstr(h, "..") || strstr(h, "://") || strchr(h, '\\'))
		return diag_error(c->d, doc->file, doc->logo_line, doc->logo_col,
		    "logo: give a file name relative to the document (no '..', no URL)");
	char *path = xasprintf("%s/%s", doc->dir, h);
	char *data;
	size_t len;
	diag local = DIAG_INIT;
	int rc = fsio_read_file(path, MAX_IMAGE, &data, &len, &local);
	diag_free(&local);
	free(path);
	if (rc != 0)
		return diag_error(c->d, doc->file, doc->logo_line, doc->logo_col,
		    "logo: cannot read '%s' (a PNG or SVG file of at most 4 MiB)", h);
	c->logo = (unsigned char *)data;
	c->logo_len = len;
	if (png_size(c->logo, len, &c->logo_w, &c->logo_h) == 0) {
		c->logo_kind = DL_IMAGE_PNG;
		return 0;
	}
	if (svg_size(c->logo, len, h, &c->logo_w, &c->logo_h) == 0) {
		c->logo_kind = DL_IMAGE_SVG;
		return 0;
	}
	return diag_error(c->d, doc->file, doc->logo_line, doc->logo_col,
	    "logo: '%s' is not a PNG or an SVG with a size", h);
}

/* Fits the logo into maxw x maxh. */
static void
logo_fit(const ctx *c, double maxw, double maxh, double *w, double *h)
{
	double k = maxw / c->logo_w;
	if (c->logo_h * k > maxh)
		k = maxh / c->logo_h;
	*w = c->logo_w * k;
	*h = c->logo_h * k;
}

static void
letterhead(ctx *c, double x, double w, atoms *out)
{
	const doc_document *doc = c->doc;
	atoms sub = { 0 };
	double lw = w;
	double logo_w = 0, logo_h = 0;
	if (c->logo) {
		logo_fit(c, 48 * MM, 20 * MM, &logo_w, &logo_h);
		lw = w - logo_w - 12;
	}
	tstyle ns = style_body(c);
	ns.size = c->body_size * 1.55;
	ns.leading = ns.size * 1.2;
	ns.bold = 1;
	ns.color = c->brand;
	ns.align = DOC_ALIGN_LEFT;
	ns.hyphenate = 0;
	para *p = para_make(c, NULL, NULL, doc->lh_name, &ns, lw);
	para_atoms(c, p, x, 0, &ns, &sub, 1);
	tstyle ls = style_small(c, style_body(c));
	ls.color = C_GREY;
	ls.align = DOC_ALIGN_LEFT;
	ls.hyphenate = 0;
	for (const doc_node *l = doc->lh_lines ? doc->lh_lines->first : NULL; l; l = l->next) {
		para *lp = para_make(c, l->first, NULL, NULL, &ls, lw);
		para_atoms(c, lp, x, l == doc->lh_lines->first ? 2 : 0, &ls, &sub, 1);
	}
	atom *a = atom_add(out);
	atom_stack(a, &sub, 0);
	atoms_free(&sub);
	if (c->logo) {
		ditem *im = item_add(a, DI_LOGO);
		im->x = x + w - logo_w;
		im->y = 0;
		im->w = logo_w;
		im->h = logo_h;
		if (logo_h > a->h)
			a->h = logo_h;
	}
	a->h += 8;
	ditem *r = item_add(a, DI_RULE);
	r->x = x;
	r->x1 = x + w;
	r->y = r->y1 = a->h;
	r->lw = 1.2;
	r->c1 = c->brand;
	a->h += 20;
	a->kwn = 1;
}

/* ---------- emit ---------- */

static size_t
font_index(dl_doc *dl, PangoFont *f)
{
	for (size_t i = 0; i < dl->nfonts; i++)
		if (dl->fonts[i].pango == f)
			return i;
	dl_font df = { 0 };
	df.pango = f;
	PangoFontDescription *desc = pango_font_describe(f);
	df.family = (char *)pango_font_description_get_family(desc);
	df.weight = (int)pango_font_description_get_weight(desc);
	df.italic = pango_font_description_get_style(desc) != PANGO_STYLE_NORMAL;
	df.size = pango_font_description_get_size(desc) / (double)PANGO_SCALE;
	FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(f));
	FcChar8 *file = NULL;
	int index = 0;
	if (pat) {
		FcPatternGetString(pat, FC_FILE, 0, &file);
		FcPatternGetInteger(pat, FC_INDEX, 0, &index);
	}
	df.file = (char *)file;
	df.face_index = index;
	size_t r = dl_font_intern(dl, &df);
	pango_font_description_free(desc);
	return r;
}

static dl_color
run_color(const PangoItem *item, dl_color dflt)
{
	for (GSList *l = item->analysis.extra_attrs; l; l = l->next) {
		PangoAttribute *a = l->data;
		if (a->klass->type == PANGO_ATTR_FOREGROUND) {
			PangoColor *pc = &((PangoAttrColor *)a)->color;
			return (dl_color){ pc->red / 65535.0, pc->green / 65535.0, pc->blue / 65535.0, 1 };
		}
	}
	return dflt;
}

/* Emits one glyph run at x; every space is narrowed by `shrink` points
 * (see emit_line). Returns how much narrower the run came out. */
static double
emit_run(dl_doc *dl, dl_page *page, const char *text, PangoGlyphItem *run, double x,
    double base, dl_color dflt, double shrink)
{
	PangoItem *item = run->item;
	PangoGlyphString *gs = run->glyphs;
	double shift = 0;
	if (gs->num_glyphs == 0)
		return 0;
	const char *t = text + item->offset;
	dl_op *op = dl_op_add(page, DL_TEXT);
	dl_text *tx = &op->u.text;
	tx->font = font_index(dl, item->analysis.font);
	tx->color = run_color(item, dflt);
	tx->x = x;
	tx->y = base;
	tx->glyphs = xmalloc((size_t)gs->num_glyphs * sizeof *tx->glyphs);
	tx->clusters = xmalloc((size_t)gs->num_glyphs * sizeof *tx->clusters);
	buf out = BUF_INIT;
	double adv = 0;
	int i = 0;
	while (i < gs->num_glyphs) {
		int b0 = gs->log_clusters[i];
		int j = i + 1;
		while (j < gs->num_glyphs && gs->log_clusters[j] == b0)
			j++;
		/* A cluster's bytes end where the logically next cluster
		 * starts: the glyph group to the right in a left-to-right run,
		 * to the left in a right-to-left one (Arabic, Hebrew), whose
		 * glyphs come in visual order. The text goes in glyph order,
		 * as PDF readers expect of right-to-left runs. */
		int b1;
		if (item->analysis.level & 1)
			b1 = i > 0 ? gs->log_clusters[i - 1] : item->length;
		else
			b1 = j < gs->num_glyphs ? gs->log_clusters[j] : item->length;
		if (b1 < b0)  /* not monotonic: keep the rest in one go */
			b1 = item->length;
		int ng = 0;
		for (int k = i; k < j; k++) {
			PangoGlyphInfo *g = &gs->glyphs[k];
			if (g->glyph != PANGO_GLYPH_EMPTY) {
				dl_glyph *dg = &tx->glyphs[tx->nglyphs++];
				dg->index = (g->glyph & PANGO_GLYPH_UNKNOWN_FLAG) ? 0 : g->glyph;
				dg->x = x + (adv + g->geometry.x_offset) / PANGO_SCALE - shift;
				dg->y = base + g->geometry.y_offset / (double)PANGO_SCALE;
				ng++;
			}
			adv += g->geometry.width;
		}
		int soft = b1 - b0 == 2 && (unsigned char)t[b0] == 0xC2 && (unsigned char)t[b0 + 1] == 0xAD;
		if (b1 - b0 == 1 && t[b0] == ' ')
			shift += shrink;
		if (ng == 0) {
			/* nothing visible: a soft hyphen inside a line is dropped;
			 * other text joins the previous cluster */
			if (!soft && b1 > b0) {
				buf_append(&out, t + b0, (size_t)(b1 - b0));
				if (tx->nclusters > 0)
					tx->clusters[tx->nclusters - 1].num_bytes += b1 - b0;
				else
					tx->clusters[tx->nclusters++] = (dl_cluster){ b1 - b0, 0 };
			}
		} else if (soft) {
			buf_putc(&out, '-'); /* a soft hyphen at the end of a line shows as '-' */
			tx->clusters[tx->nclusters++] = (dl_cluster){ 1, ng };
		} else {
			buf_append(&out, t + b0, (size_t)(b1 - b0));
			tx->clusters[tx->nclusters++] = (dl_cluster){ b1 - b0, ng };
		}
		i = j;
	}
	/* a leading zero-glyph cluster cannot stand alone: fold it into the next */
	if (tx->nclusters > 1 && tx->clusters[0].num_glyphs == 0) {
		tx->clusters[1].num_bytes += tx->clusters[0].num_bytes;
		memmove(tx->clusters, tx->clusters + 1, (tx->nclusters - 1) * sizeof *tx->clusters);
		tx->nclusters--;
	}
	tx->width = adv / PANGO_SCALE - shift;
	tx->text_len = out.len;
	tx->text = buf_detach(&out);
	if (tx->nglyphs == 0) {
		/* only invisible text: drop the op again */
		free(tx->text);
		free(tx->glyphs);
		free(tx->clusters);
		page->nops--;
	}
	return shift;
}

static void
emit_line(dl_doc *dl, dl_page *page, const ditem *it, double top)
{
	PangoLayoutLine *line = pango_layout_get_line_readonly(it->para->layout, it->line_no);
	if (!line)
		return;
	const char *text = pango_layout_get_text(it->para->layout);
	double base = top + it->y;
	double x = it->x;
	/* pango 1.50 justifies a line before it adds the hyphen of a break at
	 * a soft hyphen, so such lines stick out by the hyphen's width: take
	 * it back from the spaces */
	double shrink = 0;
	if (pango_layout_get_justify(it->para->layout)) {
		double total = 0;
		int spaces = 0;
		for (GSList *l = line->runs; l; l = l->next) {
			PangoGlyphItem *run = l->data;
			total += pango_glyph_string_get_width(run->glyphs);
			const char *t = text + run->item->offset;
			for (int k = 0; k < run->item->length; k++)
				spaces += t[k] == ' ';
		}
		double over = (total - pango_layout_get_width(it->para->layout)) / PANGO_SCALE;
		if (over > 0.01 && spaces > 0)
			shrink = over / spaces;
	}
	for (GSList *l = line->runs; l; l = l->next) {
		PangoGlyphItem *run = l->data;
		double shift = emit_run(dl, page, text, run, x, base, it->para->color, shrink);
		x += pango_glyph_string_get_width(run->glyphs) / (double)PANGO_SCALE - shift;
	}
	for (size_t k = 0; k < it->para->nlinks; k++) {
		const link_range *lr = &it->para->links[k];
		int ls = line->start_index, le = line->start_index + line->length;
		int s = lr->start > ls ? lr->start : ls;
		int e = lr->end < le ? lr->end : le;
		if (s >= e)
			continue;
		int *ranges = NULL, n = 0;
		pango_layout_line_get_x_ranges(line, s, e, &ranges, &n);
		for (int r = 0; r < n; r++) {
			double x0 = it->w + ranges[2 * r] / (double)PANGO_SCALE;
			double x1 = it->w + ranges[2 * r + 1] / (double)PANGO_SCALE;
			if (x1 - x0 < 0.5)
				continue;
			dl_add_link(page, x0, base - it->h * 0.78, x1 - x0, it->h, lr->uri, lr->dest);
		}
		g_free(ranges);
	}
}

static void
emit_atom(ctx *c, dl_doc *dl, dl_page *page, size_t pageno, const atom *a, double top,
    double ext)
{
	for (size_t k = 0; k < a->n; k++) {
		const ditem *it = &a->items[k];
		switch (it->kind) {
		case DI_LINE:
			emit_line(dl, page, it, top);
			break;
		case DI_RULE: {
			double y0 = top + it->y;
			if (ext > 0 && it->x == it->x1 && it->y == 0)
				y0 -= ext; /* a cell's side edge reaches up to the row above */
			dl_add_line(page, it->x, y0, it->x1, top + it->y1, it->lw, it->c1);
			break;
		}
		case DI_RECT:
			dl_add_rect(page, it->x, top + it->y, it->w, it->h, it->fill ? &it->c1 : NULL,
			    it->fill ? 0 : it->lw, it->fill ? NULL : &it->c2);
			break;
		case DI_LOGO: {
			unsigned char *copy = xmalloc(c->logo_len);
			memcpy(copy, c->logo, c->logo_len);
			dl_add_image(page, it->x, top + it->y, it->w, it->h, c->logo_kind, copy, c->logo_len);
			break;
		}
		case DI_ANCHOR:
			dl_add_anchor(page, it->name, MARGIN_L, top + it->y);
			break;
		case DI_OUTLINE:
			dl_add_outline(dl, it->title, it->level, pageno, top + it->y, it->name);
			break;
		case DI__MAX:
			break;
		}
	}
}

static void
running(ctx *c, dl_doc *dl, dl_page *page, const doc_running *r, double base, int is_header)
{
	tstyle st = style_body(c);
	st.size = c->body_size * 0.78;
	st.leading = st.size * 1.2;
	st.color = C_GREY;
	st.hyphenate = 0;
	double w = PAGE_W - MARGIN_L - MARGIN_R;
	static const doc_align al[3] = { DOC_ALIGN_LEFT, DOC_ALIGN_CENTER, DOC_ALIGN_RIGHT };
	double slot_w = w;
	double logo_w = 0, logo_h = 0;
	if (is_header && r->logo && c->logo) {
		logo_fit(c, 30 * MM, 8 * MM, &logo_w, &logo_h);
		slot_w = w - logo_w - 8;
		unsigned char *copy = xmalloc(c->logo_len);
		memcpy(copy, c->logo, c->logo_len);
		dl_add_image(page, MARGIN_L + w - logo_w, base + 2 - logo_h, logo_w, logo_h,
		    c->logo_kind, copy, c->logo_len);
	}
	for (int i = 0; i < 3; i++) {
		if (!r->slot[i])
			continue;
		st.align = al[i];
		para *p = para_make(c, r->slot[i]->first, NULL, NULL, &st, slot_w);
		PangoLayoutIter *it = pango_layout_get_iter(p->layout);
		double b0 = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
		PangoRectangle log;
		pango_layout_iter_get_line_extents(it, NULL, &log);
		pango_layout_iter_free(it);
		ditem d = { .kind = DI_LINE, .para = p, .line_no = 0,
			.x = MARGIN_L + log.x / (double)PANGO_SCALE, .w = MARGIN_L,
			.y = b0, .h = log.height / (double)PANGO_SCALE };
		emit_line(dl, page, &d, base - b0);
	}
	double ry = is_header ? base + 5 : base - st.size - 4;
	dl_add_line(page, MARGIN_L, ry, PAGE_W - MARGIN_R, ry, 0.4, C_RULE);
}

/* The mark of a draft (meta/draft, e.g. "CONCEPT"): bold red capitals
 * centred in the top margin of every page, above the running header and
 * the letterhead, so no page of a draft can pass for the final text. */
static void
draft_mark(ctx *c, dl_doc *dl, dl_page *page, const char *text)
{
	static const dl_color red = { 0.72, 0.07, 0.07, 1 };
	tstyle st = style_body(c);
	st.size = c->body_size;
	st.leading = st.size * 1.2;
	st.bold = 1;
	st.color = red;
	st.hyphenate = 0;
	st.align = DOC_ALIGN_CENTER;
	double w = PAGE_W - MARGIN_L - MARGIN_R;
	para *p = para_make(c, NULL, NULL, text, &st, w);
	PangoLayoutIter *it = pango_layout_get_iter(p->layout);
	double b0 = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
	PangoRectangle log;
	pango_layout_iter_get_line_extents(it, NULL, &log);
	pango_layout_iter_free(it);
	ditem d = { .kind = DI_LINE, .para = p, .line_no = 0,
		.x = MARGIN_L + log.x / (double)PANGO_SCALE, .w = MARGIN_L,
		.y = b0, .h = log.height / (double)PANGO_SCALE };
	emit_line(dl, page, &d, DRAFT_BASE - b0);
}

/* ---------- paginate ---------- */

static void
place(placement **pl, size_t *n, size_t *cap, size_t idx, const atom *a, size_t page, double y)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		*pl = xrealloc(*pl, *cap * sizeof **pl);
	}
	(*pl)[(*n)++] = (placement){ idx, a, page, y, 0 };
}

static size_t
paginate(const atoms *l, placement **pl, size_t *npl)
{
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

/* ---------- entry ---------- */

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
	ts.color = c.brand;
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
			running(&c, dl, page, h, HEADER_BASE, 1);
		if (doc->draft)
			draft_mark(&c, dl, page, doc->draft);
		for (; k < npl && pl[k].page == p; k++)
			emit_atom(&c, dl, page, p, pl[k].ap, pl[k].y, pl[k].ext);
		const doc_running *f = &doc->footer;
		if (f->present && (p > 0 || f->first != 0))
			running(&c, dl, page, f, FOOTER_BASE, 0);
	}
	c.page_str = c.pages_str = NULL;

	free(pl);
	atoms_free(&all);
	for (tbl *t = c.tables; t;) {
		tbl *next = t->next;
		atoms_free(&t->head);
		free(t);
		t = next;
	}
	for (para *p = c.paras; p;) {
		para *next = p->next;
		g_object_unref(p->layout);
		free(p->links);
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
	if (c.failed) {
		dl_doc_free(dl);
		return NULL;
	}
	return dl;
}
