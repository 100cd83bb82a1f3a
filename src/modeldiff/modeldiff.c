/* modeldiff — compares two practice models (see modeldiff.h). Items with
 * an id are matched by id; per matched item every attribute and every
 * kind of child element is compared in canonical form and named as a
 * field. A few fields carry meaning the law cares about (location and
 * EEA, retention years, id lists such as categories, special data) and
 * decide whether a change is material. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <sodium.h>

#include "../practice/practice.h"
#include "modeldiff.h"

/* ---- canonical form -------------------------------------------------- */

static void
canon_text(const xmlChar *t, buf *out)
{
	int space = 0;
	for (const xmlChar *s = t; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = 1;
			continue;
		}
		if (space)
			buf_putc(out, ' ');
		space = 0;
		if (*s == '<')
			buf_puts(out, "&lt;");
		else if (*s == '&')
			buf_puts(out, "&amp;");
		else
			buf_putc(out, (char)*s);
	}
	if (space)
		buf_putc(out, ' ');
}

static int
cmp_attr(const void *a, const void *b)
{
	xmlAttrPtr x = *(xmlAttrPtr const *)a, y = *(xmlAttrPtr const *)b;
	return strcmp((const char *)x->name, (const char *)y->name);
}

static int
is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

static int
is_blank(const xmlChar *t)
{
	for (; t && *t; t++)
		if (!(*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r'))
			return 0;
	return 1;
}

/* Does element n have a text child that is not only whitespace? */
static int
has_text(xmlNodePtr n)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !is_blank(c->content))
			return 1;
	return 0;
}

/* Is there an element or text sibling before (after) n? Comments and
 * processing instructions do not count. */
static int
prev_content(xmlNodePtr n)
{
	for (n = n->prev; n; n = n->prev)
		if (n->type == XML_ELEMENT_NODE || n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			return 1;
	return 0;
}

static int
next_content(xmlNodePtr n)
{
	for (n = n->next; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE || n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			return 1;
	return 0;
}

void
modeldiff_canon(xmlNodePtr n, int skip_policy_version, buf *out)
{
	if (!n)
		return;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		/* whitespace only: layout, unless the parent has text of its own
		 * (mixed content such as a passage paragraph) */
		if (is_blank(n->content) && !has_text(n->parent))
			return;
		buf t = BUF_INIT;
		canon_text(n->content ? n->content : BAD_CAST "", &t);
		const char *s = t.s ? t.s : "";
		size_t len = t.len;
		if (!prev_content(n) && len && s[0] == ' ') {
			s++;
			len--;
		}
		if (!next_content(n) && len && s[len - 1] == ' ')
			len--;
		buf_append(out, s, len);
		buf_free(&t);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	buf_printf(out, "<%s", (const char *)n->name);
	size_t na = 0;
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		na++;
	xmlAttrPtr *as = xcalloc(na ? na : 1, sizeof *as);
	na = 0;
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		as[na++] = a;
	qsort(as, na, sizeof *as, cmp_attr);
	int policy = skip_policy_version && is_el(n, "policy");
	for (size_t i = 0; i < na; i++) {
		if (policy && (xmlStrEqual(as[i]->name, BAD_CAST "version") ||
		    xmlStrEqual(as[i]->name, BAD_CAST "effective")))
			continue;
		xmlChar *v = xmlNodeListGetString(n->doc, as[i]->children, 1);
		buf_printf(out, " %s=\"", (const char *)as[i]->name);
		canon_text(v ? v : BAD_CAST "", out);
		buf_putc(out, '"');
		xmlFree(v);
	}
	free(as);
	buf_putc(out, '>');
	for (xmlNodePtr c = n->children; c; c = c->next)
		modeldiff_canon(c, skip_policy_version, out);
	buf_printf(out, "</%s>", (const char *)n->name);
}

static void
sha_hex(const char *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)data, len);
	for (size_t i = 0; i < sizeof h; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

void
modeldiff_model_sha(xmlDocPtr model, char out[65])
{
	buf b = BUF_INIT;
	modeldiff_canon(xmlDocGetRootElement(model), 1, &b);
	sha_hex(b.s ? b.s : "", b.len, out);
	buf_free(&b);
}

/* ---- helpers ----------------------------------------------------------- */

static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

static char *
attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = n ? xmlGetProp(n, BAD_CAST name) : NULL;
	if (!v)
		return NULL;
	char *r = xstrdup((const char *)v);
	xmlFree(v);
	return r;
}

static char *
norm_content(xmlNodePtr n)
{
	if (!n)
		return NULL;
	xmlChar *v = xmlNodeGetContent(n);
	buf b = BUF_INIT;
	canon_text(v ? v : BAD_CAST "", &b);
	xmlFree(v);
	char *s = buf_detach(&b);
	if (!s)
		return xstrdup("");
	/* trim the single spaces canon_text keeps at both ends */
	char *p = s;
	while (*p == ' ')
		p++;
	size_t l = strlen(p);
	while (l && p[l - 1] == ' ')
		l--;
	char *r = xstrndup(p, l);
	free(s);
	return r;
}

static char *
canon_str(xmlNodePtr n)
{
	buf b = BUF_INIT;
	modeldiff_canon(n, 1, &b);
	char *s = buf_detach(&b);
	return s ? s : xstrdup("");
}

/* Collects the elements at path (local names below the root). */
typedef struct {
	xmlNodePtr *v;
	size_t n, cap;
} nodes;

static void
nodes_push(nodes *ns, xmlNodePtr n)
{
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? 2 * ns->cap : 16;
		ns->v = xrealloc(ns->v, ns->cap * sizeof *ns->v);
	}
	ns->v[ns->n++] = n;
}

static void
collect(xmlNodePtr n, const char *const *path, nodes *out)
{
	if (!*path) {
		nodes_push(out, n);
		return;
	}
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (is_el(c, path[0]))
			collect(c, path + 1, out);
}

static xmlNodePtr
find_key(const nodes *ns, const char *key, const char *val)
{
	for (size_t i = 0; i < ns->n; i++) {
		char *v = attr(ns->v[i], key);
		int eq = v && strcmp(v, val) == 0;
		free(v);
		if (eq)
			return ns->v[i];
	}
	return NULL;
}

/* The element anywhere in the model with this id. */
static xmlNodePtr
by_id(xmlNodePtr n, const char *id)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		char *v = attr(c, "id");
		int eq = v && strcmp(v, id) == 0;
		free(v);
		if (eq)
			return c;
		xmlNodePtr r = by_id(c, id);
		if (r)
			return r;
	}
	return NULL;
}

/* ---- the collections --------------------------------------------------- */

typedef struct {
	const char *area;        /* what the change is about, e.g. processor */
	const char *part;        /* the top-level model element it lives in */
	const char *path[4];     /* element path from the root */
	const char *key;         /* matching attribute */
	const char *name_child;  /* child holding the display name, or NULL */
	const char *name_attr;   /* attribute holding it, or NULL: the content */
	const char *added_why;   /* material reason when added, or NULL */
	const char *skip_child;  /* child elements that are items of their own */
} collection;

static const collection collections[] = {
	{ "processor", "processors", { "processors", "processor", NULL }, "id", "name", NULL, "new-processor", NULL },
	{ "recipient", "sharing", { "sharing", "recipient", NULL }, "id", "name", NULL, "new-recipient", NULL },
	{ "purpose", "purposes", { "purposes", "purpose", NULL }, "id", "name", NULL, "new-purpose", NULL },
	{ "group", "data", { "data", "group", NULL }, "id", "name", NULL, "new-group", "category" },
	{ "category", "data", { "data", "group", "category", NULL }, "id", "name", NULL, "new-category", NULL },
	{ "source", "data", { "data", "sources", "source", NULL }, "id", "name", NULL, NULL, NULL },
	{ "retention", "retention", { "retention", "rule", NULL }, "id", "name", NULL, NULL, NULL },
	{ "channel", "communication", { "communication", "channel", NULL }, "id", "name", NULL, NULL, NULL },
	{ "measure", "security", { "security", "measure", NULL }, "id", NULL, NULL, NULL, NULL },
	{ "cookie", "cookies", { "cookies", "cookie", NULL }, "id", NULL, "name", NULL, NULL },
	{ "tariff", "tariffs", { "tariffs", "tariff", NULL }, "id", "description", NULL, NULL, NULL },
	{ "passage", "passages", { "passages", "passage", NULL }, "id", "title", NULL, NULL, NULL },
};

/* Sections compared as a whole. */
static const char *const singletons[] = {
	"policy", "identity", "dossier", "rights", "zorgnota", "invoicing", "minors",
	"processor-agreement",
};

/* Attributes holding id lists: what was added and removed is named. */
static int
is_idlist(const char *a)
{
	return strcmp(a, "categories") == 0 || strcmp(a, "purposes") == 0 ||
	    strcmp(a, "sources") == 0;
}

typedef struct {
	xmlNodePtr root;         /* <changes> */
	xmlNsPtr ns;
	xmlNodePtr old_root, new_root;
	int material;
} ctx;

static xmlNodePtr
add_change(ctx *c, const collection *col, const char *area, const char *part,
    const char *op, const char *id, const char *name)
{
	xmlNodePtr ch = xmlNewChild(c->root, c->ns, BAD_CAST "change", NULL);
	xmlNewProp(ch, BAD_CAST "area", BAD_CAST area);
	xmlNewProp(ch, BAD_CAST "part", BAD_CAST part);
	xmlNewProp(ch, BAD_CAST "op", BAD_CAST op);
	if (id)
		xmlNewProp(ch, BAD_CAST "id", BAD_CAST id);
	if (name)
		xmlNewTextChild(ch, c->ns, BAD_CAST "name", BAD_CAST name);
	(void)col;
	return ch;
}

static void
mark_material(ctx *c, xmlNodePtr ch, const char *why)
{
	if (!xmlHasProp(ch, BAD_CAST "material")) {
		xmlNewProp(ch, BAD_CAST "material", BAD_CAST "yes");
		xmlNewProp(ch, BAD_CAST "why", BAD_CAST why);
	}
	c->material++;
}

static char *
item_name(const collection *col, xmlNodePtr n)
{
	if (col->name_attr)
		return attr(n, col->name_attr);
	if (col->name_child) {
		xmlNodePtr nc = child(n, col->name_child);
		if (nc)
			return norm_content(nc);
		return attr(n, col->key);
	}
	return norm_content(n);
}

static xmlNodePtr
add_field(ctx *c, xmlNodePtr ch, const char *name, const char *old, const char *nw)
{
	xmlNodePtr f = xmlNewChild(ch, c->ns, BAD_CAST "field", NULL);
	xmlNewProp(f, BAD_CAST "name", BAD_CAST name);
	if (old)
		xmlNewTextChild(f, c->ns, BAD_CAST "old", BAD_CAST old);
	if (nw)
		xmlNewTextChild(f, c->ns, BAD_CAST "new", BAD_CAST nw);
	return f;
}

/* The display name of the element with id `id` in model root (owned). */
static char *
ref_name(xmlNodePtr root, const char *id)
{
	xmlNodePtr n = by_id(root, id);
	xmlNodePtr nm = n ? child(n, "name") : NULL;
	return nm ? norm_content(nm) : xstrdup(id);
}

static int
has_token(const char *list, const char *tok)
{
	size_t tl = strlen(tok);
	for (const char *p = list ? list : ""; *p;) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		if ((size_t)(e - p) == tl && strncmp(p, tok, tl) == 0)
			return 1;
		p = e;
	}
	return 0;
}

/* Adds <added>/<removed> names for the tokens of an id-list attribute;
 * returns the number added. */
static int
idlist_field(ctx *c, xmlNodePtr f, const char *old, const char *nw, const char *which,
    const char *other, xmlNodePtr root)
{
	int n = 0;
	for (const char *p = nw ? nw : ""; *p;) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		if (e > p) {
			char *tok = xstrndup(p, (size_t)(e - p));
			if (!has_token(old, tok)) {
				char *nm = ref_name(root, tok);
				xmlNodePtr a = xmlNewTextChild(f, c->ns, BAD_CAST which, BAD_CAST nm);
				xmlNewProp(a, BAD_CAST "ref", BAD_CAST tok);
				free(nm);
				n++;
			}
			free(tok);
		}
		p = e;
	}
	(void)other;
	return n;
}

static int
eea_no(xmlNodePtr loc)
{
	char *v = attr(loc, "eea");
	int r = v && strcmp(v, "no") == 0;
	free(v);
	return r;
}

static char *
country(xmlNodePtr loc)
{
	char *v = attr(loc, "country");
	if (v)
		return v;
	return xstrdup(eea_no(loc) ? "-" : "EEA");
}

/* Sub-processors outside the EEA, by name (canonical), as one string. */
static int
outside_subs(xmlNodePtr proc, const char *name)
{
	for (xmlNodePtr s = proc ? proc->children : NULL; s; s = s->next) {
		if (!is_el(s, "sub-processor") || !eea_no(child(s, "location")))
			continue;
		if (!name)
			return 1;
		char *nm = norm_content(child(s, "name"));
		int eq = nm && strcmp(nm, name) == 0;
		free(nm);
		if (eq)
			return 1;
	}
	return 0;
}

/* A new transfer outside the EEA by processor n (old: its previous
 * version, or NULL when added): adds a transfer field naming the
 * country and marks the change material. */
static void
check_transfer(ctx *c, xmlNodePtr ch, xmlNodePtr old, xmlNodePtr n)
{
	xmlNodePtr loc = child(n, "location");
	if (eea_no(loc) && !(old && eea_no(child(old, "location")))) {
		char *cn = country(loc);
		add_field(c, ch, "transfer", NULL, cn);
		free(cn);
		mark_material(c, ch, "transfer");
	}
	for (xmlNodePtr s = n->children; s; s = s->next) {
		if (!is_el(s, "sub-processor") || !eea_no(child(s, "location")))
			continue;
		char *nm = norm_content(child(s, "name"));
		if (!old || !outside_subs(old, nm)) {
			char *cn = country(child(s, "location"));
			xmlNodePtr f = add_field(c, ch, "sub-transfer", NULL, cn);
			xmlNewTextChild(f, c->ns, BAD_CAST "added", BAD_CAST(nm ? nm : ""));
			free(cn);
			mark_material(c, ch, "transfer");
		}
		free(nm);
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Compares two matched items field by field. */
/* The canonical form of n without its child elements called skip. */
static char *
canon_skip(xmlNodePtr n, const char *skip)
{
	if (!skip)
		return canon_str(n);
	buf b = BUF_INIT;
	xmlNodePtr copy = xmlCopyNode(n, 1);
	for (xmlNodePtr k = copy->children, next; k; k = next) {
		next = k->next;
		if (is_el(k, skip)) {
			xmlUnlinkNode(k);
			xmlFreeNode(k);
		}
	}
	modeldiff_canon(copy, 1, &b);
	xmlFreeNode(copy);
	char *s = buf_detach(&b);
	return s ? s : xstrdup("");
}

static void
compare_item(ctx *c, const collection *col, xmlNodePtr o, xmlNodePtr n, const char *id)
{
	char *co = canon_skip(o, col->skip_child), *cn = canon_skip(n, col->skip_child);
	int same = strcmp(co, cn) == 0;
	free(co);
	free(cn);
	if (same)
		return;
	char *name = item_name(col, n);
	xmlNodePtr ch = add_change(c, col, col->area, col->part, "changed", id, name);
	free(name);

	/* attributes, in name order */
	char *names[64];
	size_t nn = 0;
	for (int side = 0; side < 2; side++)
		for (xmlAttrPtr a = (side ? n : o)->properties; a && nn < 64; a = a->next) {
			int seen = 0;
			for (size_t i = 0; i < nn; i++)
				seen |= strcmp(names[i], (const char *)a->name) == 0;
			if (!seen)
				names[nn++] = xstrdup((const char *)a->name);
		}
	qsort(names, nn, sizeof *names, cmp_str);
	for (size_t i = 0; i < nn; i++) {
		char *ov = attr(o, names[i]), *nv = attr(n, names[i]);
		if (!(ov && nv && strcmp(ov, nv) == 0) && (ov || nv)) {
			if (is_idlist(names[i])) {
				xmlNodePtr f = add_field(c, ch, names[i], NULL, NULL);
				int added = idlist_field(c, f, ov, nv, "added", "removed", c->new_root);
				idlist_field(c, f, nv, ov, "removed", "added", c->old_root);
				if (added && strcmp(names[i], "categories") == 0 &&
				    (strcmp(col->area, "processor") == 0 || strcmp(col->area, "recipient") == 0 ||
				     strcmp(col->area, "purpose") == 0))
					mark_material(c, ch, "more-data");
			} else {
				add_field(c, ch, names[i], ov, nv);
				if (strcmp(col->area, "retention") == 0 && strcmp(names[i], "years") == 0 &&
				    ov && nv && atoi(nv) > atoi(ov))
					mark_material(c, ch, "longer-retention");
				if (strcmp(col->area, "category") == 0 && strcmp(names[i], "special") == 0 &&
				    nv && strcmp(nv, "yes") == 0)
					mark_material(c, ch, "special-data");
			}
		}
		free(ov);
		free(nv);
		free(names[i]);
	}

	/* child elements, grouped by name, in order of first appearance */
	const char *kinds[64];
	size_t nk = 0;
	for (int side = 0; side < 2; side++)
		for (xmlNodePtr k = (side ? n : o)->children; k && nk < 64; k = k->next) {
			if (k->type != XML_ELEMENT_NODE)
				continue;
			if (col->skip_child && xmlStrEqual(k->name, BAD_CAST col->skip_child))
				continue;
			int seen = 0;
			for (size_t i = 0; i < nk; i++)
				seen |= strcmp(kinds[i], (const char *)k->name) == 0;
			if (!seen)
				kinds[nk++] = (const char *)k->name;
		}
	int is_proc = strcmp(col->area, "processor") == 0;
	for (size_t i = 0; i < nk; i++) {
		buf bo = BUF_INIT, bn = BUF_INIT;
		for (xmlNodePtr k = o->children; k; k = k->next)
			if (is_el(k, kinds[i]))
				modeldiff_canon(k, 1, &bo);
		for (xmlNodePtr k = n->children; k; k = k->next)
			if (is_el(k, kinds[i]))
				modeldiff_canon(k, 1, &bn);
		int differ = strcmp(bo.s ? bo.s : "", bn.s ? bn.s : "") != 0;
		buf_free(&bo);
		buf_free(&bn);
		if (!differ)
			continue;
		if (is_proc && strcmp(kinds[i], "location") == 0) {
			char *oc = country(child(o, "location")), *nc = country(child(n, "location"));
			if (!eea_no(child(n, "location")) || eea_no(child(o, "location")))
				add_field(c, ch, "location", oc, nc);
			free(oc);
			free(nc);
		} else if (is_proc && strcmp(kinds[i], "sub-processor") == 0) {
			add_field(c, ch, "sub-processor", NULL, NULL);
		} else {
			/* text of single children is shown; lists only named */
			xmlNodePtr ok = child(o, kinds[i]), nk2 = child(n, kinds[i]);
			int single = (!ok || !ok->next || !is_el(ok->next, kinds[i])) &&
			    (!nk2 || !nk2->next || !is_el(nk2->next, kinds[i]));
			char *ot = single && ok ? norm_content(ok) : NULL;
			char *nt = single && nk2 ? norm_content(nk2) : NULL;
			add_field(c, ch, kinds[i], ot, nt);
			free(ot);
			free(nt);
		}
	}
	if (is_proc)
		check_transfer(c, ch, o, n);
}

static void
diff_collection(ctx *c, const collection *col)
{
	nodes on = { 0 }, nn = { 0 };
	collect(c->old_root, col->path, &on);
	collect(c->new_root, col->path, &nn);
	for (size_t i = 0; i < nn.n; i++) {
		char *id = attr(nn.v[i], col->key);
		if (!id)
			continue;
		xmlNodePtr o = find_key(&on, col->key, id);
		if (!o) {
			char *name = item_name(col, nn.v[i]);
			xmlNodePtr ch = add_change(c, col, col->area, col->part, "added", id, name);
			free(name);
			if (col->added_why)
				mark_material(c, ch, col->added_why);
			if (strcmp(col->area, "processor") == 0)
				check_transfer(c, ch, NULL, nn.v[i]);
		} else {
			compare_item(c, col, o, nn.v[i], id);
		}
		free(id);
	}
	for (size_t i = 0; i < on.n; i++) {
		char *id = attr(on.v[i], col->key);
		if (id && !find_key(&nn, col->key, id)) {
			char *name = item_name(col, on.v[i]);
			add_change(c, col, col->area, col->part, "removed", id, name);
			free(name);
		}
		free(id);
	}
	free(on.v);
	free(nn.v);
}

static void
diff_singleton(ctx *c, const char *part)
{
	xmlNodePtr o = child(c->old_root, part), n = child(c->new_root, part);
	char *co = o ? canon_str(o) : xstrdup(""), *cn = n ? canon_str(n) : xstrdup("");
	if (strcmp(co, cn) != 0) {
		const char *op = !o ? "added" : !n ? "removed" : "changed";
		xmlNodePtr ch = add_change(c, NULL, part, part, op, NULL, NULL);
		if (strcmp(part, "policy") == 0) {
			char *oa = attr(o, "address"), *na = attr(n, "address");
			add_field(c, ch, "address", oa, na);
			free(oa);
			free(na);
		}
		if (strcmp(part, "minors") == 0) {
			char *ot = attr(o, "treated"), *nt = attr(n, "treated");
			if (nt && strcmp(nt, "yes") == 0 && !(ot && strcmp(ot, "yes") == 0))
				mark_material(c, ch, "minors");
			free(ot);
			free(nt);
		}
	}
	free(co);
	free(cn);
}

static int
is_practice(xmlDocPtr doc)
{
	xmlNodePtr r = doc ? xmlDocGetRootElement(doc) : NULL;
	return r && is_el(r, "practice") && r->ns &&
	    xmlStrEqual(r->ns->href, BAD_CAST PRACTICE_NS);
}

static xmlDocPtr
new_changes(xmlNsPtr *ns)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "changes", NULL);
	*ns = xmlNewNs(root, BAD_CAST MODELDIFF_NS, NULL);
	xmlSetNs(root, *ns);
	xmlDocSetRootElement(doc, root);
	return doc;
}

static void
set_policy_attrs(xmlNodePtr root, xmlNodePtr model_root, const char *pre)
{
	xmlNodePtr pol = child(model_root, "policy");
	char *v = attr(pol, "version"), *e = attr(pol, "effective");
	char *an = xasprintf("%s-version", pre), *ae = xasprintf("%s-effective", pre);
	xmlSetProp(root, BAD_CAST an, BAD_CAST(v ? v : ""));
	xmlSetProp(root, BAD_CAST ae, BAD_CAST(e ? e : ""));
	free(an);
	free(ae);
	free(v);
	free(e);
}

xmlDocPtr
modeldiff_run(xmlDocPtr old_model, xmlDocPtr new_model, diag *d)
{
	if (!is_practice(old_model) || !is_practice(new_model)) {
		diag_error(d, NULL, 0, 0, "diff: both files must be practice models (%s)", PRACTICE_NS);
		return NULL;
	}
	ctx c = { 0 };
	xmlDocPtr doc = new_changes(&c.ns);
	c.root = xmlDocGetRootElement(doc);
	c.old_root = xmlDocGetRootElement(old_model);
	c.new_root = xmlDocGetRootElement(new_model);
	set_policy_attrs(c.root, c.old_root, "from");
	set_policy_attrs(c.root, c.new_root, "to");
	diff_singleton(&c, "policy");
	diff_singleton(&c, "identity");
	for (size_t i = 0; i < sizeof collections / sizeof collections[0]; i++)
		diff_collection(&c, &collections[i]);
	for (size_t i = 2; i < sizeof singletons / sizeof singletons[0]; i++)
		diff_singleton(&c, singletons[i]);
	xmlSetProp(c.root, BAD_CAST "material", BAD_CAST(c.material ? "yes" : "no"));
	return doc;
}

xmlDocPtr
modeldiff_empty(const char *version, const char *effective)
{
	xmlNsPtr ns;
	xmlDocPtr doc = new_changes(&ns);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlSetProp(root, BAD_CAST "from-version", BAD_CAST "");
	xmlSetProp(root, BAD_CAST "from-effective", BAD_CAST "");
	xmlSetProp(root, BAD_CAST "to-version", BAD_CAST(version ? version : ""));
	xmlSetProp(root, BAD_CAST "to-effective", BAD_CAST(effective ? effective : ""));
	xmlSetProp(root, BAD_CAST "material", BAD_CAST "no");
	return doc;
}

/* Does change ch belong to one of parts? */
static int
in_parts(xmlNodePtr ch, const char *parts)
{
	char *part = attr(ch, "part"), *id = attr(ch, "id");
	int r = 0;
	for (const char *p = parts; *p && !r;) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		const char *slash = memchr(p, '/', (size_t)(e - p));
		size_t pl = (size_t)((slash ? slash : e) - p);
		if (part && strlen(part) == pl && strncmp(part, p, pl) == 0) {
			if (!slash)
				r = 1;
			else
				r = id && strlen(id) == (size_t)(e - slash - 1) &&
				    strncmp(id, slash + 1, (size_t)(e - slash - 1)) == 0;
		}
		p = e;
	}
	free(part);
	free(id);
	return r;
}

xmlDocPtr
modeldiff_filter(xmlDocPtr changes, const char *parts)
{
	xmlDocPtr copy = xmlCopyDoc(changes, 1);
	if (!parts)
		return copy;
	xmlNodePtr root = xmlDocGetRootElement(copy);
	int material = 0;
	for (xmlNodePtr ch = root ? root->children : NULL, next; ch; ch = next) {
		next = ch->next;
		if (!is_el(ch, "change"))
			continue;
		if (!in_parts(ch, parts)) {
			xmlUnlinkNode(ch);
			xmlFreeNode(ch);
		} else if (xmlHasProp(ch, BAD_CAST "material")) {
			material = 1;
		}
	}
	if (root)
		xmlSetProp(root, BAD_CAST "material", BAD_CAST(material ? "yes" : "no"));
	return copy;
}

int
modeldiff_count(xmlDocPtr changes, int *material)
{
	int n = 0, m = 0;
	xmlNodePtr root = changes ? xmlDocGetRootElement(changes) : NULL;
	for (xmlNodePtr ch = root ? root->children : NULL; ch; ch = ch->next)
		if (is_el(ch, "change")) {
			n++;
			m += xmlHasProp(ch, BAD_CAST "material") != NULL;
		}
	if (material)
		*material = m;
	return n;
}
