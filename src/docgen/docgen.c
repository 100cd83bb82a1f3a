/* docgen — see docgen.h. Routes a document to the layout engine and a
 * device, or to the HTML/text templates. */
#include "docgen.h"

#include <string.h>
#include <strings.h>

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

int
docgen_write(xmlDocPtr doc, const docgen_opts *opt, const char *path, diag *d)
{
	buf b = BUF_INIT;
	int r = -1;
	const char *locale = opt->locale ? opt->locale : "nl";
	switch (opt->format) {
	case DOCGEN_HTML: {
		const char *params[] = { "locale", locale,
			"fragment", opt->html_fragment ? "yes" : "no",
			"toc-title", opt->toc_title ? opt->toc_title : "Inhoud", NULL };
		if (xform_apply_to_buf("html.xsl", doc, params, &b, d) == 0)
			r = write_buf(&b, path, d);
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
