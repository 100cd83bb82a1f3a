/* practice — see practice.h. Loading: read the file (capped), parse it
 * through xmlsafe, validate against schema/practice.rng with errors phrased
 * here, run the semantic checks (check.c), then extract what the accessors
 * return. */
#include "practice_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "../base/paths.h"
#include "../base/xmlsafe.h"
#include "validate.h"

/* ---------------------------------------------------------------- helpers */

int
practice_is(xmlNodePtr node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->ns &&
	    strcmp((const char *)node->ns->href, PRACTICE_NS) == 0 &&
	    (!name || strcmp((const char *)node->name, name) == 0);
}

xmlNodePtr
practice_next(xmlNodePtr node, const char *name)
{
	for (xmlNodePtr n = node ? node->next : NULL; n; n = n->next)
		if (practice_is(n, name))
			return n;
	return NULL;
}

xmlNodePtr
practice_child(xmlNodePtr node, const char *name)
{
	if (!node)
		return NULL;
	for (xmlNodePtr n = node->children; n; n = n->next)
		if (practice_is(n, name))
			return n;
	return NULL;
}

const char *
practice_attr(xmlNodePtr node, const char *name)
{
	if (!node || node->type != XML_ELEMENT_NODE)
		return NULL;
	for (xmlAttrPtr a = node->properties; a; a = a->next) {
		if (a->ns || strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children && a->children->type == XML_TEXT_NODE && !a->children->next)
			return (const char *)a->children->content;
		return "";
	}
	return NULL;
}

char *
practice_text(xmlNodePtr node)
{
	buf b = BUF_INIT;
	for (xmlNodePtr n = node ? node->children : NULL; n; n = n->next)
		if (n->type == XML_TEXT_NODE && n->content)
			buf_puts(&b, (const char *)n->content);
	char *s = buf_detach(&b);
	/* trim and collapse runs of white space */
	char *w = s;
	int space = 0;
	for (char *r = s; *r; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			space = 1;
			continue;
		}
		if (space && w != s)
			*w++ = ' ';
		space = 0;
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

char *
practice_node_path(xmlNodePtr node)
{
	const char *parts[64];
	int n = 0;
	for (xmlNodePtr x = node; x && x->type == XML_ELEMENT_NODE && n < 64; x = x->parent) {
		if (x->parent && x->parent->type == XML_ELEMENT_NODE)
			parts[n++] = (const char *)x->name;
		else if (n == 0)
			parts[n++] = (const char *)x->name; /* the root itself */
	}
	buf b = BUF_INIT;
	for (int i = n - 1; i >= 0; i--) {
		buf_puts(&b, parts[i]);
		if (i)
			buf_putc(&b, '/');
	}
	return buf_detach(&b);
}

/* Column (in characters) of byte offset `off`, given the line start. */
static int
col_of(const char *src, size_t line_start, size_t off)
{
	int col = 1;
	for (size_t i = line_start; i < off; i++)
		if (((unsigned char)src[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void
practice_locate(const char *src, size_t len, xmlNodePtr node, const char *attr,
    int *line, int *col)
{
	*line = node ? (int)xmlGetLineNo(node) : 0;
	*col = 0;
	if (!src || !node || node->type != XML_ELEMENT_NODE || *line <= 0)
		return;
	/* find the byte offsets of line L (the start tag ends on it) */
	size_t ls = 0;
	int l = 1;
	while (l < *line && ls < len) {
		const char *nl = memchr(src + ls, '\n', len - ls);
		if (!nl)
			return;
		ls = (size_t)(nl - src) + 1;
		l++;
	}
	const char *nl = memchr(src + ls, '\n', len - ls);
	size_t le = nl ? (size_t)(nl - src) : len;
	char pat[256];
	if (node->ns && node->ns->prefix)
		snprintf(pat, sizeof pat, "<%s:%s", node->ns->prefix, node->name);
	else
		snprintf(pat, sizeof pat, "<%s", node->name);
	size_t pl = strlen(pat);
	size_t start = (size_t)-1;
	/* first matching start tag on the line, else the last one before it
	 * (a start tag spread over several lines) */
	for (size_t i = ls; i + pl <= le; i++)
		if (memcmp(src + i, pat, pl) == 0 && (i + pl == len || is_ws(src[i + pl]) ||
		    src[i + pl] == '>' || src[i + pl] == '/')) {
			start = i;
			break;
		}
	if (start == (size_t)-1) {
		for (size_t i = ls; i > 0; i--) {
			size_t j = i - 1;
			if (j + pl <= len && memcmp(src + j, pat, pl) == 0 &&
			    (j + pl == len || is_ws(src[j + pl]) || src[j + pl] == '>' || src[j + pl] == '/')) {
				start = j;
				break;
			}
		}
		if (start == (size_t)-1)
			return;
	}
	/* recompute the line of the start */
	size_t s_ls = start;
	while (s_ls > 0 && src[s_ls - 1] != '\n')
		s_ls--;
	int s_line = *line;
	for (size_t i = s_ls; i < ls; i++)
		if (src[i] == '\n')
			s_line--;
	if (start < ls) {
		s_line = 1;
		for (size_t i = 0; i < start; i++)
			if (src[i] == '\n')
				s_line++;
	}
	*line = s_line;
	*col = col_of(src, s_ls, start);
	if (!attr)
		return;
	/* the attribute inside this start tag */
	size_t al = strlen(attr);
	char quote = 0;
	int a_line = s_line;
	size_t a_ls = s_ls;
	for (size_t i = start + pl; i < len; i++) {
		char c = src[i];
		if (c == '\n') {
			a_line++;
			a_ls = i + 1;
		}
		if (quote) {
			if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '"' || c == '\'') {
			quote = c;
			continue;
		}
		if (c == '>')
			break;
		if (is_ws(c) && i + 1 + al <= len && memcmp(src + i + 1, attr, al) == 0) {
			size_t k = i + 1 + al;
			while (k < len && is_ws(src[k]))
				k++;
			if (k < len && src[k] == '=') {
				*line = a_line;
				*col = col_of(src, a_ls, i + 1);
				return;
			}
		}
	}
}

void
practice_report(diag *d, diag_severity sev, const char *path, const char *src,
    size_t len, xmlNodePtr node, const char *attr, const char *fmt, ...)
{
	/* a hostile file can have a problem per element: show a bounded
	 * number (locating each costs a scan of the file) */
	if (d->n > PRACTICE_MAX_REPORTS)
		return;
	if (d->n == PRACTICE_MAX_REPORTS) {
		diag_add(d, sev, path, 0, 0, "more than %d problems; the rest are not shown",
		    PRACTICE_MAX_REPORTS);
		return;
	}
	int line = 0, col = 0;
	practice_locate(src, len, node, attr, &line, &col);
	char *where = node ? practice_node_path(node) : xstrdup("");
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (attr)
		diag_add(d, sev, path, line, col, "%s/@%s: %s", where, attr, msg);
	else if (*where)
		diag_add(d, sev, path, line, col, "%s: %s", where, msg);
	else
		diag_add(d, sev, path, line, col, "%s", msg);
	free(msg);
	free(where);
}

/* ------------------------------------------------------- RELAX NG errors */

typedef struct {
	const char *path;
	const char *src;
	size_t len;
	xmlDocPtr sdoc;
	diag *d;
	int count;          /* problems reported */
	xmlHashTablePtr done; /* "node:kind" already explained */
} rng_ctx;

/* libxml2 reports element names in str1/str2; they are names from the
 * schema or the file, never values, so they may be shown if they look
 * like names. Values are never shown. */
static const char *
safe_name(const char *s)
{
	if (!s)
		return "?";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == '"' || *p == '\'' || *p == '<' || *p == '&')
			return "?";
	if (strlen(s) > 64)
		return "?";
	return s;
}

/* Returns 1 the first time (node, kind) is seen. */
static int
first_time(rng_ctx *c, xmlNodePtr node, const char *kind)
{
	char key[64];
	snprintf(key, sizeof key, "%p:%s", (void *)node, kind);
	if (xmlHashLookup(c->done, (const xmlChar *)key))
		return 0;
	xmlHashAddEntry(c->done, (const xmlChar *)key, (void *)1);
	return 1;
}

static void
rng_report(rng_ctx *c, xmlNodePtr node, const char *attr, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
rng_report(rng_ctx *c, xmlNodePtr node, const char *attr, const char *fmt, ...)
{
	c->count++;
	if (c->count > 100)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *m = xvasprintf(fmt, ap);
	va_end(ap);
	practice_report(c->d, DIAG_ERROR, c->path, c->src, c->len, node, attr, "%s", m);
	free(m);
}

/* Reports required children that `node` lacks; returns 1 if any. */
static int
explain_missing(rng_ctx *c, xmlNodePtr node)
{
	xmlNodePtr def = rnginfo_def(c->sdoc, node);
	if (!def)
		return 0;
	char *missing = rnginfo_missing_children(c->sdoc, def, node);
	if (!missing)
		return 0;
	if (first_time(c, node, "missing"))
		rng_report(c, node, NULL, "required element%s %s %s missing",
		    strchr(missing, ',') ? "s" : "", missing, strchr(missing, ',') ? "are" : "is");
	free(missing);
	return 1;
}

typedef struct {
	rng_ctx *c;
	xmlNodePtr node;
	int n;
} attr_explain;

static void
attr_problem(void *ud, const char *attr, int problem, const char *allowed)
{
	attr_explain *a = ud;
	a->n++;
	char kind[80];
	snprintf(kind, sizeof kind, "attr:%s", safe_name(attr));
	if (!first_time(a->c, a->node, kind))
		return;
	switch (problem) {
	case RNGINFO_ATTR_MISSING:
		rng_report(a->c, a->node, NULL, "required attribute '%s' is missing", safe_name(attr));
		break;
	case RNGINFO_ATTR_BADVALUE:
		rng_report(a->c, a->node, attr, "value not allowed; allowed values: %s", allowed);
		break;
	case RNGINFO_ATTR_UNKNOWN:
		rng_report(a->c, a->node, attr, "attribute '%s' is not part of the practice model here",
		    safe_name(attr));
		break;
	default:
		break;
	}
}

/* Reports attribute problems of node; returns how many. */
static int
explain_attrs(rng_ctx *c, xmlNodePtr node)
{
	xmlNodePtr def = rnginfo_def(c->sdoc, node);
	if (!def)
		return 0;
	attr_explain a = { c, node, 0 };
	rnginfo_check_attrs(c->sdoc, def, node, attr_problem, &a);
	return a.n;
}

/* An element that is not expected where it is. */
static void
explain_unexpected(rng_ctx *c, xmlNodePtr node)
{
	xmlNodePtr parent = node->parent;
	int missing = parent && parent->type == XML_ELEMENT_NODE && explain_missing(c, parent);
	if (!first_time(c, node, "unexpected"))
		return;
	if (!practice_is(node, NULL)) {
		rng_report(c, node, NULL, "element is not in the namespace " PRACTICE_NS);
		return;
	}
	xmlNodePtr pdef = parent ? rnginfo_def(c->sdoc, parent) : NULL;
	if (pdef && rnginfo_allows_child(c->sdoc, pdef, (const char *)node->name)) {
		if (!missing)
			rng_report(c, node, NULL, "element is out of order or repeated; the order of "
		    "elements is fixed (see docs/practice-model.md)");
	} else
		rng_report(c, node, NULL, "unknown element: <%s> is not part of the practice model here",
		    safe_name((const char *)node->name));
}

static void
explain_value(rng_ctx *c, xmlNodePtr node)
{
	if (explain_attrs(c, node))
		return;
	xmlNodePtr def = rnginfo_def(c->sdoc, node);
	char *vals = def ? rnginfo_text_values(c->sdoc, def) : NULL;
	if (!first_time(c, node, "value")) {
		free(vals);
		return;
	}
	if (vals)
		rng_report(c, node, NULL, "value not allowed; allowed values: %s", vals);
	else
		rng_report(c, node, NULL, "a value here is not allowed by the practice schema");
	free(vals);
}

static void
rng_error(void *ud, diag *d, const xmlError *err)
{
	rng_ctx *c = ud;
	(void)d;
	if (!err || err->level == XML_ERR_WARNING || c->count > PRACTICE_MAX_REPORTS)
		return;
	xmlNodePtr node = err->node;
	if (node && node->type != XML_ELEMENT_NODE && node->type != XML_DOCUMENT_NODE)
		node = node->parent;
	if (node && node->type == XML_DOCUMENT_NODE)
		node = xmlDocGetRootElement((xmlDocPtr)node);
	if (!node)
		return;
	if (getenv("ZORGDOC_DEBUG_RNG"))
		diag_add(c->d, DIAG_NOTE, c->path, err->line, 0, "rng code %d str1=%s str2=%s node=%s",
		    err->code, safe_name(err->str1), safe_name(err->str2), (const char *)node->name);
	switch (err->code) {
	case XML_RELAXNG_ERR_ELEMNAME:
	case XML_RELAXNG_ERR_ELEMWRONG:
	case XML_RELAXNG_ERR_EXTRACONTENT:
	case XML_RELAXNG_ERR_ELEMEXTRANS:
	case XML_RELAXNG_ERR_ELEMNONS:
	case XML_RELAXNG_ERR_ELEMWRONGNS:
		explain_unexpected(c, node);
		break;
	case XML_RELAXNG_ERR_INVALIDATTR:
	case XML_RELAXNG_ERR_ATTRVALID:
	case XML_RELAXNG_ERR_ATTRNAME:
	case XML_RELAXNG_ERR_ATTRNONS:
	case XML_RELAXNG_ERR_ATTRWRONGNS:
	case XML_RELAXNG_ERR_ATTREXTRANS:
		if (!explain_attrs(c, node) && first_time(c, node, "attrs"))
			rng_report(c, node, NULL, "an attribute is missing or not allowed here");
		break;
	case XML_RELAXNG_ERR_DATATYPE:
	case XML_RELAXNG_ERR_VALUE:
	case XML_RELAXNG_ERR_LIST:
	case XML_RELAXNG_ERR_DATAELEM:
	case XML_RELAXNG_ERR_VALELEM:
	case XML_RELAXNG_ERR_LISTELEM:
	case XML_RELAXNG_ERR_TYPEVAL:
	case XML_RELAXNG_ERR_TYPE:
	case XML_RELAXNG_ERR_TYPECMP:
		explain_value(c, node);
		break;
	case XML_RELAXNG_ERR_ELEMNOTEMPTY:
	case XML_RELAXNG_ERR_TEXTWRONG:
	case XML_RELAXNG_ERR_EXTRADATA:
	case XML_RELAXNG_ERR_NOTELEM:
		if (first_time(c, node, "text"))
			rng_report(c, node, NULL, "text is not allowed here");
		break;
	default:
		/* NOELEM, CONTENTVALID and the summaries libxml2 adds on the
		 * ancestors: say what is missing, else stay quiet unless
		 * nothing else was said */
		if (explain_missing(c, node) || explain_attrs(c, node))
			break;
		if (c->count == 0 && first_time(c, node, "generic"))
			rng_report(c, node, NULL, "does not match the practice schema");
		break;
	}
}

static int
validate_schema(const char *path, const char *src, size_t len, xmlDocPtr doc, diag *d)
{
	char *rng_path = paths_data_file("schema/practice.rng");
	diag local = DIAG_INIT;
	xmlDocPtr sdoc = xmlsafe_read_file(rng_path, &local);
	int rc = -1;
	xmlRelaxNGParserCtxtPtr pctxt = NULL;
	xmlRelaxNGPtr schema = NULL;
	xmlRelaxNGValidCtxtPtr vctxt = NULL;
	if (!sdoc) {
		diag_error(d, rng_path, 0, 0, "cannot read the practice schema");
		diag_move(d, &local);
		goto out;
	}
	diag_free(&local);
	xmlsafe_capture_begin(&local, NULL, NULL);
	pctxt = xmlRelaxNGNewDocParserCtxt(sdoc);
	schema = pctxt ? xmlRelaxNGParse(pctxt) : NULL;
	xmlsafe_capture_end();
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!schema) {
		diag_free(&local);
		diag_error(d, rng_path, 0, 0, "the practice schema is broken");
		goto out;
	}
	diag_free(&local);
	vctxt = xmlRelaxNGNewValidCtxt(schema);
	rng_ctx c = { path, src, len, sdoc, d, 0, xmlHashCreate(16) };
	xmlsafe_capture_begin(d, rng_error, &c);
	int r = xmlRelaxNGValidateDoc(vctxt, doc);
	xmlsafe_capture_end();
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlHashFree(c.done, NULL);
	if (r != 0 && c.count == 0)
		practice_report(d, DIAG_ERROR, path, src, len, xmlDocGetRootElement(doc), NULL,
		    "does not match the practice schema");
	rc = r == 0 ? 0 : -1;
out:
	xmlRelaxNGFreeValidCtxt(vctxt);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pctxt);
	xmlFreeDoc(sdoc);
	free(rng_path);
	return rc;
}

/* --------------------------------------------------------------- loading */

static const char *
keep(practice *p, char *s)
{
	if (p->nstrs == p->capstrs) {
		p->capstrs = p->capstrs ? p->capstrs * 2 : 64;
		p->strs = xrealloc(p->strs, p->capstrs * sizeof *p->strs);
	}
	p->strs[p->nstrs++] = s;
	return s;
}

/* Text of the named child, kept in p; NULL when absent or empty. */
static const char *
child_text(practice *p, xmlNodePtr node, const char *name)
{
	xmlNodePtr c = practice_child(node, name);
	if (!c)
		return NULL;
	char *t = practice_text(c);
	if (!*t) {
		free(t);
		return NULL;
	}
	return keep(p, t);
}

static void
extract(practice *p)
{
	xmlNodePtr root = xmlDocGetRootElement(p->doc);
	xmlNodePtr pol = practice_child(root, "policy");
	p->policy.version = practice_attr(pol, "version");
	p->policy.effective = practice_attr(pol, "effective");
	p->policy.address = practice_attr(pol, "address");

	xmlNodePtr id = practice_child(root, "identity");
	practice_identity *I = &p->ident;
	I->name = child_text(p, id, "name");
	I->legal_form = child_text(p, id, "legal-form");
	I->tagline = child_text(p, id, "tagline");
	xmlNodePtr owner = practice_child(id, "owner");
	I->owner_name = child_text(p, owner, "name");
	I->owner_role = child_text(p, owner, "role");
	I->owner_capacity = child_text(p, owner, "capacity");
	xmlNodePtr addr = practice_child(id, "address");
	I->street = child_text(p, addr, "street");
	I->postcode = child_text(p, addr, "postcode");
	I->city = child_text(p, addr, "city");
	I->country = child_text(p, addr, "country");
	xmlNodePtr contact = practice_child(id, "contact");
	I->email = child_text(p, contact, "email");
	I->phone = child_text(p, contact, "phone");
	I->website = child_text(p, contact, "website");
	I->kvk = child_text(p, id, "kvk");
	I->agb_practice = child_text(p, id, "agb-practice");
	I->agb_therapist = child_text(p, id, "agb-therapist");
	I->iban = child_text(p, id, "iban");
	I->bic = child_text(p, id, "bic");
	I->vat_number = child_text(p, id, "vat-number");
	I->account_holder = child_text(p, id, "account-holder");
	xmlNodePtr as = practice_child(id, "association");
	I->association_name = child_text(p, as, "name");
	I->association_abbr = child_text(p, as, "abbreviation");
	I->association_number = child_text(p, as, "membership-number");
	xmlNodePtr reg = practice_child(id, "register");
	I->register_name = child_text(p, reg, "name");
	I->register_abbr = child_text(p, reg, "abbreviation");
	I->register_number = child_text(p, reg, "number");
	xmlNodePtr br = practice_child(id, "branding");
	I->logo_file = practice_attr(practice_child(br, "logo"), "file");
	I->colour = child_text(p, br, "colour");
	I->font = practice_attr(br, "font");

	for (xmlNodePtr f = practice_child(practice_child(root, "zorgnota"), "field"); f;
	     f = practice_next(f, "field")) {
		const char *n = practice_attr(f, "name");
		if (!n)
			continue;
		if (strcmp(n, "client-bsn") == 0)
			p->nota.bsn = 1;
		else if (strcmp(n, "insurer") == 0)
			p->nota.insurer = 1;
		else if (strcmp(n, "policy-number") == 0)
			p->nota.policy_number = 1;
		else if (strcmp(n, "treatment-duration") == 0)
			p->nota.duration = 1;
		else if (strcmp(n, "client-birthdate") == 0)
			p->nota.birthdate = 1;
	}

	xmlNodePtr inv = practice_child(root, "invoicing");
	if (inv) {
		p->has_inv = 1;
		p->inv.number_pattern = practice_attr(inv, "number-pattern");
		p->inv.credit_pattern = practice_attr(inv, "credit-pattern");
		const char *qr = practice_attr(inv, "payment-qr");
		p->inv.payment_qr = qr && strcmp(qr, "epc") == 0;
		long long v = 0;
		const char *pd = practice_attr(inv, "payment-days");
		if (pd && !validate_uint(pd, 0, 365, &v))
			p->inv.payment_days = (int)v;
	}

	xmlNodePtr tars = practice_child(root, "tariffs");
	size_t n = 0;
	for (xmlNodePtr t = practice_child(tars, "tariff"); t; t = practice_next(t, "tariff"))
		n++;
	p->tariffs = n ? xcalloc(n, sizeof *p->tariffs) : NULL;
	for (xmlNodePtr t = practice_child(tars, "tariff"); t; t = practice_next(t, "tariff")) {
		practice_tariff *T = &p->tariffs[p->ntariffs++];
		T->id = practice_attr(t, "id");
		T->prestatiecode = practice_attr(t, "prestatiecode");
		T->description = child_text(p, t, "description");
		long long v = 0;
		const char *a = practice_attr(t, "amount-cents");
		if (a && !validate_uint(a, 0, 100000000, &v))
			T->amount_cents = v;
		const char *m = practice_attr(t, "minutes");
		if (m && !validate_uint(m, 1, 1440, &v))
			T->minutes = (int)v;
		const char *vat = practice_attr(t, "vat");
		T->vat = vat && strcmp(vat, "standard") == 0 ? PRACTICE_VAT_STANDARD :
		    vat && strcmp(vat, "kor") == 0 ? PRACTICE_VAT_KOR : PRACTICE_VAT_EXEMPT;
	}
}

/* Finds a DOCTYPE in the prolog (before the root element) without
 * parsing: a practice file never needs one, and refusing it here means
 * no entity is ever declared, let alone expanded. Returns 1 if found. */
static int
find_doctype(const char *src, size_t len, int *line, int *col)
{
	size_t i = 0;
	if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (;;) {
		while (i < len && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r' || src[i] == '\n'))
			i++;
		const char *end = NULL;
		if (i + 2 <= len && memcmp(src + i, "<?", 2) == 0)
			end = "?>";
		else if (i + 4 <= len && memcmp(src + i, "<!--", 4) == 0)
			end = "-->";
		else
			break;
		const char *e = NULL;
		for (size_t k = i + 2; k + strlen(end) <= len; k++)
			if (memcmp(src + k, end, strlen(end)) == 0) {
				e = src + k;
				break;
			}
		if (!e)
			return 0;
		i = (size_t)(e - src) + strlen(end);
	}
	if (i + 9 > len || memcmp(src + i, "<!DOCTYPE", 9) != 0)
		return 0;
	*line = 1;
	size_t ls = 0;
	for (size_t k = 0; k < i; k++)
		if (src[k] == '\n') {
			(*line)++;
			ls = k + 1;
		}
	*col = (int)(i - ls) + 1;
	return 1;
}

/* Moves items from src to dst, dropping exact repeats (libxml2 reports
 * some errors once per nesting level). */
static void
move_unique(diag *dst, diag *src)
{
	for (size_t i = 0; i < src->n; i++) {
		diag_item *it = &src->items[i];
		int dup = 0;
		for (size_t j = 0; j < i && !dup; j++) {
			diag_item *o = &src->items[j];
			dup = o->line == it->line && o->col == it->col && o->sev == it->sev &&
			    strcmp(o->msg, it->msg) == 0;
		}
		if (!dup)
			diag_add(dst, it->sev, it->file, it->line, it->col, "%s", it->msg);
	}
	diag_free(src);
}

practice *
practice_load(const char *path, diag *d)
{
	char *src = NULL;
	size_t len = 0;
	if (fsio_read_file(path, XMLSAFE_MAX_BYTES, &src, &len, d) != 0)
		return NULL;
	int dl, dc;
	if (find_doctype(src, len, &dl, &dc)) {
		diag_error(d, path, dl, dc, "a DOCTYPE is not allowed: practice files never need one "
		    "(DTDs and entities are refused for safety)");
		free(src);
		return NULL;
	}
	diag local = DIAG_INIT;
	xmlDocPtr doc = xmlsafe_read_memory(src, len, path, &local);
	if (!doc) {
		move_unique(d, &local);
		free(src);
		return NULL;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!practice_is(root, "practice")) {
		if (root && root->ns && strncmp((const char *)root->ns->href, "urn:zorgdoc:practice:", 21) == 0)
			practice_report(&local, DIAG_ERROR, path, src, len, root, NULL,
			    "this file uses a practice model version that this zorgdoc does not know "
			    "(it reads " PRACTICE_NS ")");
		else
			practice_report(&local, DIAG_ERROR, path, src, len, root, NULL,
			    "not a practice file: the root element must be <practice> in the namespace "
			    PRACTICE_NS);
		diag_move(d, &local);
		xmlFreeDoc(doc);
		free(src);
		return NULL;
	}
	const char *mv = practice_attr(root, "model-version");
	if (mv && strcmp(mv, "1") != 0 && mv[0] >= '2' && mv[0] <= '9' && strlen(mv) < 4) {
		practice_report(d, DIAG_ERROR, path, src, len, root, "model-version",
		    "this file is written for a newer practice model; this zorgdoc reads model version %d",
		    PRACTICE_MODEL_VERSION);
		xmlFreeDoc(doc);
		free(src);
		return NULL;
	}
	validate_schema(path, src, len, doc, &local);
	practice_check_semantics(path, src, len, doc, &local);
	if (local.nerrors > 0) {
		diag_sort(&local);
		diag_move(d, &local);
		xmlFreeDoc(doc);
		free(src);
		return NULL;
	}
	diag_move(d, &local);
	practice *p = xcalloc(1, sizeof *p);
	p->path = xstrdup(path);
	p->doc = doc;
	p->src = src;
	p->srclen = len;
	extract(p);
	return p;
}

void
practice_free(practice *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nstrs; i++)
		free(p->strs[i]);
	free(p->strs);
	free(p->tariffs);
	xmlFreeDoc(p->doc);
	free(p->src);
	free(p->path);
	free(p);
}

xmlDocPtr practice_doc(const practice *p) { return p->doc; }
const char *practice_path(const practice *p) { return p->path; }
const practice_identity *practice_identity_get(const practice *p) { return &p->ident; }
const practice_policy *practice_policy_get(const practice *p) { return &p->policy; }
size_t practice_tariff_count(const practice *p) { return p->ntariffs; }

const practice_zorgnota *
practice_zorgnota_get(const practice *p)
{
	return &p->nota;
}

const practice_invoicing *
practice_invoicing_get(const practice *p)
{
	return p->has_inv ? &p->inv : NULL;
}

const practice_tariff *
practice_tariff_at(const practice *p, size_t i)
{
	return i < p->ntariffs ? &p->tariffs[i] : NULL;
}

const practice_tariff *
practice_tariff_lookup(const practice *p, const char *id)
{
	for (size_t i = 0; id && i < p->ntariffs; i++)
		if (p->tariffs[i].id && strcmp(p->tariffs[i].id, id) == 0)
			return &p->tariffs[i];
	return NULL;
}

char *
practice_format_number(const char *pattern, int year, long seq)
{
	if (!pattern || validate_number_pattern(pattern) || seq < 0)
		return NULL;
	buf b = BUF_INIT;
	for (const char *s = pattern; *s; s++) {
		if (*s != '{') {
			buf_putc(&b, *s);
			continue;
		}
		const char *e = strchr(s, '}');
		if (strncmp(s, "{year}", 6) == 0)
			buf_printf(&b, "%04d", year);
		else if (strncmp(s, "{seq}", 5) == 0)
			buf_printf(&b, "%ld", seq);
		else /* {seq:0N} */
			buf_printf(&b, "%0*ld", s[6] - '0', seq);
		s = e;
	}
	return buf_detach(&b);
}
