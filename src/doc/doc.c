/* doc — see doc.h. Document XML → validated C tree.
 *
 * Order of work: hardened parse (xmlsafe), RELAX NG validation against
 * schema/doc.rng (compiled once per process), conversion of the libxml2
 * tree into doc_node, then checks the schema cannot make (unique ids,
 * existing ref targets) and section numbering. libxml2's validity
 * messages can quote input values, so they are never shown: each error
 * gets a message of our own naming only the element. */
#define _GNU_SOURCE
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "../base/buf.h"
#include "../base/colour.h"
#include "../base/fsio.h"
#include "../base/paths.h"
#include "../base/xmlsafe.h"

#define DOC_NS "urn:zorgdoc:doc:1"

/* ---------- columns ---------- */

/* Returns the 1-based column of the occurrence'th start tag `<name` (with
 * any prefix) on 1-based line `line` of data, or 0 when not found. */
static int
source_col(const char *data, size_t len, const size_t *line_off, int nlines, int line,
    const char *name, int occurrence)
{
	if (!data || line <= 0 || line > nlines || !name)
		return 0;
	size_t i = line_off[line - 1];
	size_t start = i;
	size_t nlen = strlen(name);
	int seen = 0;
	for (; i < len && data[i] != '\n'; i++) {
		if (data[i] != '<')
			continue;
		size_t j = i + 1;
		size_t k = j;
		while (k < len && data[k] != ':' && data[k] != ' ' && data[k] != '>' &&
		    data[k] != '/' && data[k] != '\n' && data[k] != '\t' && data[k] != '\r')
			k++;
		if (k < len && data[k] == ':')
			j = k + 1;
		if (j + nlen <= len && memcmp(data + j, name, nlen) == 0) {
			char c = j + nlen < len ? data[j + nlen] : '>';
			if (c == ' ' || c == '>' || c == '/' || c == '\n' || c == '\t' || c == '\r') {
				if (seen == occurrence) {
					/* count UTF-8 characters, not bytes */
					int col = 1;
					for (size_t b = start; b < i; b++)
						if (((unsigned char)data[b] & 0xC0) != 0x80)
							col++;
					return col;
				}
				seen++;
			}
		}
	}
	return 0;
}

typedef struct {
	const char *data;
	size_t len;
	const char *name;
	xmlDocPtr xdoc;
	size_t *line_off;    /* byte offset of each line's start */
	int nlines;
} src_info;

static void
src_index(src_info *src)
{
	src->line_off = NULL;
	src->nlines = 0;
	if (!src->data)
		return;
	size_t cap = 256;
	src->line_off = xmalloc(cap * sizeof *src->line_off);
	src->line_off[src->nlines++] = 0;
	for (size_t i = 0; i < src->len; i++)
		if (src->data[i] == '\n') {
			if ((size_t)src->nlines == cap) {
				cap *= 2;
				src->line_off = xrealloc(src->line_off, cap * sizeof *src->line_off);
			}
			src->line_off[src->nlines++] = i + 1;
		}
}

/* Counts element nodes before `target` in document order on the same
 * line with the same name. */
static int
occurrence_walk(xmlNodePtr n, xmlNodePtr target, int *count, int line, const xmlChar *name)
{
	for (; n; n = n->next) {
		if (n == target)
			return 1;
		if (n->type == XML_ELEMENT_NODE) {
			if ((int)xmlGetLineNo(n) == line && xmlStrEqual(n->name, name))
				(*count)++;
			if (occurrence_walk(n->children, target, count, line, name))
				return 1;
		}
	}
	return 0;
}

static int
node_col(const src_info *src, xmlNodePtr n)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return 0;
	int line = (int)xmlGetLineNo(n);
	int count = 0;
	occurrence_walk(xmlDocGetRootElement(src->xdoc), n, &count, line, n->name);
	return source_col(src->data, src->len, src->line_off, src->nlines, line,
	    (const char *)n->name, count);
}

/* ---------- RELAX NG ---------- */

static xmlRelaxNGPtr schema; /* compiled once per process */

typedef struct {
	diag *d;
	const src_info *src;
	int count;
	int last_line;
} valid_ctx;

static void
valid_error(void *ud, xmlErrorPtr err)
{
	valid_ctx *vc = ud;
	if (!err || err->level == XML_ERR_WARNING)
		return;
	xmlNodePtr node = err->node;
	if (node && node->type == XML_ATTRIBUTE_NODE)
		node = node->parent;
	if (node && node->type != XML_ELEMENT_NODE)
		node = NULL;
	if (!node)
		return; /* unlocated follow-ups; a located error comes too (or the generic one) */
	int line = (int)xmlGetLineNo(node);
	if (vc->count >= 5 || (vc->count > 0 && line == vc->last_line))
		return; /* RELAX NG cascades; the first errors are the useful ones */
	vc->count++;
	vc->last_line = line;
	int col = node ? node_col(vc->src, node) : 0;
	const char *el = node ? (const char *)node->name : "document";
	const char *what;
	switch (err->code) {
	case XML_RELAXNG_ERR_NOELEM:
	case XML_RELAXNG_ERR_NOTELEM:
		what = "an expected element is missing in";
		break;
	case XML_RELAXNG_ERR_INVALIDATTR:
	case XML_RELAXNG_ERR_ATTRNAME:
	case XML_RELAXNG_ERR_ATTRVALID:
	case XML_RELAXNG_ERR_ATTREXTRANS:
		what = "an attribute is missing or not allowed on";
		break;
	case XML_RELAXNG_ERR_DATATYPE:
	case XML_RELAXNG_ERR_VALUE:
	case XML_RELAXNG_ERR_LIST:
	case XML_RELAXNG_ERR_DATAELEM:
	case XML_RELAXNG_ERR_VALELEM:
	case XML_RELAXNG_ERR_LISTELEM:
	case XML_RELAXNG_ERR_DUPID:
		what = "a value is not valid in";
		break;
	case XML_RELAXNG_ERR_ELEMNONS:
	case XML_RELAXNG_ERR_ELEMWRONGNS:
	case XML_RELAXNG_ERR_ELEMEXTRANS:
		what = "wrong namespace (expected urn:zorgdoc:doc:1) for";
		break;
	default:
		what = "content does not match the document vocabulary in";
		break;
	}
	diag_error(vc->d, vc->src->name, line, col,
	    "%s <%s> (see schema/doc.rng and docs/doc-vocabulary.md)", what, el);
}

static int
schema_load(diag *d)
{
	if (schema)
		return 0;
	char *path = paths_data_file("schema/doc.rng");
	if (!path)
		return diag_error(d, "schema/doc.rng", 0, 0, "data directory not found");
	xmlDocPtr sdoc = xmlsafe_read_file(path, d);
	if (!sdoc) {
		free(path);
		return -1;
	}
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewDocParserCtxt(sdoc);
	diag local = DIAG_INIT;
	xmlsafe_capture_begin(&local, NULL, NULL);
	schema = xmlRelaxNGParse(pc);
	xmlsafe_capture_end();
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlRelaxNGFreeParserCtxt(pc);
	xmlFreeDoc(sdoc);
	diag_free(&local);
	if (!schema) {
		diag_error(d, path, 0, 0, "the document schema does not compile");
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

/* ---------- conversion ---------- */

typedef struct {
	doc_document *doc;
	const src_info *src;
	diag *d;
	size_t ids_cap;
	size_t pos;          /* source offset just after the last start tag found */
	int col_line;        /* the last tag found: its line, offset and column */
	size_t col_off;
	int col_val;
} conv;

/* Returns the offset of the next start tag `<name` or `<prefix:name` at
 * or after from, or (size_t)-1. */
static size_t
find_tag(const char *data, size_t len, size_t from, const char *name)
{
	size_t nlen = strlen(name);
	for (size_t i = from; i < len; i++) {
		if (data[i] != '<')
			continue;
		size_t j = i + 1, k = j;
		while (k < len && k < j + 64 && data[k] != ':' && data[k] != ' ' && data[k] != '>' &&
		    data[k] != '/' && data[k] != '\n' && data[k] != '\t' && data[k] != '\r')
			k++;
		if (k < len && data[k] == ':')
			j = k + 1;
		if (j + nlen <= len && memcmp(data + j, name, nlen) == 0) {
			char c = j + nlen < len ? data[j + nlen] : '>';
			if (c == ' ' || c == '>' || c == '/' || c == '\n' || c == '\t' || c == '\r')
				return i;
		}
	}
	return (size_t)-1;
}

/* The column of element x. Elements are converted in document order,
 * which is the order of their start tags in the source, so a cursor
 * finds each in turn (linear time, even when a whole document is one
 * line). Falls back to counting when the cursor loses its way. */
static int
conv_col(conv *c, xmlNodePtr x, int line)
{
	const src_info *src = c->src;
	if (!src->data || line <= 0 || line > src->nlines)
		return 0;
	size_t ls = src->line_off[line - 1];
	size_t le = line < src->nlines ? src->line_off[line] : src->len;
	size_t from = c->pos > ls ? c->pos : ls;
	size_t off = find_tag(src->data, src->len, from, (const char *)x->name);
	if (off == (size_t)-1 || off >= le)
		return node_col(src, x);
	c->pos = off + 1;
	/* count characters from the line start, or from the last tag found
	 * on this line */
	size_t b = ls;
	int col = 1;
	if (c->col_line == line && c->col_off <= off) {
		b = c->col_off;
		col = c->col_val;
	}
	for (; b < off; b++)
		if (((unsigned char)src->data[b] & 0xC0) != 0x80)
			col++;
	c->col_line = line;
	c->col_off = off;
	c->col_val = col;
	return col;
}

static char *
attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static int
attr_is(xmlNodePtr n, const char *name, const char *value)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	int r = v && strcmp((const char *)v, value) == 0;
	xmlFree(v);
	return r;
}

static int
attr_yesno(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	int r = !v ? -1 : strcmp((const char *)v, "yes") == 0;
	xmlFree(v);
	return r;
}

static char *
text_of(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	/* collapse whitespace */
	char *o = s;
	int sp = 1;
	for (char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			if (!sp)
				*o++ = ' ';
			sp = 1;
		} else {
			*o++ = *p;
			sp = 0;
		}
	}
	if (o > s && o[-1] == ' ')
		o--;
	*o = '\0';
	return s;
}

static const struct {
	const char *name;
	doc_kind kind;
} kinds[] = {
	{ "em", DOC_EM }, { "strong", DOC_STRONG }, { "link", DOC_LINK },
	{ "ref", DOC_REF }, { "nobr", DOC_NOBR }, { "name", DOC_NAME },
	{ "br", DOC_BR },
	{ "page", DOC_PAGE }, { "pages", DOC_PAGES }, { "body", DOC_BODY },
	{ "section", DOC_SECTION }, { "title", DOC_TITLE }, { "p", DOC_P },
	{ "ul", DOC_UL }, { "ol", DOC_OL }, { "li", DOC_LI }, { "dl", DOC_DL },
	{ "dt", DOC_DT }, { "dd", DOC_DD }, { "table", DOC_TABLE },
	{ "caption", DOC_CAPTION }, { "col", DOC_COL }, { "thead", DOC_THEAD },
	{ "tbody", DOC_TBODY }, { "row", DOC_ROW }, { "cell", DOC_CELL },
	{ "note", DOC_NOTE }, { "signatures", DOC_SIGNATURES },
	{ "party", DOC_PARTY }, { "role", DOC_ROLE }, { "field", DOC_FIELD },
	{ "sign", DOC_SIGN }, { "address", DOC_ADDRESS }, { "line", DOC_LINE },
	{ "fields", DOC_FIELDS }, { "columns", DOC_COLUMNS },
	{ "column", DOC_COLUMN }, { "keep", DOC_KEEP },
	{ "page-break", DOC_PAGE_BREAK }, { "qr", DOC_QR },
};

static doc_node *
node_new(doc_kind kind, doc_node *parent)
{
	doc_node *n = xcalloc(1, sizeof *n);
	n->kind = kind;
	n->numbered = -1;
	n->start = 1;
	n->ol_type = '1';
	n->span = 1;
	n->parent = parent;
	if (parent) {
		if (parent->last)
			parent->last->next = n;
		else
			parent->first = n;
		parent->last = n;
	}
	return n;
}

static doc_align
parse_align(xmlNodePtr x)
{
	static const char *names[] = { "", "justify", "left", "center", "right", "numeric" };
	xmlChar *v = xmlGetProp(x, (const xmlChar *)"align");
	doc_align a = DOC_ALIGN_DEFAULT;
	for (int i = 1; v && i < DOC_ALIGN__MAX; i++)
		if (strcmp((const char *)v, names[i]) == 0)
			a = (doc_align)i;
	xmlFree(v);
	return a;
}

static void
convert_children(conv *c, xmlNodePtr x, doc_node *parent);

static void
convert_element(conv *c, xmlNodePtr x, doc_node *parent)
{
	doc_kind kind = DOC__MAX;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (xmlStrEqual(x->name, (const xmlChar *)kinds[i].name))
			kind = kinds[i].kind;
	if (kind == DOC__MAX)
		return; /* cannot happen after validation */
	doc_node *n = node_new(kind, parent);
	n->line = (int)xmlGetLineNo(x);
	n->col = conv_col(c, x, n->line);
	n->id = attr(x, "id");
	if (n->id) {
		if (c->doc->nids == c->ids_cap) {
			c->ids_cap = c->ids_cap ? 2 * c->ids_cap : 16;
			c->doc->ids = xrealloc(c->doc->ids, c->ids_cap * sizeof *c->doc->ids);
		}
		c->doc->ids[c->doc->nids++] = n;
	}
	switch (kind) {
	case DOC_LINK:
		n->href = attr(x, "href");
		break;
	case DOC_REF:
		n->to = attr(x, "to");
		break;
	case DOC_NOBR:
		n->text = text_of(x);
		return;
	case DOC_SECTION:
		n->label = attr(x, "label");
		n->numbered = attr_yesno(x, "numbered");
		break;
	case DOC_P:
		n->align = parse_align(x);
		n->small = attr_is(x, "size", "small");
		break;
	case DOC_OL: {
		char *t = attr(x, "type");
		if (t)
			n->ol_type = t[0];
		free(t);
		char *s = attr(x, "start");
		if (s)
			n->start = atoi(s);
		free(s);
		break;
	}
	case DOC_TABLE:
		n->rules = DOC_RULES_HEADER;
		if (attr_is(x, "rules", "none"))
			n->rules = DOC_RULES_NONE;
		else if (attr_is(x, "rules", "rows"))
			n->rules = DOC_RULES_ROWS;
		else if (attr_is(x, "rules", "grid"))
			n->rules = DOC_RULES_GRID;
		n->label = attr(x, "continued");
		break;
	case DOC_COL:
		n->width = attr(x, "width");
		n->align = parse_align(x);
		break;
	case DOC_ROW:
		n->row_kind = attr_is(x, "kind", "total") ? DOC_ROW_TOTAL :
		    attr_is(x, "kind", "subtotal") ? DOC_ROW_SUBTOTAL : DOC_ROW_NORMAL;
		break;
	case DOC_CELL: {
		n->align = parse_align(x);
		char *s = attr(x, "span");
		if (s)
			n->span = atoi(s);
		free(s);
		if (n->span < 1 || n->span > 64)
			n->span = 1;
		break;
	}
	case DOC_FIELD:
	case DOC_SIGN:
	case DOC_ADDRESS:
		n->label = attr(x, "label");
		break;
	case DOC_COLUMN:
		n->width = attr(x, "width");
		break;
	case DOC_QR: {
		/* the data verbatim: line feeds (&#10;) are part of it */
		n->data = attr(x, "data");
		n->label = attr(x, "label");
		n->width = attr(x, "size");
		n->align = parse_align(x);
		char *ec = attr(x, "ec");
		n->ec = ec && ec[0] ? ec[0] : 'M';
		free(ec);
		return;
	}
	case DOC_TEXT: case DOC_EM: case DOC_STRONG: case DOC_NAME: case DOC_BR: case DOC_PAGE:
	case DOC_PAGES: case DOC_BODY: case DOC_TITLE: case DOC_UL: case DOC_LI:
	case DOC_DL: case DOC_DT: case DOC_DD: case DOC_CAPTION: case DOC_THEAD:
	case DOC_TBODY: case DOC_NOTE: case DOC_SIGNATURES: case DOC_PARTY:
	case DOC_ROLE: case DOC_LINE: case DOC_FIELDS: case DOC_COLUMNS:
	case DOC_KEEP: case DOC_PAGE_BREAK: case DOC__MAX:
		break;
	}
	convert_children(c, x, n);
}

static int
blank(const char *t)
{
	for (; *t; t++)
		if (*t != ' ' && *t != '\n' && *t != '\t' && *t != '\r')
			return 0;
	return 1;
}

/* Containers whose white space between children means nothing. */
static int
block_only(const doc_node *n)
{
	switch (n->kind) {
	case DOC_BODY: case DOC_SECTION: case DOC_UL: case DOC_OL: case DOC_DL:
	case DOC_TABLE: case DOC_THEAD: case DOC_TBODY: case DOC_ROW:
	case DOC_SIGNATURES: case DOC_PARTY: case DOC_ADDRESS: case DOC_FIELDS:
	case DOC_COLUMNS: case DOC_COLUMN: case DOC_KEEP:
		return 1;
	case DOC_TEXT: case DOC_EM: case DOC_STRONG: case DOC_NAME: case DOC_LINK: case DOC_REF:
	case DOC_NOBR: case DOC_BR: case DOC_PAGE: case DOC_PAGES: case DOC_TITLE:
	case DOC_P: case DOC_LI: case DOC_DT: case DOC_DD: case DOC_CAPTION:
	case DOC_COL: case DOC_CELL: case DOC_NOTE: case DOC_ROLE: case DOC_FIELD:
	case DOC_SIGN: case DOC_LINE: case DOC_PAGE_BREAK: case DOC_QR: case DOC__MAX:
		return 0;
	}
	return 0;
}

static void
convert_children(conv *c, xmlNodePtr x, doc_node *parent)
{
	for (xmlNodePtr ch = x->children; ch; ch = ch->next) {
		if (ch->type == XML_ELEMENT_NODE) {
			convert_element(c, ch, parent);
		} else if (ch->type == XML_TEXT_NODE || ch->type == XML_CDATA_SECTION_NODE) {
			const char *t = (const char *)ch->content;
			if (!t || !*t || (block_only(parent) && blank(t)))
				continue;
			doc_node *n = node_new(DOC_TEXT, parent);
			n->line = (int)xmlGetLineNo(ch);
			n->text = xstrdup(t);
		}
	}
}

static xmlNodePtr
child(xmlNodePtr x, const char *name)
{
	for (xmlNodePtr ch = x ? x->children : NULL; ch; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE && xmlStrEqual(ch->name, (const xmlChar *)name))
			return ch;
	return NULL;
}

static char *
child_text(xmlNodePtr x, const char *name)
{
	xmlNodePtr c = child(x, name);
	return c ? text_of(c) : NULL;
}

static void
convert_running(conv *c, xmlNodePtr x, doc_running *r)
{
	if (!x)
		return;
	static const char *slots[3] = { "left", "center", "right" };
	r->present = 1;
	r->first = attr_yesno(x, "first");
	r->logo = attr_yesno(x, "logo") == 1;
	for (int i = 0; i < 3; i++) {
		xmlNodePtr s = child(x, slots[i]);
		if (!s)
			continue;
		r->slot[i] = node_new(DOC_LINE, NULL);
		r->slot[i]->line = (int)xmlGetLineNo(s);
		convert_children(c, s, r->slot[i]);
	}
}

static void
node_free(doc_node *n)
{
	while (n) {
		doc_node *next = n->next;
		node_free(n->first);
		free(n->text);
		free(n->id);
		free(n->href);
		free(n->to);
		free(n->label);
		free(n->width);
		free(n->data);
		free(n->number);
		free(n);
		n = next;
	}
}

void
doc_free(doc_document *doc)
{
	if (!doc)
		return;
	free(doc->file);
	free(doc->dir);
	free(doc->title);
	free(doc->subject);
	free(doc->author);
	free(doc->keywords);
	free(doc->language);
	free(doc->draft);
	free(doc->version);
	free(doc->date);
	free(doc->kind);
	free(doc->lh_name);
	node_free(doc->lh_lines);
	free(doc->logo_href);
	for (int i = 0; i < 3; i++) {
		node_free(doc->header.slot[i]);
		node_free(doc->footer.slot[i]);
	}
	node_free(doc->body);
	free(doc->ids);
	free(doc);
}

doc_node *
doc_lookup_id(const doc_document *doc, const char *id)
{
	for (size_t i = 0; doc && id && i < doc->nids; i++)
		if (strcmp(doc->ids[i]->id, id) == 0)
			return doc->ids[i];
	return NULL;
}

/* Numbers sections: "1", "1.2"; a label replaces the number. */
static void
number_sections(doc_node *parent, const char *prefix, int inherit)
{
	int count = 0;
	for (doc_node *n = parent->first; n; n = n->next) {
		if (n->kind == DOC_KEEP) {
			number_sections(n, prefix, inherit);
			continue;
		}
		if (n->kind != DOC_SECTION)
			continue;
		int numbered = n->numbered >= 0 ? n->numbered : inherit;
		char *mine = NULL;
		if (n->label) {
			n->number = xstrdup(n->label);
		} else if (numbered) {
			count++;
			mine = prefix ? xasprintf("%s.%d", prefix, count) : xasprintf("%d", count);
			n->number = xstrdup(mine);
		}
		number_sections(n, mine ? mine : NULL, numbered);
		free(mine);
	}
}

static int
blank_nodes(const doc_node *n)
{
	for (; n; n = n->next)
		if (n->kind != DOC_TEXT || !blank(n->text))
			return 0;
	return 1;
}

/* Can an empty <ref> to this node print something? (its number, label,
 * title or caption) */
static int
ref_has_words(const doc_node *t)
{
	if (t->kind == DOC_SECTION)
		return 1;
	if (t->kind == DOC_TABLE || t->kind == DOC_NOTE)
		for (const doc_node *c = t->first; c; c = c->next)
			if (c->kind == DOC_CAPTION || c->kind == DOC_TITLE)
				return 1;
	return 0;
}

static int
check_refs(const doc_document *doc, const doc_node *n, const char *file, diag *d)
{
	int rc = 0;
	for (; n; n = n->next) {
		const doc_node *t = n->kind == DOC_REF ? doc_lookup_id(doc, n->to) : NULL;
		if (n->kind == DOC_REF && !t)
			rc = diag_error(d, file, n->line, n->col,
			    "<ref to=\"%s\"> points at no element with that id", n->to);
		else if (t && blank_nodes(n->first) && !ref_has_words(t))
			rc = diag_error(d, file, n->line, n->col,
			    "<ref to=\"%s\"> is empty, and its target has no number, title or "
			    "caption to show: write the words inside <ref>", n->to);
		if (check_refs(doc, n->first, file, d) != 0)
			rc = -1;
	}
	return rc;
}

static int
count_depth(xmlNodePtr x, int depth)
{
	int max = depth;
	for (xmlNodePtr c = x->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		int m = count_depth(c, depth + 1);
		if (m > max)
			max = m;
		if (max > 64)
			return max;
	}
	return max;
}

/* Validates and converts a parsed document; data/len is its source text
 * (for columns) or NULL. Does not free x. */
static doc_document *
convert_doc(xmlDocPtr x, const char *data, size_t len, const char *name, const char *dir,
    diag *d)
{
	if (schema_load(d) != 0)
		return NULL;
	src_info src = { data, len, name, x, NULL, 0 };
	src_index(&src);
	xmlNodePtr root = xmlDocGetRootElement(x);
	doc_document *doc = NULL;
	if (!root || !root->ns || !xmlStrEqual(root->ns->href, (const xmlChar *)DOC_NS) ||
	    !xmlStrEqual(root->name, (const xmlChar *)"doc")) {
		diag_error(d, name, root ? (int)xmlGetLineNo(root) : 1, root ? node_col(&src, root) : 1,
		    "not a zorgdoc document: the root must be <doc xmlns=\"" DOC_NS "\">");
		goto out;
	}
	if (count_depth(root, 1) > 64) {
		diag_error(d, name, 1, 1, "the document is nested too deeply (more than 64 levels)");
		goto out;
	}
	valid_ctx vc = { d, &src, 0, 0 };
	xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(v, valid_error, &vc);
	int rc = xmlRelaxNGValidateDoc(v, x);
	xmlRelaxNGFreeValidCtxt(v);
	if (rc != 0) {
		if (vc.count == 0)
			diag_error(d, name, 0, 0, "the document does not match the vocabulary (schema/doc.rng)");
		goto out;
	}

	doc = xcalloc(1, sizeof *doc);
	doc->file = xstrdup(name);
	doc->dir = xstrdup(dir ? dir : ".");
	conv c = { .doc = doc, .src = &src, .d = d };
	xmlNodePtr meta = child(root, "meta");
	doc->title = child_text(meta, "title");
	doc->subject = child_text(meta, "subject");
	doc->author = child_text(meta, "author");
	doc->keywords = child_text(meta, "keywords");
	doc->language = child_text(meta, "language");
	doc->version = child_text(meta, "version");
	doc->date = child_text(meta, "date");
	doc->draft = child_text(meta, "draft");
	doc->kind = attr(root, "kind");
	xmlNodePtr style = child(root, "style");
	doc->font = style && attr_is(style, "font", "serif") ? DOC_FONT_SERIF : DOC_FONT_SANS;
	char *colour = style ? attr(style, "colour") : NULL;
	unsigned char rgb[3], text[3];
	if (colour && colour_parse(colour, rgb) == 0) {
		doc->has_colour = 1;
		colour_text_shade(rgb, text);
		for (int i = 0; i < 3; i++) {
			doc->colour[i] = rgb[i] / 255.0;
			doc->text_colour[i] = text[i] / 255.0;
		}
	}
	free(colour);
	xmlNodePtr lh = child(root, "letterhead");
	if (lh) {
		doc->has_letterhead = 1;
		doc->lh_name = child_text(lh, "name");
		doc->lh_lines = node_new(DOC_BODY, NULL);
		for (xmlNodePtr l = lh->children; l; l = l->next)
			if (l->type == XML_ELEMENT_NODE && xmlStrEqual(l->name, (const xmlChar *)"line"))
				convert_element(&c, l, doc->lh_lines);
		xmlNodePtr logo = child(lh, "logo");
		if (logo) {
			doc->logo_href = attr(logo, "href");
			doc->logo_line = (int)xmlGetLineNo(logo);
			doc->logo_col = node_col(&src, logo);
		}
	}
	convert_running(&c, child(root, "header"), &doc->header);
	convert_running(&c, child(root, "footer"), &doc->footer);
	doc->body = node_new(DOC_BODY, NULL);
	xmlNodePtr body = child(root, "body");
	doc->body->line = (int)xmlGetLineNo(body);
	convert_children(&c, body, doc->body);

	/* what the schema cannot say */
	int bad = 0;
	for (size_t i = 0; i < doc->nids; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(doc->ids[i]->id, doc->ids[j]->id) == 0) {
				diag_error(d, name, doc->ids[i]->line, doc->ids[i]->col,
				    "id \"%s\" is used twice (first on line %d)",
				    doc->ids[i]->id, doc->ids[j]->line);
				bad = 1;
				break;
			}
	if (check_refs(doc, doc->body->first, name, d) != 0)
		bad = 1;
	for (int i = 0; i < 3; i++)
		if (doc->header.slot[i] && check_refs(doc, doc->header.slot[i]->first, name, d) != 0)
			bad = 1;
	if (bad) {
		doc_free(doc);
		doc = NULL;
		goto out;
	}
	number_sections(doc->body, NULL, 0);
out:
	free(src.line_off);
	return doc;
}

doc_document *
doc_parse(const char *data, size_t len, const char *name, const char *dir, diag *d)
{
	xmlDocPtr x = xmlsafe_read_memory(data, len, name, d);
	if (!x)
		return NULL;
	doc_document *doc = convert_doc(x, data, len, name, dir, d);
	xmlFreeDoc(x);
	return doc;
}

doc_document *
doc_from_xml(xmlDocPtr x, const char *name, const char *dir, diag *d)
{
	return convert_doc(x, NULL, 0, name, dir, d);
}

doc_document *
doc_load(const char *path, diag *d)
{
	char *data;
	size_t len;
	if (fsio_read_file(path, XMLSAFE_MAX_BYTES, &data, &len, d) != 0)
		return NULL;
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else {
		free(dir);
		dir = xstrdup(".");
	}
	if (!*dir) {
		free(dir);
		dir = xstrdup("/");
	}
	doc_document *doc = doc_parse(data, len, path, dir, d);
	free(dir);
	free(data);
	return doc;
}
