/* docout — see docout.h. */
#include "docout.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/paths.h"
#include "../xform/xform.h"

int
docout_locale_ok(const char *locale)
{
	if (!locale || strlen(locale) != 2 || locale[0] < 'a' || locale[0] > 'z' ||
	    locale[1] < 'a' || locale[1] > 'z')
		return 0;
	char *rel = xasprintf("locales/%s.xml", locale);
	char *path = paths_data_file(rel);
	int ok = path && access(path, R_OK) == 0;
	free(path);
	free(rel);
	return ok;
}

int
docout_gate(const practice *p, const char *cmd, int draft, diag *d)
{
	diag f = DIAG_INIT;
	int n = practice_lint_blocking(p, draft ? DIAG_WARNING : DIAG_ERROR, &f);
	diag_sort(&f);
	diag_move(d, &f);
	if (n == 0 || draft)
		return 0;
	return diag_error(d, practice_path(p), 0, 0, "%s: no document made: %d finding%s above "
	    "would make it state a violation or contradict itself. Change the practice file as "
	    "%s, or make a draft marked CONCEPT with --draft", cmd, n, n == 1 ? "" : "s",
	    n == 1 ? "it says" : "each says");
}

int
docout_mark_draft(xmlDocPtr doc, const char *locale, const char *address, diag *d)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr meta = NULL;
	for (xmlNodePtr c = root ? root->children : NULL; c && !meta; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "meta"))
			meta = c;
	if (!meta)
		return diag_error(d, NULL, 0, 0, "the document has no meta element to mark as a draft");
	char *mark = xform_locale_string(locale, address, "common.draft", d);
	if (!mark)
		return -1;
	xmlNodePtr n = xmlNewTextChild(meta, meta->ns, BAD_CAST "draft", BAD_CAST mark);
	free(mark);
	if (!n)
		return diag_error(d, NULL, 0, 0, "out of memory");
	return 0;
}

#define MAX_PARAMS 24

xmlDocPtr
docout_transform(const practice *p, const char *tmpl, const char *locale,
    const char **params, diag *d)
{
	const char *all[MAX_PARAMS + 1];
	size_t n = 0;
	const practice_policy *pol = practice_policy_get(p);
	all[n++] = "locale";
	all[n++] = locale;
	if (pol && pol->address) {
		all[n++] = "address";
		all[n++] = pol->address;
	}
	for (size_t i = 0; params && params[i] && params[i + 1]; i += 2) {
		if (n + 2 > MAX_PARAMS) {
			diag_error(d, NULL, 0, 0, "too many template parameters");
			return NULL;
		}
		all[n++] = params[i];
		all[n++] = params[i + 1];
	}
	all[n] = NULL;
	return xform_apply(tmpl, practice_doc(p), all, d);
}

int
docout_write(const practice *p, xmlDocPtr doc, const char *locale, const char *toc_id,
    docgen_format fmt, const char *path, diag *d)
{
	if (fmt == DOCGEN__MAX)
		fmt = docgen_format_from_path(path);
	if (fmt == DOCGEN__MAX)
		return diag_error(d, path, 0, 0, "unknown output format (use .pdf, .png, .svg, "
		    ".html, .txt or .xml)");
	/* the table-of-contents heading, from the locale */
	char *toc = NULL;
	if (fmt == DOCGEN_HTML && toc_id) {
		const practice_policy *pol = practice_policy_get(p);
		toc = xform_locale_string(locale, pol ? pol->address : NULL, toc_id, d);
		if (!toc)
			return -1;
	}
	char *pp = xstrdup(practice_path(p));
	docgen_opts opt = { 0 };
	opt.format = fmt;
	opt.locale = locale;
	opt.toc_title = toc && *toc ? toc : NULL;
	opt.resource_dir = dirname(pp);
	opt.device = RENDER_DEVICE_CAIRO;
	int r = docgen_write(doc, &opt, path, d);
	free(pp);
	free(toc);
	return r;
}
