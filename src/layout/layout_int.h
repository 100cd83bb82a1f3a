/* layout_int.h — what the layout engine's files share (not a public
 * interface: layout.h is). The engine is split by concern:
 *   fonts.c      the pinned fonts (process-wide)
 *   para.c       inline text → pango paragraph layouts (kept for the process)
 *   atoms.c      atoms (unbreakable vertical pieces) and their draw items
 *   blocks.c     blocks → atoms: paragraphs, lists, sections, notes, fields ...
 *   table.c      tables → row atoms (tall rows split into bands)
 *   letterhead.c the letterhead and the logo
 *   paginate.c   atoms → pages
 *   emit.c       placed atoms → display list; the running header and footer
 *   layout.c     the entry: layout_run
 * Units are points. */
#ifndef ZORGDOC_LAYOUT_INT_H
#define ZORGDOC_LAYOUT_INT_H

#include <pango/pangocairo.h>

#include "../base/buf.h"
#include "../doc/doc.h"
#include "dlist.h"
#include "layout.h"

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

/* ---------- atoms and draw items ---------- */

typedef struct {
	int start, end;      /* byte range in the layout text */
	const char *uri;     /* borrowed from the doc tree */
	const char *dest;
} link_range;

/* What a paragraph is, for the audit (audit.c) and for keeps. */
typedef enum {
	PARA_OTHER,          /* a label, a cell, the running header: not audited as flow */
	PARA_BODY,           /* running text: its lines are atoms of their own */
	PARA_HEADING,        /* a section title */
	PARA_LEAD,           /* a line that introduces what follows (ends in ':') */
	PARA__MAX
} para_role;

/* How a paragraph's lines fill the width (para.c, emit.c). */
typedef enum {
	JUSTIFY_NONE,        /* ragged, centred or right: as pango set it */
	JUSTIFY_LIMITED,     /* justified where no gap grows past twice a word space */
	JUSTIFY_FORCED,      /* every line but the last justified (align="justify") */
	JUSTIFY__MAX
} justify_mode;

/* A byte range of a layout's text. */
typedef struct {
	int start, end;
} text_range;

typedef struct para {
	PangoLayout *layout;
	link_range *links;
	size_t nlinks;
	text_range *names;   /* <name> ranges: never hyphenated (audit.c) */
	size_t nnames;
	justify_mode justify;
	dl_color color;
	para_role role;
	int audit_page;      /* audit.c: 1 + the page of the line seen last, 0 none */
	int audit_line;      /* audit.c: that line's number */
	PangoLayoutLine **lines; /* para_line: the layout's lines, made when first asked */
	int nlines;
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
	int cell_break;      /* table.c: this line continues a word broken inside a
	                      * table cell where the audit objects (cell-word-break) */
} ditem;

typedef struct tbl tbl;

/* One typesetting fault the layout audit found (audit.c). */
typedef struct {
	size_t page;         /* 1-based; 0 when not on a page */
	const char *rule;    /* static: "widow", "heading-at-foot", ... */
	char *text;          /* owned: the start of the text concerned */
} audit_finding;

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
	int keep_lines;      /* keep with this many lines of what follows (a heading's
	                      * or a lead's last line; paginate.c) */
	int list_last;       /* the first atom of a list's last item (of two or more) */
	int band;            /* a tall row split into bands: 1, 2, ... (table.c) */
	double row_h;        /* a band's whole row's height */
} atom;

typedef struct {
	atom *a;
	size_t n, cap;
} atoms;

struct tbl {
	atoms head;          /* header rows, repeated on continued pages */
	atoms cont;          /* "<caption> (vervolg)", set above them (blocks.c) */
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
	dl_color brand;       /* rules, bars, bullets */
	dl_color brand_text;  /* text in the brand colour: its shade that
	                         reaches 4.5:1 on white (doc->text_colour) */
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
	audit_finding *findings; /* audit.c: what the layout audit found */
	size_t nfindings, findingscap;
} ctx;

/* process-wide font state (fonts.c) */
extern PangoContext *pctx;
extern const char *family_sans, *family_serif;

/* atoms.c */
/* Returns line line_no of p's layout (borrowed) or NULL, in constant time
 * (pango's own lookup walks a list: a paragraph of 50,000 lines would
 * take seconds to set). */
PangoLayoutLine *
para_line(para *p, int line_no);
char *
pool_add(ctx *c, char *s);
ditem *
item_add(atom *a, di_kind kind);
atom *
atom_add(atoms *l);
void
atoms_free(atoms *l);
void
atoms_move(atoms *dst, atoms *src);
void
atom_stack(atom *dst, const atoms *src, double top);
double
atoms_height(const atoms *l);

/* blocks.c */
/* Sets tb->cont: the caption of table t (or the title of the section t
 * opens) and t's @continued words, for a continued page; nothing without
 * @continued. */
void
table_continued(ctx *c, const doc_node *t, double x, double w, tstyle st, int depth, tbl *tb);
void
anchor_first(atoms *out, size_t from, const char *id);
void
flow(ctx *c, const doc_node *n, double x, double w, tstyle st, int depth, atoms *out);
void
flow_mixed(ctx *c, const doc_node *parent, double x, double w, tstyle st, int depth,
    atoms *out);

/* emit.c */
void
emit_atom(ctx *c, dl_doc *dl, dl_page *page, size_t pageno, const atom *a, double top,
    double ext);
void
running(ctx *c, dl_doc *dl, dl_page *page, size_t pageno, const doc_running *r, double base,
    int is_header);

/* fonts.c */
int
fonts_init(diag *d);

/* letterhead.c */
int
logo_load(ctx *c);
void
logo_fit(const ctx *c, double maxw, double maxh, double *w, double *h);
void
letterhead(ctx *c, double x, double w, atoms *out);

/* paginate.c */
void
place(placement **pl, size_t *n, size_t *cap, size_t idx, const atom *a, size_t page, double y);
size_t
paginate(atoms *l, placement **pl, size_t *npl);
int
atom_lines(const atom *a);

/* What emit does to one line of a justified paragraph (para_line_fill). */
typedef struct {
	double extra;        /* points added to each stretchable space (< 0: taken) */
	double space;        /* the width of a normal word space, 0 when none */
	int nspaces;         /* the stretchable spaces (not those at the line's end) */
	int end;             /* byte index: spaces from here on are not stretched */
	int ragged;          /* justification wanted, but the gaps would be too wide */
} line_fill;

/* para.c */
/* Fills f for line line_no of p: how emit spreads the line to the width. */
void
para_line_fill(const para *p, int line_no, line_fill *f);
/* Returns 1 when line line_no of p ends at a soft hyphen, 2 at a hyphen
 * of the text itself ("e-/mail"), else 0. */
int
para_line_hyphen(const para *p, int line_no);
void
lcache_clear(void);
int
has_content_until(const doc_node *n, const doc_node *stop);
int
has_content(const doc_node *n);
para *
para_make(ctx *c, const doc_node *first, const doc_node *stop, const char *plain,
    const tstyle *st, double w);
para *
para_make_prefixed(ctx *c, const char *prefix, const doc_node *first, const tstyle *st,
    double w);
void
para_atoms(ctx *c, para *p, double x, double space, const tstyle *st, atoms *out,
    int keep_all);
tstyle
style_body(const ctx *c);
tstyle
style_small(const ctx *c, tstyle st);

/* table.c */
void
box_of(ctx *c, const doc_node *parent, double x, double w, tstyle st, int depth,
    double pad, atom *dst);
double
parse_len(const char *s, double total, double *star);
void
block_table(ctx *c, const doc_node *t, double x, double w, tstyle st, int depth,
    double space, atoms *out);

/* The ink box of a running header's or footer's slot (or its logo). */
typedef struct {
	double x0, y0, x1, y1;
	int used;
	const para *para;    /* the slot's text; NULL for the logo */
} run_box;

/* emit.c: the draft mark in the top margin of a page */
void emit_draft_mark(ctx *c, dl_doc *dl, dl_page *page, const char *text);

/* audit.c */
/* Records a finding on page (1-based) for rule, quoting text[0..n)
 * (shortened, soft hyphens dropped). */
void audit_add(ctx *c, size_t page, const char *rule, const char *text, size_t n);
/* Records a finding quoting line line_no of p. */
void audit_add_line(ctx *c, size_t page, const char *rule, const para *p, int line_no);
/* Runs every rule over the placed atoms (after paginate). */
void audit_pages(ctx *c, const placement *pl, size_t npl);
/* The running header's or footer's rules on page (1-based): boxes that
 * intersect (running-overlap), a box outside x0..x1 or y0..y1
 * (running-outside). */
void audit_running(ctx *c, size_t page, const run_box *b, size_t n, double x0, double x1,
    double y0, double y1);
/* Reports c's findings into d (warnings, or errors in strict mode, which
 * set c->failed) and frees them. */
void audit_report(ctx *c);
#endif
