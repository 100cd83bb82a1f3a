/* xmlsafe — see xmlsafe.h. Hardened libxml2 and libxslt set-up. */
#define _GNU_SOURCE
#include "xmlsafe.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>

#include "buf.h"
#include "colour.h"
#include "fsio.h"

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

static void xslt_errors_begin(diag *d, const char *name);
static void xslt_errors_end(void);

static char *datadir_real;        /* realpath of the data directory */
static xsltSecurityPrefsPtr sec_prefs;

/* The active error capture (per thread: libxml2's handler is too). */
static _Thread_local struct {
	diag *d;
	xmlsafe_error_fn fn;
	void *ud;
	const char *name;  /* file name for parse errors */
	int count;
} cap;

const char *
xmlsafe_parser_message(int code)
{
	switch (code) {
	case XML_ERR_DOCUMENT_EMPTY: return "the file is empty";
	case XML_ERR_DOCUMENT_END: return "extra content after the end of the document";
	case XML_ERR_INVALID_CHAR:
	case XML_ERR_INVALID_ENCODING:
	case XML_ERR_UNKNOWN_ENCODING:
	case XML_ERR_UNSUPPORTED_ENCODING:
		return "invalid character: a control character, or text that is not UTF-8";
	case XML_ERR_TAG_NAME_MISMATCH: return "closing tag does not match the open element";
	case XML_ERR_TAG_NOT_FINISHED: return "element is not closed";
	case XML_ERR_LT_IN_ATTRIBUTE: return "'<' in an attribute value";
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
	case XML_ERR_ATTRIBUTE_NOT_FINISHED:
	case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
		return "malformed attribute";
	case XML_ERR_ATTRIBUTE_REDEFINED: return "attribute given twice";
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
		return "undefined entity reference (write & as &amp;)";
	case XML_ERR_ENTITY_LOOP: return "entity reference loop";
	case XML_ERR_ENTITY_BOUNDARY: return "entity crosses an element boundary";
	case XML_ERR_NAME_REQUIRED: return "element or attribute name expected";
	case XML_ERR_GT_REQUIRED: return "'>' expected";
	case XML_ERR_LTSLASH_REQUIRED: return "closing tag expected";
	case XML_ERR_EQUAL_REQUIRED: return "'=' expected in attribute";
	case XML_ERR_STRING_NOT_STARTED:
	case XML_ERR_STRING_NOT_CLOSED:
		return "quoted value expected";
	case XML_ERR_COMMENT_NOT_FINISHED: return "comment is not closed";
	case XML_ERR_PI_NOT_FINISHED: return "processing instruction is not closed";
	case XML_ERR_CDATA_NOT_FINISHED: return "CDATA section is not closed";
	case XML_ERR_RESERVED_XML_NAME: return "XML declaration not at the start of the file";
	case XML_ERR_HYPHEN_IN_COMMENT: return "'--' inside a comment";
	case XML_ERR_INTERNAL_ERROR: return "the document is too large or too deeply nested";
	case XML_ERR_NO_MEMORY: return "out of memory while parsing";
	case XML_ERR_NOT_WELL_BALANCED: return "element structure is not balanced";
	case XML_ERR_EXTRA_CONTENT: return "extra content after the end of the document";
	case XML_ERR_URI_FRAGMENT:
	case XML_NS_ERR_UNDEFINED_NAMESPACE:
		return "undeclared namespace prefix";
	case XML_NS_ERR_QNAME: return "malformed qualified name";
	case XML_ERR_CHARREF_IN_DTD:
	case XML_ERR_INVALID_CHARREF:
	case XML_ERR_INVALID_DEC_CHARREF:
	case XML_ERR_INVALID_HEX_CHARREF:
		return "invalid character reference";
	case XML_ERR_DOCTYPE_NOT_FINISHED: return "DOCTYPE is not closed";
	case XML_ERR_USER_STOP: return "parsing stopped";
	default: return NULL;
	}
}

static void
structured_error(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	if (!cap.d || !err)
		return;
	cap.count++;
	if (cap.fn) {
		cap.fn(cap.ud, cap.d, err);
		return;
	}
	/* Warnings of the parser (e.g. namespace URIs) are not fatal unless
	 * they are errors; we treat every error as failure. */
	if (err->level == XML_ERR_WARNING)
		return;
	if (cap.count > 50)
		return; /* one broken file can produce thousands */
	const char *msg = xmlsafe_parser_message(err->code);
	const char *file = cap.name ? cap.name : err->file;
	if (err->domain == XML_FROM_XSLT || err->domain == XML_FROM_XPATH) {
		diag_error(cap.d, file, err->line, 0, "template error (libxslt code %d)", err->code);
		return;
	}
	if (msg)
		diag_error(cap.d, file, err->line, err->int2, "%s", msg);
	else
		diag_error(cap.d, file, err->line, err->int2,
		    "malformed XML (libxml2 error %d)", err->code);
}

void
xmlsafe_capture_begin(diag *d, xmlsafe_error_fn fn, void *ud)
{
	cap.d = d;
	cap.fn = fn;
	cap.ud = ud;
	cap.name = NULL;
	cap.count = 0;
	xmlSetStructuredErrorFunc(NULL, structured_error);
}

void
xmlsafe_capture_end(void)
{
	cap.d = NULL;
	cap.fn = NULL;
	cap.ud = NULL;
	cap.name = NULL;
}

/* Is `path` (after realpath) inside the data directory? */
static int
allowed_path(const char *path)
{
	if (!datadir_real || !path)
		return 0;
	if (strncmp(path, "file://", 7) == 0)
		path += 7;
	if (strstr(path, "://"))
		return 0;
	char real[PATH_MAX];
	if (!realpath(path, real))
		return 0;
	size_t n = strlen(datadir_real);
	return strncmp(real, datadir_real, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

static xmlParserInputPtr
entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)id;
	if (!url || !allowed_path(url))
		return NULL; /* refused: no network, no files outside the data dir */
	return xmlNewInputFromFile(ctxt, url);
}

static int
has_doctype(xmlDocPtr doc)
{
	return doc->intSubset || doc->extSubset;
}

static xmlDocPtr
parse_memory_into(const char *data, size_t len, const char *name, xmlDictPtr dict, diag *d)
{
	if (len > INT_MAX) {
		diag_error(d, name, 0, 0, "file is too large");
		return NULL;
	}
	if (len == 0) {
		diag_error(d, name, 0, 0, "the file is empty");
		return NULL;
	}
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		diag_error(d, name, 0, 0, "out of memory");
		return NULL;
	}
	if (dict) {
		if (ctxt->dict)
			xmlDictFree(ctxt->dict);
		ctxt->dict = dict;
		xmlDictReference(dict);
	}
	diag *outer = cap.d;
	xmlsafe_error_fn ofn = cap.fn;
	void *oud = cap.ud;
	const char *oname = cap.name;
	int ocount = cap.count;
	diag local = DIAG_INIT;
	cap.d = &local;
	cap.fn = NULL;
	cap.name = name;
	cap.count = 0;
	xmlSetStructuredErrorFunc(NULL, structured_error);
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, "UTF-8", PARSE_OPTIONS);
	int bad = local.nerrors > 0 || !ctxt->wellFormed;
	cap.d = outer;
	cap.fn = ofn;
	cap.ud = oud;
	cap.name = oname;
	cap.count = ocount;
	if (!outer)
		xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeParserCtxt(ctxt);
	if (bad) {
		if (local.nerrors == 0)
			diag_error(&local, name, 0, 0, "malformed XML");
		diag_move(d, &local);
		xmlFreeDoc(doc);
		return NULL;
	}
	diag_free(&local);
	if (!doc) {
		diag_error(d, name, 0, 0, "malformed XML");
		return NULL;
	}
	if (has_doctype(doc)) {
		int line = doc->intSubset ? (int)xmlGetLineNo((xmlNodePtr)doc->intSubset) : 0;
		diag_error(d, name, line > 0 ? line : 1, 0,
		    "a DOCTYPE is not allowed: zorgdoc files never need one "
		    "(DTDs and entities are refused for safety)");
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

xmlDocPtr
xmlsafe_read_memory(const char *data, size_t len, const char *name, diag *d)
{
	return parse_memory_into(data, len, name, NULL, d);
}

xmlDocPtr
xmlsafe_read_file(const char *path, diag *d)
{
	char *data;
	size_t len;
	if (fsio_read_file(path, XMLSAFE_MAX_BYTES, &data, &len, d) != 0)
		return NULL;
	xmlDocPtr doc = xmlsafe_read_memory(data, len, path, d);
	free(data);
	return doc;
}

/* Documents read by document() (the locales), kept for the process: a
 * batch transforms thousands of invoices and parsing the locale again for
 * each was a tenth of the work. Each transform gets them pre-loaded
 * (xmlsafe_transform); they are never changed by a transform. */
#define DOC_CACHE_MAX 8
static struct {
	char *uri;
	xmlDocPtr doc;  /* a copy without a dictionary, URL = uri */
	xmlHashTablePtr ids; /* the root's child elements by their id
	                        attribute (first wins), for zd:entry */
} doc_cache[DOC_CACHE_MAX];
static size_t ndoc_cache;

/* The value of n's attribute "id" (no namespace) as stored, or NULL. */
static const xmlChar *
id_attr(const xmlNode *n)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (!a->ns && xmlStrEqual(a->name, BAD_CAST "id") && a->children &&
		    a->children->type == XML_TEXT_NODE && !a->children->next)
			return a->children->content;
	return NULL;
}

static xmlHashTablePtr
index_children(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlHashTablePtr h = xmlHashCreate(1024);
	if (!h || !root)
		return h;
	for (xmlNodePtr c = root->children; c; c = c->next) {
		const xmlChar *id = c->type == XML_ELEMENT_NODE ? id_attr(c) : NULL;
		if (id && !xmlHashLookup(h, id))
			xmlHashAddEntry(h, id, c);
	}
	return h;
}

static void
doc_cache_add(const char *uri, xmlDocPtr doc)
{
	if (ndoc_cache == DOC_CACHE_MAX)
		return;
	for (size_t i = 0; i < ndoc_cache; i++)
		if (strcmp(doc_cache[i].uri, uri) == 0)
			return;
	xmlDocPtr copy = xmlCopyDoc(doc, 1);
	if (!copy)
		return;
	xmlFree((xmlChar *)copy->URL);
	copy->URL = xmlStrdup((const xmlChar *)uri);
	xmlXPathOrderDocElems(copy);
	doc_cache[ndoc_cache].uri = xstrdup(uri);
	doc_cache[ndoc_cache].ids = index_children(copy);
	doc_cache[ndoc_cache++].doc = copy;
}

static void
doc_cache_free(void)
{
	for (size_t i = 0; i < ndoc_cache; i++) {
		free(doc_cache[i].uri);
		xmlHashFree(doc_cache[i].ids, NULL);
		xmlFreeDoc(doc_cache[i].doc);
	}
	ndoc_cache = 0;
}

/* zd:entry(set, id) (namespace urn:zorgdoc:xslt:1): the child element of
 * the first node of set whose id attribute is id, or an empty node-set.
 * The same as set[1]/child::*[@id = id][1], but for a document in the cache above
 * (a locale: 900 strings, looked up dozens of times per zorgnota) through
 * the index built once per process instead of a scan per call, and
 * without key(), whose index libxslt rebuilds for every transform. */
static void
xpath_entry(xmlXPathParserContextPtr ctxt, int nargs)
{
	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	xmlChar *id = xmlXPathPopString(ctxt);
	if (xmlXPathCheckError(ctxt)) {
		xmlFree(id);
		return;
	}
	xmlNodeSetPtr set = xmlXPathPopNodeSet(ctxt);
	if (xmlXPathCheckError(ctxt)) {
		xmlFree(id);
		xmlXPathFreeNodeSet(set);
		return;
	}
	xmlNodePtr hit = NULL;
	xmlNodePtr parent = set && set->nodeNr > 0 ? set->nodeTab[0] : NULL;
	if (parent && id && parent->type == XML_ELEMENT_NODE) {
		size_t i = 0;
		while (i < ndoc_cache && !(doc_cache[i].doc == parent->doc &&
		    doc_cache[i].ids && xmlDocGetRootElement(parent->doc) == parent))
			i++;
		if (i < ndoc_cache) {
			hit = xmlHashLookup(doc_cache[i].ids, id);
		} else {
			for (xmlNodePtr c = parent->children; c && !hit; c = c->next)
				if (c->type == XML_ELEMENT_NODE && xmlStrEqual(id_attr(c), id))
					hit = c;
		}
	}
	xmlXPathFreeNodeSet(set);
	xmlFree(id);
	valuePush(ctxt, xmlXPathWrapNodeSet(xmlXPathNodeSetCreate(hit)));
}

/* zd:text-colour(colour) (namespace urn:zorgdoc:xslt:1): the shade of a
 * "#rrggbb" brand colour that text in it needs against white (colour.h),
 * as "#rrggbb"; the argument itself when it is not written that way. */
static void
xpath_text_colour(xmlXPathParserContextPtr ctxt, int nargs)
{
	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	xmlChar *s = xmlXPathPopString(ctxt);
	if (xmlXPathCheckError(ctxt)) {
		xmlFree(s);
		return;
	}
	unsigned char rgb[3], out[3];
	if (s && colour_parse((const char *)s, rgb) == 0) {
		char hex[8];
		colour_text_shade(rgb, out);
		snprintf(hex, sizeof hex, "#%02x%02x%02x", out[0], out[1], out[2]);
		xmlFree(s);
		valuePush(ctxt, xmlXPathNewString(BAD_CAST hex));
		return;
	}
	valuePush(ctxt, xmlXPathWrapString(s ? s : xmlStrdup(BAD_CAST "")));
}

/* XSLT loader for xsl:include, xsl:import and document(): only files under
 * the data directory, parsed the safe way. */
static xmlDocPtr
xslt_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt, xsltLoadType type)
{
	(void)options;
	(void)ctxt;
	const char *path = (const char *)uri;
	if (!allowed_path(path))
		return NULL;
	if (strncmp(path, "file://", 7) == 0)
		path += 7;
	char *data;
	size_t len;
	diag d = DIAG_INIT;
	xmlDocPtr doc = NULL;
	if (fsio_read_file(path, XMLSAFE_MAX_BYTES, &data, &len, &d) == 0) {
		doc = parse_memory_into(data, len, path, dict, &d);
		free(data);
	}
	if (cap.d)
		diag_move(cap.d, &d);
	else
		diag_free(&d);
	if (doc && type == XSLT_LOAD_DOCUMENT)
		doc_cache_add((const char *)uri, doc);
	return doc;
}

static int
xslt_read_check(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	(void)sec;
	(void)ctxt;
	return allowed_path(value);
}

int
xmlsafe_init(const char *datadir, diag *d)
{
	xmlInitParser();
	/* never the tutorial's xmlSubstituteEntitiesDefault(1) */
	xmlSubstituteEntitiesDefault(0);
	xmlLoadExtDtdDefaultValue = 0;
	xmlSetExternalEntityLoader(entity_loader);
	char real[PATH_MAX];
	if (!datadir || !realpath(datadir, real))
		return diag_error(d, datadir, 0, 0, "data directory not found (set ZORGDOC_DATADIR)");
	free(datadir_real);
	datadir_real = xstrdup(real);
	exsltRegisterAll();
	xsltRegisterExtModuleFunction(BAD_CAST "entry", BAD_CAST XMLSAFE_XSLT_NS, xpath_entry);
	xsltRegisterExtModuleFunction(BAD_CAST "text-colour", BAD_CAST XMLSAFE_XSLT_NS,
	    xpath_text_colour);
	xsltSetLoaderFunc(xslt_loader);
	if (!sec_prefs) {
		sec_prefs = xsltNewSecurityPrefs();
		xsltSetSecurityPrefs(sec_prefs, XSLT_SECPREF_READ_FILE, xslt_read_check);
		xsltSetSecurityPrefs(sec_prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
		xsltSetSecurityPrefs(sec_prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
		xsltSetSecurityPrefs(sec_prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
		xsltSetSecurityPrefs(sec_prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
		xsltSetDefaultSecurityPrefs(sec_prefs);
	}
	return 0;
}

void
xmlsafe_cleanup(void)
{
	doc_cache_free();
	xsltSetDefaultSecurityPrefs(NULL);
	if (sec_prefs)
		xsltFreeSecurityPrefs(sec_prefs);
	sec_prefs = NULL;
	free(datadir_real);
	datadir_real = NULL;
	xsltCleanupGlobals();
	xmlCleanupParser();
}

xsltStylesheetPtr
xmlsafe_stylesheet_load(const char *path, diag *d)
{
	if (!allowed_path(path)) {
		diag_error(d, path, 0, 0, "stylesheet is not inside the data directory");
		return NULL;
	}
	xmlDocPtr doc = xmlsafe_read_file(path, d);
	if (!doc)
		return NULL;
	diag local = DIAG_INIT;
	xslt_errors_begin(&local, path);
	xsltStylesheetPtr ss = xsltParseStylesheetDoc(doc);
	xslt_errors_end();
	if (!ss || ss->errors > 0 || local.nerrors > 0) {
		if (local.nerrors == 0)
			diag_error(&local, path, 0, 0, "invalid stylesheet");
		diag_move(d, &local);
		if (ss)
			xsltFreeStylesheet(ss);
		else
			xmlFreeDoc(doc);
		return NULL;
	}
	diag_free(&local);
	return ss;
}

/* libxslt reports through its generic error function, a line in several
 * pieces. Pieces are gathered here and each whole line becomes one diag
 * item. Lines from our own templates' xsl:message start with "zorgdoc:" and
 * are shown as they are; other libxslt lines describe the stylesheet (our
 * shipped code), not the user's data, and are shown after "template
 * error:". */
static _Thread_local buf xslt_line;

static void
xslt_flush_line(void)
{
	const char *s = buf_str(&xslt_line);
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s && cap.d) {
		if (strncmp(s, "zorgdoc:", 8) == 0) {
			s += 8;
			while (*s == ' ')
				s++;
			diag_error(cap.d, cap.name, 0, 0, "%s", s);
		} else if (++cap.count <= 10) {
			diag_error(cap.d, cap.name, 0, 0, "template error: %s", s);
		}
	}
	buf_reset(&xslt_line);
}

static void
xslt_generic_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	va_list ap;
	va_start(ap, msg);
	char *s = xvasprintf(msg, ap);
	va_end(ap);
	for (char *p = s; *p; p++) {
		if (*p == '\n')
			xslt_flush_line();
		else if (xslt_line.len < 500)
			buf_putc(&xslt_line, *p);
	}
	free(s);
}

static void
xslt_errors_begin(diag *d, const char *name)
{
	xmlsafe_capture_begin(d, NULL, NULL);
	cap.name = name;
	buf_reset(&xslt_line);
	xsltSetGenericErrorFunc(NULL, xslt_generic_error);
}

static void
xslt_errors_end(void)
{
	if (xslt_line.len)
		xslt_flush_line();
	buf_free(&xslt_line);
	xsltSetGenericErrorFunc(NULL, NULL);
	xmlsafe_capture_end();
	xmlSetStructuredErrorFunc(NULL, NULL);
}

xmlDocPtr
xmlsafe_transform(xsltStylesheetPtr ss, xmlDocPtr doc, const char **params,
    const char *name, diag *d)
{
	xsltTransformContextPtr ctxt = xsltNewTransformContext(ss, doc);
	if (!ctxt) {
		diag_error(d, name, 0, 0, "cannot start the transform");
		return NULL;
	}
	xsltSetCtxtSecurityPrefs(sec_prefs, ctxt);
	xsltSetCtxtParseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	ctxt->maxTemplateDepth = 500;
	ctxt->opLimit = 5000000; /* privacy.xsl needs < 2e6 on the samples */
	/* Documents read before are handed over ready (main: the context
	 * does not free them), unless the stylesheet strips whitespace from
	 * what it loads. */
	for (size_t i = 0; i < ndoc_cache && !xsltNeedElemSpaceHandling(ctxt); i++) {
		xsltDocumentPtr pre = xsltNewDocument(ctxt, doc_cache[i].doc);
		if (pre)
			pre->main = 1;
	}
	diag local = DIAG_INIT;
	xslt_errors_begin(&local, name);
	xsltSetTransformErrorFunc(ctxt, NULL, xslt_generic_error);
	if (params && xsltQuoteUserParams(ctxt, params) != 0)
		diag_error(&local, name, 0, 0, "bad transform parameters");
	xmlDocPtr out = NULL;
	if (local.nerrors == 0)
		out = xsltApplyStylesheetUser(ss, doc, NULL, NULL, NULL, ctxt);
	int bad = !out || ctxt->state != XSLT_STATE_OK || local.nerrors > 0;
	xslt_errors_end();
	xsltFreeTransformContext(ctxt);
	if (bad) {
		if (local.nerrors == 0)
			diag_error(&local, name, 0, 0, "the transform failed");
		diag_move(d, &local);
		xmlFreeDoc(out);
		return NULL;
	}
	diag_free(&local);
	return out;
}
