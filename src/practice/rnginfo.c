/* rnginfo — reads schema/practice.rng itself, so that schema errors can
 * be phrased precisely: libxml2's RELAX NG validator says "did not expect
 * element X" or "element X failed to validate attributes" but not which
 * element is missing or which attribute is wrong. Given an element of a
 * practice file, this finds its definition in the schema (following the
 * path from the root), the child elements it requires, the attributes it
 * allows or requires and their allowed values. Handles the subset of
 * RELAX NG the practice schema uses (element, attribute, optional,
 * zeroOrMore, oneOrMore, group, choice, interleave, ref/define). */
#include "practice_int.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"

static int
rng_is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	    strcmp((const char *)n->ns->href, RNG_NS) == 0 && strcmp((const char *)n->name, name) == 0;
}

static const char *
rng_attr(xmlNodePtr n, const char *name)
{
	return practice_attr(n, name);
}

static xmlNodePtr
define_lookup(xmlDocPtr sdoc, const char *name)
{
	xmlNodePtr g = xmlDocGetRootElement(sdoc);
	for (xmlNodePtr c = g ? g->children : NULL; c; c = c->next)
		if (rng_is(c, "define") && name && strcmp(rng_attr(c, "name") ? rng_attr(c, "name") : "", name) == 0)
			return c;
	return NULL;
}

/* Visits the patterns directly inside `pat` (not inside nested elements):
 * fn(ud, node, required) for each <element> and <attribute>. */
typedef void (*visit_fn)(void *ud, xmlNodePtr pat, int required);

static void
visit(xmlDocPtr sdoc, xmlNodePtr pat, int required, visit_fn fn, void *ud, int depth)
{
	if (depth > 30)
		return;
	for (xmlNodePtr c = pat->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (rng_is(c, "element") || rng_is(c, "attribute")) {
			fn(ud, c, required);
		} else if (rng_is(c, "optional") || rng_is(c, "zeroOrMore") || rng_is(c, "choice")) {
			visit(sdoc, c, 0, fn, ud, depth + 1);
		} else if (rng_is(c, "oneOrMore") || rng_is(c, "group") || rng_is(c, "interleave")) {
			visit(sdoc, c, required, fn, ud, depth + 1);
		} else if (rng_is(c, "ref")) {
			xmlNodePtr def = define_lookup(sdoc, rng_attr(c, "name"));
			if (def)
				visit(sdoc, def, required, fn, ud, depth + 1);
		}
	}
}

typedef struct {
	const char *name;
	xmlNodePtr found;
} find_ud;

static void
find_elem(void *ud, xmlNodePtr pat, int required)
{
	find_ud *f = ud;
	if (!f->found && rng_is(pat, "element") && strcmp(rng_attr(pat, "name") ? rng_attr(pat, "name") : "", f->name) == 0)
		f->found = pat;
}

xmlNodePtr
rnginfo_def(xmlDocPtr sdoc, xmlNodePtr node)
{
	if (!node || node->type != XML_ELEMENT_NODE)
		return NULL;
	if (!node->parent || node->parent->type != XML_ELEMENT_NODE) {
		xmlNodePtr g = xmlDocGetRootElement(sdoc);
		for (xmlNodePtr c = g ? g->children : NULL; c; c = c->next)
			if (rng_is(c, "start")) {
				find_ud f = { (const char *)node->name, NULL };
				visit(sdoc, c, 1, find_elem, &f, 0);
				return f.found;
			}
		return NULL;
	}
	xmlNodePtr pdef = rnginfo_def(sdoc, node->parent);
	if (!pdef)
		return NULL;
	find_ud f = { (const char *)node->name, NULL };
	visit(sdoc, pdef, 1, find_elem, &f, 0);
	return f.found;
}

/* Collects the element names a choice offers (following refs); returns
 * 0 if an alternative is not a plain element (text, empty, group...). */
static int
choice_names(xmlDocPtr sdoc, xmlNodePtr choice, const char **names, int *n, int max, int depth)
{
	if (depth > 10)
		return 0;
	for (xmlNodePtr c = choice->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (rng_is(c, "element") && rng_attr(c, "name")) {
			if (*n < max)
				names[(*n)++] = rng_attr(c, "name");
		} else if (rng_is(c, "ref")) {
			xmlNodePtr def = define_lookup(sdoc, rng_attr(c, "name"));
			if (!def || !choice_names(sdoc, def, names, n, max, depth + 1))
				return 0;
		} else if (rng_is(c, "choice")) {
			if (!choice_names(sdoc, c, names, n, max, depth + 1))
				return 0;
		} else {
			return 0;
		}
	}
	return 1;
}

static void
missing_walk(xmlDocPtr sdoc, xmlNodePtr pat, xmlNodePtr inst, buf *b, int *n, int depth)
{
	if (depth > 30)
		return;
	for (xmlNodePtr c = pat->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (rng_is(c, "element")) {
			const char *name = rng_attr(c, "name");
			if (name && !practice_child(inst, name)) {
				if ((*n)++)
					buf_puts(b, ", ");
				buf_printf(b, "<%s>", name);
			}
		} else if (rng_is(c, "oneOrMore") || rng_is(c, "group") || rng_is(c, "interleave")) {
			missing_walk(sdoc, c, inst, b, n, depth + 1);
		} else if (rng_is(c, "ref")) {
			xmlNodePtr def = define_lookup(sdoc, rng_attr(c, "name"));
			if (def)
				missing_walk(sdoc, def, inst, b, n, depth + 1);
		} else if (rng_is(c, "choice")) {
			const char *names[16];
			int k = 0;
			if (!choice_names(sdoc, c, names, &k, 16, 0) || k == 0)
				continue;
			int present = 0;
			for (int i = 0; i < k && !present; i++)
				present = practice_child(inst, names[i]) != NULL;
			if (present)
				continue;
			if ((*n)++)
				buf_puts(b, ", ");
			for (int i = 0; i < k; i++)
				buf_printf(b, "%s<%s>", i == 0 ? "" : i == k - 1 ? " or " : ", ", names[i]);
		}
		/* optional, zeroOrMore, attribute, text...: nothing required */
	}
}

char *
rnginfo_missing_children(xmlDocPtr sdoc, xmlNodePtr def, xmlNodePtr inst)
{
	buf b = BUF_INIT;
	int n = 0;
	missing_walk(sdoc, def, inst, &b, &n, 0);
	if (n == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

int
rnginfo_allows_child(xmlDocPtr sdoc, xmlNodePtr def, const char *name)
{
	find_ud f = { name, NULL };
	visit(sdoc, def, 1, find_elem, &f, 0);
	return f.found != NULL;
}

/* Allowed values of an attribute pattern: "a, b, c", or NULL for text. */
static void
values_of(xmlDocPtr sdoc, xmlNodePtr pat, buf *b, int *n, int *text, int depth)
{
	if (depth > 10)
		return;
	for (xmlNodePtr c = pat->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (rng_is(c, "value")) {
			xmlChar *v = xmlNodeGetContent(c);
			if ((*n)++)
				buf_puts(b, ", ");
			buf_puts(b, (const char *)v);
			xmlFree(v);
		} else if (rng_is(c, "choice")) {
			values_of(sdoc, c, b, n, text, depth + 1);
		} else if (rng_is(c, "ref")) {
			xmlNodePtr def = define_lookup(sdoc, rng_attr(c, "name"));
			if (def)
				values_of(sdoc, def, b, n, text, depth + 1);
		} else if (rng_is(c, "text") || rng_is(c, "data") || rng_is(c, "list")) {
			*text = 1;
		}
	}
}

typedef struct {
	xmlDocPtr sdoc;
	xmlNodePtr inst;
	rnginfo_attr_fn fn;
	void *ud;
	xmlNodePtr *seen; /* attribute patterns of this element */
	size_t nseen;
} attr_ud;

static void
attr_visit(void *ud, xmlNodePtr pat, int required)
{
	attr_ud *a = ud;
	if (!rng_is(pat, "attribute"))
		return;
	const char *name = rng_attr(pat, "name");
	if (!name)
		return;
	if (a->nseen < 64)
		a->seen[a->nseen++] = pat;
	const char *v = practice_attr(a->inst, name);
	if (!v) {
		if (required)
			a->fn(a->ud, name, RNGINFO_ATTR_MISSING, NULL);
		return;
	}
	buf b = BUF_INIT;
	int n = 0, text = 0;
	values_of(a->sdoc, pat, &b, &n, &text, 0);
	if (n > 0 && !text) {
		int ok = 0;
		/* compare against each listed value */
		const char *s = buf_str(&b);
		size_t vl = strlen(v);
		for (const char *p = s; *p;) {
			const char *e = strstr(p, ", ");
			size_t l = e ? (size_t)(e - p) : strlen(p);
			if (l == vl && strncmp(p, v, l) == 0)
				ok = 1;
			p += l;
			if (e)
				p += 2;
		}
		if (!ok)
			a->fn(a->ud, name, RNGINFO_ATTR_BADVALUE, s);
	}
	buf_free(&b);
}

void
rnginfo_check_attrs(xmlDocPtr sdoc, xmlNodePtr def, xmlNodePtr inst, rnginfo_attr_fn fn, void *ud)
{
	xmlNodePtr seen[64];
	attr_ud a = { sdoc, inst, fn, ud, seen, 0 };
	visit(sdoc, def, 1, attr_visit, &a, 0);
	for (xmlAttrPtr at = inst->properties; at; at = at->next) {
		int known = 0;
		for (size_t i = 0; i < a.nseen && !known; i++) {
			const char *nm = rng_attr(seen[i], "name");
			known = nm && !at->ns && strcmp(nm, (const char *)at->name) == 0;
		}
		if (!known)
			fn(ud, (const char *)at->name, RNGINFO_ATTR_UNKNOWN, NULL);
	}
}

char *
rnginfo_text_values(xmlDocPtr sdoc, xmlNodePtr def)
{
	buf b = BUF_INIT;
	int n = 0, text = 0;
	values_of(sdoc, def, &b, &n, &text, 0);
	if (n == 0 || text) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}
