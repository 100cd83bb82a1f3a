/* semantics — the checks of meaning that the schema cannot make: ids are
 * unique, references resolve to the right kind of element, dates are real
 * dates, codes and numbers are well-formed (IBAN mod 97, KvK, AGB, BIC,
 * postcode, e-mail, web addresses, amounts), required text is not empty,
 * the logo file exists. Runs over any parsed document (also one that
 * failed the schema), so that all problems are reported at once. */
#include "practice_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/hash.h>
#include <libxml/xmlstring.h>

#include "../base/buf.h"
#include "validate.h"

typedef struct {
	const char *path;
	const char *src;
	size_t len;
	diag *d;
	int errors;
	xmlHashTablePtr ids; /* id -> xmlNodePtr */
} sem;

static void
err(sem *s, xmlNodePtr node, const char *attr, const char *msg)
{
	practice_report(s->d, DIAG_ERROR, s->path, s->src, s->len, node, attr, "%s", msg);
	s->errors++;
}

/* An id or keyword as it may appear in a message: only short NCName-like
 * tokens are shown, anything else (which may be personal text put in the
 * wrong place) is not. */
static const char *
shown(const char *v)
{
	size_t n = strlen(v);
	if (n == 0 || n > 40)
		return "(not shown)";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.'))
			return "(not shown)";
	}
	return v;
}

/* Elements whose text may not be empty. */
static const char *const text_required[] = {
	"name", "role", "capacity", "tagline", "street", "postcode", "city", "country",
	"email", "phone", "website", "kvk", "agb-practice", "agb-therapist", "iban",
	"bic", "vat-number", "abbreviation", "membership-number", "number", "colour",
	"description", "legitimate-interest", "consequence", "law", "item", "note",
	"processing", "use", "when", "security", "measure", "title", "p", "legal-form",
	NULL
};

static int
in_list(const char *const *list, const char *s)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

static int
has_element_child(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

static const char *
parent_name(xmlNodePtr n)
{
	return n->parent && n->parent->type == XML_ELEMENT_NODE ? (const char *)n->parent->name : "";
}

/* Checks a text value with a validator; reports its reason. */
static void
check_text(sem *s, xmlNodePtr n, const char *(*fn)(const char *))
{
	char *t = practice_text(n);
	if (*t) {
		const char *why = fn(t);
		if (why)
			err(s, n, NULL, why);
	}
	free(t);
}

static void
check_attr(sem *s, xmlNodePtr n, const char *attr, const char *(*fn)(const char *))
{
	const char *v = practice_attr(n, attr);
	if (!v)
		return;
	const char *why = fn(v);
	if (why)
		err(s, n, attr, why);
}

static void
check_uint(sem *s, xmlNodePtr n, const char *attr, long long min, long long max)
{
	const char *v = practice_attr(n, attr);
	if (!v || !validate_uint(v, min, max, NULL))
		return;
	char *m = strcmp(attr, "amount-cents") == 0 || strcmp(attr, "liability-cap-cents") == 0 ?
	    xasprintf("must be a whole number of cents from %lld to %lld (8500 for 85,00 euro)", min, max) :
	    xasprintf("must be a whole number from %lld to %lld", min, max);
	err(s, n, attr, m);
	free(m);
}

static const char *
validate_country(const char *v)
{
	if (strlen(v) != 2 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z')
		return "a country is a two-letter ISO 3166 code such as NL";
	return NULL;
}

static const char *
validate_phone(const char *v)
{
	int digits = 0;
	for (const char *p = v; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" +-()", *p))
			return "a phone number has only digits, spaces, +, - and parentheses";
	}
	if (digits < 9 || digits > 15)
		return "a phone number has 9 to 15 digits";
	return NULL;
}

static const char *
validate_href(const char *v)
{
	if (strncmp(v, "mailto:", 7) == 0)
		return validate_email(v + 7);
	return validate_url(v);
}

static const char *
validate_nonempty(const char *v)
{
	for (const char *p = v; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return NULL;
	return "must not be empty";
}

static void
check_logo(sem *s, xmlNodePtr n)
{
	const char *f = practice_attr(n, "file");
	if (!f)
		return;
	if (!*f || f[0] == '/' || strstr(f, "..") || strchr(f, '\\')) {
		err(s, n, "file", "the logo is a file name relative to the practice file, without '..'");
		return;
	}
	const char *slash = strrchr(s->path, '/');
	char *full = slash ? xasprintf("%.*s/%s", (int)(slash - s->path), s->path, f) : xstrdup(f);
	struct stat st;
	if (stat(full, &st) != 0 || !S_ISREG(st.st_mode))
		err(s, n, "file", "the logo file does not exist next to the practice file");
	free(full);
}

/* Elements that hold a name, an address part or a code: short. */
static const char *const text_short[] = {
	"name", "legal-form", "tagline", "role", "capacity", "street", "postcode", "city",
	"country", "email", "phone", "website", "kvk", "agb-practice", "agb-therapist", "iban",
	"bic", "vat-number", "abbreviation", "membership-number", "number", "colour", "title",
	NULL
};

#define SHORT_MAX 200    /* characters of a name, address part or code */
#define TEXT_MAX 100000  /* characters of any other text (some 30 pages) */
#define ATTR_MAX 1000    /* characters of an attribute value */

/* Lengths no document needs (a name of a million characters would take
 * every document that prints it seconds to set, and pages to show): the
 * text of n and its attributes. Long words are allowed: the layout breaks
 * them over lines. */
static void
check_lengths(sem *s, xmlNodePtr n)
{
	int is_short = in_list(text_short, (const char *)n->name);
	long len = 0;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE && c->content)
			for (const unsigned char *p = c->content; *p; p++)
				len += (*p & 0xC0) != 0x80; /* characters, not bytes */
	long max = is_short ? SHORT_MAX : TEXT_MAX;
	if (len > max) {
		char *m = xasprintf("is %ld characters long; at most %ld are allowed%s", len, max,
		    is_short ? " for a name, an address or a code" : "");
		err(s, n, NULL, m);
		free(m);
	}
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		const xmlChar *v = a->children ? a->children->content : NULL;
		if (v && xmlUTF8Strlen(v) > ATTR_MAX) {
			char *m = xasprintf("is %d characters long; at most %d are allowed",
			    xmlUTF8Strlen(v), ATTR_MAX);
			err(s, n, (const char *)a->name, m);
			free(m);
		}
	}
}

static void
check_values(sem *s, xmlNodePtr n)
{
	const char *name = (const char *)n->name;
	const char *parent = parent_name(n);

	check_lengths(s, n);

	if (in_list(text_required, name) && !has_element_child(n)) {
		char *t = practice_text(n);
		if (!*t)
			err(s, n, NULL, "must not be empty");
		free(t);
	}
	if (strcmp(name, "policy") == 0) {
		check_attr(s, n, "effective", validate_date);
		check_attr(s, n, "version", validate_nonempty);
	} else if (strcmp(name, "postcode") == 0) {
		xmlNodePtr country = practice_child(n->parent, "country");
		char *c = country ? practice_text(country) : xstrdup("NL");
		if (strcmp(c, "NL") == 0)
			check_text(s, n, validate_postcode_nl);
		free(c);
	} else if (strcmp(name, "country") == 0) {
		check_text(s, n, validate_country);
	} else if (strcmp(name, "email") == 0) {
		check_text(s, n, validate_email);
	} else if (strcmp(name, "phone") == 0) {
		check_text(s, n, validate_phone);
	} else if (strcmp(name, "website") == 0) {
		check_text(s, n, validate_url);
	} else if (strcmp(name, "kvk") == 0) {
		check_text(s, n, validate_kvk);
	} else if (strcmp(name, "agb-practice") == 0 || strcmp(name, "agb-therapist") == 0) {
		check_text(s, n, validate_agb);
	} else if (strcmp(name, "iban") == 0) {
		check_text(s, n, validate_iban);
	} else if (strcmp(name, "bic") == 0) {
		check_text(s, n, validate_bic);
	} else if (strcmp(name, "vat-number") == 0) {
		check_text(s, n, validate_vat_number);
	} else if (strcmp(name, "colour") == 0) {
		check_text(s, n, validate_colour);
	} else if (strcmp(name, "logo") == 0) {
		check_logo(s, n);
	} else if (strcmp(name, "link") == 0) {
		check_attr(s, n, "href", validate_href);
	} else if (strcmp(name, "processor") == 0 && strcmp(parent, "processors") == 0) {
		check_attr(s, n, "agreement-date", validate_date);
	} else if (strcmp(name, "location") == 0) {
		check_attr(s, n, "country", validate_country);
	} else if (strcmp(name, "rule") == 0) {
		check_uint(s, n, "years", 0, 200);
	} else if (strcmp(name, "tariff") == 0) {
		check_uint(s, n, "amount-cents", 0, 100000000);
		check_uint(s, n, "minutes", 1, 1440);
		check_attr(s, n, "prestatiecode", validate_prestatiecode);
	} else if (strcmp(name, "invoicing") == 0) {
		check_attr(s, n, "number-pattern", validate_number_pattern);
		check_attr(s, n, "credit-pattern", validate_number_pattern);
		check_uint(s, n, "payment-days", 0, 365);
	} else if (strcmp(name, "rights") == 0) {
		check_uint(s, n, "response-days", 1, 90);
	} else if (strcmp(name, "minors") == 0) {
		check_uint(s, n, "own-consent-from", 0, 18);
	} else if (strcmp(name, "processor-agreement") == 0) {
		check_uint(s, n, "notice-days", 0, 365);
		check_uint(s, n, "breach-hours", 1, 8760);
		check_uint(s, n, "liability-cap-cents", 0, 100000000000LL);
		check_attr(s, n, "governing-law", validate_country);
	} else if (strcmp(name, "cookie") == 0) {
		check_attr(s, n, "lifetime", validate_lifetime);
		check_attr(s, n, "name", validate_nonempty);
		check_attr(s, n, "provider", validate_nonempty);
	}
}

/* Each element's @id goes into the table; a second use is an error. */
static void
collect_id(sem *s, xmlNodePtr n)
{
	const char *id = practice_attr(n, "id");
	if (!id || !*id)
		return;
	xmlNodePtr first = xmlHashLookup(s->ids, (const xmlChar *)id);
	if (first) {
		int line = 0, col = 0;
		practice_locate(s->src, s->len, first, "id", &line, &col);
		char *m = xasprintf("id '%s' is already used on line %d", shown(id), line);
		err(s, n, "id", m);
		free(m);
		return;
	}
	xmlHashAddEntry(s->ids, (const xmlChar *)id, n);
}

/* The reference attributes and the element each must point to. */
static const struct {
	const char *attr;
	const char *target;
} refs[] = {
	{ "categories", "category" },
	{ "sources", "source" },
	{ "purposes", "purpose" },
	{ "processor", "processor" },
	{ "passage", "passage" },
};

static void
check_refs(sem *s, xmlNodePtr n)
{
	for (size_t r = 0; r < sizeof refs / sizeof refs[0]; r++) {
		const char *v = practice_attr(n, refs[r].attr);
		if (!v)
			continue;
		char *copy = xstrdup(v);
		int reported = 0;
		for (char *save = NULL, *tok = strtok_r(copy, " \t\r\n", &save); tok;
		     tok = strtok_r(NULL, " \t\r\n", &save)) {
			xmlNodePtr t = xmlHashLookup(s->ids, (const xmlChar *)tok);
			if (reported >= 5)
				break;
			if (!t) {
				char *m = xasprintf("refers to '%s', but no element has that id", shown(tok));
				err(s, n, refs[r].attr, m);
				free(m);
				reported++;
			} else if (!practice_is(t, refs[r].target)) {
				char *m = xasprintf("refers to '%s', which is a <%s>, not a <%s>", shown(tok),
				    (const char *)t->name, refs[r].target);
				err(s, n, refs[r].attr, m);
				free(m);
				reported++;
			}
		}
		free(copy);
	}
}

/* A right or zorgnota field listed twice. */
static void
check_unique_attr(sem *s, xmlNodePtr parent, const char *child, const char *attr, const char *what)
{
	xmlHashTablePtr seen = xmlHashCreate(16);
	for (xmlNodePtr a = practice_child(parent, child); a; a = practice_next(a, child)) {
		const char *va = practice_attr(a, attr);
		if (!va)
			continue;
		if (xmlHashLookup(seen, (const xmlChar *)va)) {
			char *m = xasprintf("%s '%s' is listed twice", what, shown(va));
			err(s, a, attr, m);
			free(m);
		} else {
			xmlHashAddEntry(seen, (const xmlChar *)va, a);
		}
	}
	xmlHashFree(seen, NULL);
}

/* Pre-order walk without recursion (depth is capped by the parser, but
 * this keeps the stack flat anyway). */
#define WALK(root, n)                                                          \
	for (xmlNodePtr n = (root); n;                                         \
	     n = n->children && n->type == XML_ELEMENT_NODE ? n->children : next_node(n, (root)))

static xmlNodePtr
next_node(xmlNodePtr n, xmlNodePtr root)
{
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

int
practice_check_semantics(const char *path, const char *src, size_t len, xmlDocPtr doc, diag *d)
{
	sem s = { path, src, len, d, 0, xmlHashCreate(64) };
	xmlNodePtr root = xmlDocGetRootElement(doc);
	WALK(root, n) {
		if (!practice_is(n, NULL))
			continue;
		collect_id(&s, n);
		check_values(&s, n);
	}
	WALK(root, n) {
		if (practice_is(n, NULL))
			check_refs(&s, n);
	}
	check_unique_attr(&s, practice_child(root, "rights"), "right", "type", "right");
	check_unique_attr(&s, practice_child(root, "zorgnota"), "field", "name", "field");
	xmlHashFree(s.ids, NULL);
	return s.errors;
}
