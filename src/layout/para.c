/* para — inline text to pango paragraph layouts: text, emphasis, links,
 * no-break runs, names and Dutch hyphenation (hyph.h); made layouts are
 * kept for the process (a batch sets the same words on every zorgnota); a
 * paragraph becomes one atom per line, with keep marks against widows and
 * orphans.
 *
 * Hyphenation rules on top of the patterns: the last word of a paragraph
 * (and the word before a line break) is not hyphenated, nor is a name,
 * an address, an e-mail address or a URL (<name>, <link>), and at most
 * two line ends in a row are hyphenated (a third hyphenated word loses its
 * break points and the paragraph is set again). Soft hyphens the author
 * wrote are kept as written (the audit reports what they do).
 *
 * Justified paragraphs are set ragged by pango and spread by emit.c
 * (para_line_fill): pango 1.50 justifies a line before it adds the hyphen
 * of a soft-hyphen break, so its own justified lines stuck out by the
 * hyphen's width; and a line is left ragged rather than stretched to
 * gaps wider than twice a word space. */
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
	text_range *cuts;    /* words fix_ladders took the soft hyphens of, in order */
	size_t ncuts;
	int strip_last;      /* the last word's soft hyphens went (ib_end_para) */
} lcache_entry;

static GHashTable *lcache; /* char *key (owned) -> lcache_entry * (owned) */

static void
lcache_entry_free(void *p)
{
	lcache_entry *e = p;
	g_object_unref(e->layout);
	free(e->cuts);
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
lcache_put(char *key, PangoLayout *layout, int unknown, text_range *cuts, size_t ncuts,
    int strip_last)
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
	e->cuts = cuts;
	e->ncuts = ncuts;
	e->strip_last = strip_last;
	g_hash_table_insert(lcache, key, e);
}

void
lcache_clear(void)
{
	if (lcache)
		g_hash_table_destroy(lcache);
	lcache = NULL;
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
	int nohyph;          /* inside a <name> or a <link>: no hyphenation */
	text_range *names;
	size_t nnames, namecap;
	text_range *authored; /* tokens with the author's own soft hyphens */
	size_t nauthored, authcap;
	size_t word_start;   /* the last word appended: where it starts */
	int word_auto;       /* it got soft hyphens from the patterns */
	int nsoft;           /* soft hyphens the patterns gave the paragraph */
} ib;

static text_range *
range_add(text_range **r, size_t *n, size_t *cap, size_t start, size_t end)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 4;
		*r = xrealloc(*r, *cap * sizeof **r);
	}
	(*r)[*n] = (text_range){ (int)start, (int)end };
	return &(*r)[(*n)++];
}

static void
ranges_cut(text_range *r, size_t n, int pos, int len)
{
	for (size_t i = 0; i < n; i++) {
		if (r[i].start > pos)
			r[i].start -= len;
		if (r[i].end > pos)
			r[i].end -= len;
	}
}

/* Removes the soft hyphens in b's text [from, to), keeping attributes,
 * links and ranges on their characters. */
static void
ib_strip_soft(ib *b, size_t from, size_t to)
{
	for (size_t i = to; i-- > from;) {
		if (i + 1 >= b->text.len || (unsigned char)b->text.s[i] != 0xC2 ||
		    (unsigned char)b->text.s[i + 1] != 0xAD)
			continue;
		memmove(b->text.s + i, b->text.s + i + 2, b->text.len - i - 2);
		b->text.len -= 2;
		b->text.s[b->text.len] = '\0';
		pango_attr_list_update(b->attrs, (int)i, 2, 0);
		for (size_t k = 0; k < b->nlinks; k++) {
			if (b->links[k].start > (int)i)
				b->links[k].start -= 2;
			if (b->links[k].end > (int)i)
				b->links[k].end -= 2;
		}
		ranges_cut(b->names, b->nnames, (int)i, 2);
		ranges_cut(b->authored, b->nauthored, (int)i, 2);
		b->nsoft--;
	}
}

/* The paragraph (or a line of it ended by <br/>) ends here: its last word
 * keeps its letters together. */
static void
ib_end_para(ib *b)
{
	if (b->word_auto)
		ib_strip_soft(b, b->word_start, b->text.len);
	b->word_auto = 0;
}

static int
has_alnum(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || (unsigned char)s[i] >= 0xC3)
			return 1;
	return 0;
}

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
		size_t n = (size_t)(q - p), at = b->text.len;
		int soft = 0;
		if (nobr || b->nobreak)
			buf_append(&b->text, p, n);
		else if (hyph_is_address(p, n) || (b->nohyph && memchr(p, '/', n)))
			hyph_append_address(&b->text, p, n);
		else if (b->hyphenate && !b->nohyph)
			soft = hyph_append_word(&b->text, p, n);
		else
			buf_append(&b->text, p, n);
		if (!soft && memmem(p, n, HYPH_SOFT, 2))
			range_add(&b->authored, &b->nauthored, &b->authcap, at, b->text.len);
		if (has_alnum(p, n)) {
			b->word_start = at;
			b->word_auto = soft > 0;
		}
		b->nsoft += soft;
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
	PangoAttribute *col = pango_attr_foreground_new((guint16)(b->c->brand_text.r * 65535),
	    (guint16)(b->c->brand_text.g * 65535), (guint16)(b->c->brand_text.b * 65535));
	ib_attr(b, col, start);
}

/* Is there anything but white space in [n, stop)? */
int
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

int
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
			/* not even after a hyphen in it */
			if (b->text.len > start)
				ib_attr(b, pango_attr_allow_breaks_new(FALSE), start);
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
			b->nohyph++;
			ib_nodes(b, n->first, NULL);
			b->nohyph--;
			ib_link(b, start, n->href, NULL);
			break;
		case DOC_NAME:
			ib_flush_space(b);
			start = b->text.len;
			b->nohyph++;
			ib_nodes(b, n->first, NULL);
			b->nohyph--;
			if (b->text.len > start)
				range_add(&b->names, &b->nnames, &b->namecap, start, b->text.len);
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
			ib_end_para(b);
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
		break; /* set ragged; emit.c spreads the lines (para_line_fill) */
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

static int
line_hyphenated(const char *text, const PangoLayoutLine *l);

int
para_line_hyphen(const para *p, int line_no)
{
	const PangoLayoutLine *l = para_line((para *)p, line_no);
	return l ? line_hyphenated(pango_layout_get_text(p->layout), l) : 0;
}

/* Does line l of text end in a hyphen: 1 at a soft hyphen, 2 at a
 * hyphen the text has ('-' between letters), else 0. */
static int
line_hyphenated(const char *text, const PangoLayoutLine *l)
{
	int e = l->start_index + l->length;
	if (l->length >= 2 && (unsigned char)text[e - 2] == 0xC2 && (unsigned char)text[e - 1] == 0xAD)
		return 1;
	if (l->length >= 2 && text[e - 1] == '-' && text[e] != '\0' && text[e] != ' ' &&
	    text[e] != '\n' && text[e - 2] != ' ')
		return 2;
	return 0;
}

/* The word around byte i of text: [*ws, *we), bounded by spaces and line
 * breaks. */
static void
word_at(const char *text, size_t len, size_t i, size_t *ws, size_t *we)
{
	size_t s = i, e = i;
	while (s > 0 && text[s - 1] != ' ' && text[s - 1] != '\n')
		s--;
	while (e < len && text[e] != ' ' && text[e] != '\n')
		e++;
	*ws = s;
	*we = e;
}

static int
in_ranges(const text_range *r, size_t n, size_t i)
{
	for (size_t k = 0; k < n; k++)
		if ((int)i >= r[k].start && (int)i < r[k].end)
			return 1;
	return 0;
}

/* At most two hyphenated line ends in a row: the word at a third loses
 * its soft hyphens (the patterns' only) and l is set again, until no
 * ladder is left that the engine made. */
static void
fix_ladders(ib *b, PangoLayout *l, text_range **cuts, size_t *ncuts)
{
	size_t cap = 0;
	for (int guard = 0; guard < 64 && b->nsoft > 0; guard++) {
		const char *text = pango_layout_get_text(l);
		int run = 0;
		size_t cut = (size_t)-1;
		for (GSList *it = pango_layout_get_lines_readonly(l); it; it = it->next) {
			const PangoLayoutLine *line = it->data;
			int h = line_hyphenated(text, line);
			run = h ? run + 1 : 0;
			size_t at = (size_t)(line->start_index + line->length) - 1;
			if (run >= 3 && h == 1 && !in_ranges(b->authored, b->nauthored, at)) {
				cut = at;
				break;
			}
		}
		if (cut == (size_t)-1)
			return;
		size_t ws, we;
		word_at(b->text.s, b->text.len, cut, &ws, &we);
		range_add(cuts, ncuts, &cap, ws, we);
		ib_strip_soft(b, ws, we);
		pango_layout_set_text(l, buf_str(&b->text), (int)b->text.len);
		pango_layout_set_attributes(l, NULL);
		pango_layout_set_attributes(l, b->attrs);
	}
}

/* Does a line of l start inside the word that starts at byte ws (the
 * last of the text), other than after a hyphen of its own? */
static int
word_split(PangoLayout *l, size_t ws)
{
	const char *text = pango_layout_get_text(l);
	for (GSList *it = pango_layout_get_lines_readonly(l); it; it = it->next) {
		const PangoLayoutLine *line = it->data;
		size_t s = (size_t)line->start_index;
		if (s > ws && text[s - 1] != ' ' && text[s - 1] != '\n' && text[s - 1] != '-')
			return 1;
	}
	return 0;
}

/* ---------- long texts shaped in pieces ---------- */

/* Pango shapes each run of text with the same attributes as one item and,
 * when a line breaks inside it, shapes what is left of it again: a word
 * (or a paragraph) of n characters costs n squared, and an item wider
 * than 2^31 pango units (~380,000 characters) overflows its width and is
 * set on one line, off the page. A text longer than LONG_TEXT bytes is
 * therefore cut into items of about PIECE bytes, after a space where
 * there is one, by an attribute that changes nothing (letter spacing 0)
 * on every other piece. Ordinary paragraphs are far shorter and are set
 * as before. */
#define LONG_TEXT 4096
#define PIECE 64

static void
ib_split_long(ib *b)
{
	const char *t = b->text.s;
	size_t n = b->text.len;
	if (n <= LONG_TEXT)
		return;
	size_t at = 0;
	int odd = 0;
	while (at < n) {
		size_t end = at + PIECE;
		if (end >= n) {
			end = n;
		} else {
			/* after the last space in the piece, else at a character
			 * that starts a cluster (not a mark, joiner or selector) */
			size_t sp = end;
			while (sp > at + PIECE / 2 && t[sp - 1] != ' ')
				sp--;
			if (t[sp - 1] == ' ') {
				end = sp;
			} else {
				while (end < n && end < at + 4 * PIECE) {
					unsigned char ch = (unsigned char)t[end];
					if ((ch & 0xC0) != 0x80) {
						gunichar u = g_utf8_get_char_validated(t + end, (gssize)(n - end));
						if (u != (gunichar)-1 && u != (gunichar)-2 && !g_unichar_ismark(u) &&
						    u != 0x200D && !(u >= 0xFE00 && u <= 0xFE0F) &&
						    !(u >= 0xE0100 && u <= 0xE01EF) && !(u >= 0x1F3FB && u <= 0x1F3FF))
							break;
					}
					end++;
				}
				while (end < n && ((unsigned char)t[end] & 0xC0) == 0x80)
					end++; /* never inside a character */
			}
		}
		if (odd) {
			PangoAttribute *a = pango_attr_letter_spacing_new(0);
			a->start_index = (guint)at;
			a->end_index = (guint)end;
			pango_attr_list_insert(b->attrs, a);
		}
		odd = !odd;
		at = end;
	}
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
	ib_split_long(&b);
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
		if (hit->strip_last)
			ib_end_para(&b);
		for (size_t i = 0; i < hit->ncuts; i++) /* the same words as when it was made */
			ib_strip_soft(&b, (size_t)hit->cuts[i].start, (size_t)hit->cuts[i].end);
		c->unknown_glyphs += hit->unknown;
		free(key);
	} else {
		/* the last word keeps its letters together, unless it is
		 * wider than the line: then its break points stay (better
		 * than a break anywhere) */
		int strip = b.word_auto;
		ib saved = b;
		if (strip) {
			saved.text = (buf)BUF_INIT;
			buf_append(&saved.text, b.text.s, b.text.len);
			saved.attrs = pango_attr_list_copy(b.attrs);
			saved.links = b.nlinks ? xmalloc(b.nlinks * sizeof *b.links) : NULL;
			if (b.nlinks)
				memcpy(saved.links, b.links, b.nlinks * sizeof *b.links);
			saved.names = b.nnames ? xmalloc(b.nnames * sizeof *b.names) : NULL;
			if (b.nnames)
				memcpy(saved.names, b.names, b.nnames * sizeof *b.names);
			saved.authored = b.nauthored ? xmalloc(b.nauthored * sizeof *b.authored) : NULL;
			if (b.nauthored)
				memcpy(saved.authored, b.authored, b.nauthored * sizeof *b.authored);
			ib_end_para(&b);
		}
		p->layout = layout_make(c, st, w, &b);
		if (strip) {
			if (word_split(p->layout, saved.word_start)) {
				buf_free(&b.text);
				pango_attr_list_unref(b.attrs);
				free(b.links);
				free(b.names);
				free(b.authored);
				b = saved;
				strip = 0;
				pango_layout_set_text(p->layout, buf_str(&b.text), (int)b.text.len);
				pango_layout_set_attributes(p->layout, b.attrs);
			} else {
				buf_free(&saved.text);
				pango_attr_list_unref(saved.attrs);
				free(saved.links);
				free(saved.names);
				free(saved.authored);
			}
		}
		text_range *cuts = NULL;
		size_t ncuts = 0;
		fix_ladders(&b, p->layout, &cuts, &ncuts);
		int unknown = pango_layout_get_unknown_glyphs_count(p->layout);
		c->unknown_glyphs += unknown;
		lcache_put(key, p->layout, unknown, cuts, ncuts, strip);
	}
	pango_attr_list_unref(b.attrs);
	buf_free(&b.text);
	free(b.authored);
	p->links = b.links;
	p->nlinks = b.nlinks;
	p->names = b.names;
	p->nnames = b.nnames;
	p->justify = st->align == DOC_ALIGN_DEFAULT ? JUSTIFY_LIMITED :
	    st->align == DOC_ALIGN_JUSTIFY ? JUSTIFY_FORCED : JUSTIFY_NONE;
	p->color = st->color;
	p->next = c->paras;
	c->paras = p;
	return p;
}

para *
para_make(ctx *c, const doc_node *first, const doc_node *stop, const char *plain,
    const tstyle *st, double w)
{
	return para_make_full(c, NULL, first, stop, plain, st, w);
}

para *
para_make_prefixed(ctx *c, const char *prefix, const doc_node *first, const tstyle *st,
    double w)
{
	return para_make_full(c, prefix, first, NULL, NULL, st, w);
}

/* Is the cluster at text[i] a space that justification may widen (a
 * space or a no-break space)? Returns its length in bytes, or 0. */
static int
stretchable(const char *text, int i)
{
	if (text[i] == ' ')
		return 1;
	if ((unsigned char)text[i] == 0xC2 && (unsigned char)text[i + 1] == 0xA0)
		return 2;
	return 0;
}

void
para_line_fill(const para *p, int line_no, line_fill *f)
{
	memset(f, 0, sizeof *f);
	if (p->justify == JUSTIFY_NONE)
		return;
	const PangoLayoutLine *line = para_line((para *)p, line_no);
	if (!line)
		return;
	/* the last line of a paragraph (or before a <br/>) stays as it is */
	const PangoLayoutLine *next = para_line((para *)p, line_no + 1);
	if (!next || next->is_paragraph_start)
		return;
	const char *text = pango_layout_get_text(p->layout);
	int s = line->start_index, e = line->start_index + line->length;
	while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\n'))
		e--;
	f->end = e;
	long natural = 0;
	for (GSList *r = line->runs; r; r = r->next) {
		const PangoGlyphItem *run = r->data;
		const PangoGlyphString *gs = run->glyphs;
		for (int g = 0; g < gs->num_glyphs; g++) {
			int at = run->item->offset + gs->log_clusters[g];
			if (at >= e && stretchable(text, at))
				continue; /* a space at the line's end */
			natural += gs->glyphs[g].geometry.width;
			if (at < e && stretchable(text, at)) {
				f->nspaces++;
				if (f->space == 0)
					f->space = gs->glyphs[g].geometry.width / (double)PANGO_SCALE;
			}
		}
	}
	if (f->nspaces == 0)
		return;
	double extra = (pango_layout_get_width(p->layout) - natural) / (double)PANGO_SCALE / f->nspaces;
	if (p->justify == JUSTIFY_LIMITED && extra > f->space) {
		f->ragged = 1; /* gaps over twice a word space: set the line ragged */
		return;
	}
	f->extra = extra;
}

/* Appends one atom per line of p at x. The first gets `space` above. */
void
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
	if (!keep_all && p->role == PARA_OTHER)
		p->role = PARA_BODY;
	if (keep_all) {
		for (size_t i = first; i < out->n; i++)
			out->a[i].kwn = 1;
	} else if (n >= 2) {
		out->a[first].kwn = 1;          /* no orphan */
		out->a[out->n - 2].kwn = 1;     /* no widow */
	}
}

tstyle
style_body(const ctx *c)
{
	/* justified, ragged where the gaps would be too wide (para_line_fill) */
	tstyle st = { c->body_size, c->body_leading, 0, 0, DOC_ALIGN_DEFAULT, C_TEXT, 1 };
	return st;
}

tstyle
style_small(const ctx *c, tstyle st)
{
	st.size = c->body_size * 0.85;
	st.leading = c->body_leading * 0.85;
	return st;
}

