/* docgen — see docgen.h. Routes a document to the layout engine and a
 * device, or to the HTML/text templates. */
#include "docgen.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "../xform/xform.h"
#include "layout_bridge.h"

static const struct {
	const char *ext;
	docgen_format fmt;
} exts[] = {
	{ ".pdf", DOCGEN_PDF }, { ".png", DOCGEN_PNG }, { ".svg", DOCGEN_SVG },
	{ ".html", DOCGEN_HTML }, { ".htm", DOCGEN_HTML }, { ".txt", DOCGEN_TEXT },
	{ ".xml", DOCGEN_XML },
};

docgen_format
docgen_format_from_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (!dot || strchr(dot, '/'))
		return DOCGEN__MAX;
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (strcasecmp(dot, exts[i].ext) == 0)
			return exts[i].fmt;
	return DOCGEN__MAX;
}

docgen_format
docgen_format_from_name(const char *name)
{
	if (strcmp(name, "text") == 0)
		return DOCGEN_TEXT;
	char ext[16];
	if (strlen(name) > 10)
		return DOCGEN__MAX;
	snprintf(ext, sizeof ext, "x.%s", name);
	return docgen_format_from_path(ext);
}

static int
write_buf(const buf *b, const char *path, diag *d)
{
	return fsio_write_file(path, buf_str(b), b->len, FSIO_REPLACE, d);
}

/* The element child `name` of n in the document vocabulary, or NULL. */
static xmlNodePtr
doc_child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns &&
		    xmlStrEqual(c->ns->href, BAD_CAST "urn:zorgdoc:doc:1") &&
		    xmlStrEqual(c->name, BAD_CAST name))
			return c;
	return NULL;
}

/* The letterhead logo of doc as a data: URI, for the HTML page and
 * fragment (which then need no file beside them): read from resource_dir
 * by the rules the PDF's logo follows (a relative name, no '..', no URL;
 * a PNG or SVG file of at most 4 MiB). Sets *uri (owned; NULL without a
 * logo) and returns 0, or -1 with an error. */
static int
logo_data_uri(xmlDocPtr doc, const char *dir, char **uri, diag *d)
{
	*uri = NULL;
	xmlNodePtr logo = doc_child(doc_child(xmlDocGetRootElement(doc), "letterhead"), "logo");
	xmlChar *href = logo ? xmlGetNoNsProp(logo, BAD_CAST "href") : NULL;
	if (!href)
		return 0;
	const char *h = (const char *)href;
	int rc = -1;
	char *data = NULL;
	size_t len = 0;
	if (strncmp(h, "data:image/jpeg;base64,", 23) == 0) {
		/* an invoice's frozen logo: already a data: URI */
		*uri = xstrdup(h);
		xmlFree(href);
		return 0;
	}
	if (h[0] == '/' || strstr(h, "..") || strstr(h, "://") || strchr(h, '\\') || !*h) {
		diag_error(d, NULL, 0, 0, "logo: give a file name relative to the document (no '..', no URL)");
		goto out;
	}
	char *path = xasprintf("%s/%s", dir ? dir : ".", h);
	diag local = DIAG_INIT;
	int r = fsio_read_file(path, 4u * 1024u * 1024u, &data, &len, &local);
	diag_free(&local);
	free(path);
	if (r != 0) {
		diag_error(d, NULL, 0, 0, "logo: cannot read '%s' (a PNG or SVG file of at most 4 MiB)", h);
		goto out;
	}
	static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	const char *mime = NULL;
	if (len > 8 && memcmp(data, png_sig, 8) == 0)
		mime = "image/png";
	else
		for (size_t i = 0; i + 4 <= len && !mime; i++)
			if (memcmp(data + i, "<svg", 4) == 0)
				mime = "image/svg+xml";
	if (!mime) {
		diag_error(d, NULL, 0, 0, "logo: '%s' is not a PNG or an SVG", h);
		goto out;
	}
	size_t blen = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = xmalloc(blen);
	sodium_bin2base64(b64, blen, (const unsigned char *)data, len, sodium_base64_VARIANT_ORIGINAL);
	*uri = xasprintf("data:%s;base64,%s", mime, b64);
	free(b64);
	rc = 0;
out:
	free(data);
	xmlFree(href);
	return rc;
}

int
docgen_write(xmlDocPtr doc, const docgen_opts *opt, const char *path, diag *d)
{
	buf b = BUF_INIT;
	int r = -1;
	const char *locale = opt->locale ? opt->locale : "nl";
	switch (opt->format) {
	case DOCGEN_HTML: {
		char *logo = NULL;
		if (logo_data_uri(doc, opt->resource_dir, &logo, d) != 0)
			break;
		const char *params[] = { "locale", locale,
			"fragment", opt->html_fragment ? "yes" : "no",
			"toc-title", opt->toc_title ? opt->toc_title : "Inhoud",
			"logo-src", logo ? logo : "", NULL };
		if (xform_apply_to_buf("html.xsl", doc, params, &b, d) == 0)
			r = write_buf(&b, path, d);
		free(logo);
		break;
	}
	case DOCGEN_TEXT: {
		const char *params[] = { "locale", locale, NULL };
		if (xform_apply_to_buf("text.xsl", doc, params, &b, d) == 0)
			r = write_buf(&b, path, d);
		break;
	}
	case DOCGEN_XML: {
		xmlChar *s = NULL;
		int len = 0;
		xmlDocDumpFormatMemoryEnc(doc, &s, &len, "UTF-8", 1);
		if (s) {
			buf_append(&b, s, (size_t)len);
			xmlFree(s);
			r = write_buf(&b, path, d);
		} else {
			r = diag_error(d, path, 0, 0, "cannot serialise the document");
		}
		break;
	}
	case DOCGEN_PDF:
	case DOCGEN_PNG:
	case DOCGEN_SVG:
		r = docgen_layout_and_render(doc, opt, path, d);
		break;
	case DOCGEN__MAX:
		r = diag_error(d, path, 0, 0, "unknown output format (use .pdf, .png, .svg, .html, .txt or .xml)");
		break;
	}
	buf_free(&b);
	return r;
}
