/* doc — a document in the zorgdoc vocabulary (schema/doc.rng,
 * docs/doc-vocabulary.md) as a plain C tree, for the layout engine.
 *
 * In: a document XML file or buffer. It is parsed with the hardened
 * parser (src/base/xmlsafe.h), validated against schema/doc.rng and
 * checked for what the schema cannot say (cross-references point at an
 * existing id, ids are unique). Out: a doc_document that owns a tree of
 * doc_node; no libxml2 type leaks out. Every node remembers its line and
 * column so later stages (layout: a missing logo) can report
 * file:line:col.
 *
 * Ownership: doc_load/doc_parse return an owned doc_document, released
 * with doc_free (NULL-safe). Nodes and strings belong to the document. */
#ifndef ZORGDOC_DOC_H
#define ZORGDOC_DOC_H

#include <stddef.h>

#include "../base/diag.h"

struct _xmlDoc; /* libxml2 xmlDoc, for doc_from_xml only */

typedef enum {
	/* inline */
	DOC_TEXT,       /* text: whitespace not yet collapsed */
	DOC_EM,
	DOC_STRONG,
	DOC_LINK,       /* href */
	DOC_REF,        /* to */
	DOC_NOBR,
	DOC_NAME,       /* a name, address, e-mail or URL: never hyphenated */
	DOC_BR,
	DOC_PAGE,       /* running header/footer: this page's number */
	DOC_PAGES,      /* the number of pages */
	/* blocks */
	DOC_BODY,
	DOC_SECTION,    /* id, label, numbered; first child DOC_TITLE */
	DOC_TITLE,
	DOC_P,          /* id, align, small */
	DOC_UL,
	DOC_OL,         /* ol_type, start */
	DOC_LI,
	DOC_DL,
	DOC_DT,
	DOC_DD,
	DOC_TABLE,      /* id, rules */
	DOC_CAPTION,
	DOC_COL,        /* width, align */
	DOC_THEAD,
	DOC_TBODY,
	DOC_ROW,        /* row_kind */
	DOC_CELL,       /* span, align */
	DOC_NOTE,       /* id; optional DOC_TITLE first */
	DOC_SIGNATURES,
	DOC_PARTY,
	DOC_ROLE,
	DOC_FIELD,      /* label */
	DOC_SIGN,       /* label */
	DOC_ADDRESS,    /* label */
	DOC_LINE,
	DOC_FIELDS,
	DOC_COLUMNS,
	DOC_COLUMN,
	DOC_KEEP,
	DOC_PAGE_BREAK,
	DOC_QR,         /* data, label, width (the code's size), align, ec */
	DOC__MAX
} doc_kind;

typedef enum {
	DOC_ALIGN_DEFAULT,
	DOC_ALIGN_JUSTIFY,
	DOC_ALIGN_LEFT,
	DOC_ALIGN_CENTER,
	DOC_ALIGN_RIGHT,
	DOC_ALIGN_NUMERIC,
	DOC_ALIGN__MAX
} doc_align;

typedef enum {
	DOC_RULES_HEADER,
	DOC_RULES_NONE,
	DOC_RULES_ROWS,
	DOC_RULES_GRID,
	DOC_RULES__MAX
} doc_rules;

typedef enum {
	DOC_ROW_NORMAL,
	DOC_ROW_SUBTOTAL,
	DOC_ROW_TOTAL,
	DOC_ROW__MAX
} doc_row_kind;

typedef struct doc_node doc_node;
struct doc_node {
	doc_kind kind;
	int line, col;       /* where it starts in the source */
	char *text;          /* DOC_TEXT, DOC_NOBR: the text */
	char *id;            /* section, p, li, table, note */
	char *href;          /* link */
	char *to;            /* ref */
	char *label;         /* section, field, sign, address, qr; table: its
	                      * @continued ("(vervolg)") */
	char *width;         /* col, column: "2*", "30%", "25mm"; qr: its size */
	char *data;          /* qr: the text the code carries (may hold line feeds) */
	char ec;             /* qr: error correction level 'L' 'M' 'Q' 'H' ('M') */
	doc_align align;     /* p, col, cell, qr */
	doc_rules rules;     /* table */
	doc_row_kind row_kind;
	int numbered;        /* section: -1 inherit, 0 no, 1 yes */
	int small;           /* p size="small" */
	int start;           /* ol: first number (1) */
	char ol_type;        /* ol: '1', 'a', 'i' */
	int span;            /* cell: columns spanned (1) */
	char *number;        /* section: "2.3" or its label, set by doc_load */
	doc_node *parent, *first, *last, *next;
};

typedef enum {
	DOC_FONT_SANS,
	DOC_FONT_SERIF,
	DOC_FONT__MAX
} doc_font;

typedef struct {
	doc_node *slot[3];   /* left, center, right: containers of inline nodes, or NULL */
	int present;
	int first;           /* -1 default, 0 no, 1 yes */
	int logo;            /* header only */
} doc_running;

typedef struct {
	char *file;          /* path as given (for messages) */
	char *dir;           /* its directory (for the logo) */
	/* meta */
	char *title, *subject, *author, *keywords, *language, *version, *date;
	char *draft;         /* meta/draft: the mark on every page of a draft, or NULL */
	char *kind;          /* doc/@kind or NULL */
	/* style */
	doc_font font;
	int has_colour;
	double colour[3];    /* 0..1: rules and accents */
	double text_colour[3]; /* 0..1: text in the brand colour (headings,
	                        title, name, links), the shade of colour that
	                        reaches 4.5:1 on white (base/colour.h) */
	/* letterhead */
	int has_letterhead;
	char *lh_name;
	doc_node *lh_lines;  /* container: children are DOC_LINE */
	char *logo_href;
	int logo_line, logo_col;
	doc_running header, footer;
	doc_node *body;
	doc_node **ids;      /* nodes with an id, in document order */
	size_t nids;
} doc_document;

/* Parses, validates and converts the file at path. Returns an owned
 * document, or NULL with file:line:col errors in d. */
doc_document *doc_load(const char *path, diag *d);
/* The same from memory; `name` is used in messages and `dir` resolves
 * the logo (NULL: the current directory). */
doc_document *doc_parse(const char *data, size_t len, const char *name,
    const char *dir, diag *d);
/* The same from a tree already parsed (e.g. a template's result, which
 * has no source text: errors then have line numbers of the tree and no
 * columns). Borrows x; it may be freed afterwards. */
doc_document *doc_from_xml(struct _xmlDoc *x, const char *name, const char *dir, diag *d);
/* Releases the document. NULL-safe. */
void doc_free(doc_document *doc);

/* Returns the section (or other block) with this id, or NULL; borrowed. */
doc_node *doc_lookup_id(const doc_document *doc, const char *id);

#endif
