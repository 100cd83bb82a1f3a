/* xform — see xform.h. Cached stylesheets and the common parameters. */
#include "xform.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include "../base/paths.h"
#include "../base/xmlsafe.h"

#define MAX_PARAMS 64
#define MAX_CACHE 32

static struct {
	char *name;
	xsltStylesheetPtr ss;
} cache[MAX_CACHE];
static size_t ncache;

static xsltStylesheetPtr
stylesheet_lookup(const char *name, diag *d)
{
	for (size_t i = 0; i < ncache; i++)
		if (strcmp(cache[i].name, name) == 0)
			return cache[i].ss;
	if (strchr(name, '/') || name[0] == '.') {
		diag_error(d, name, 0, 0, "template names are plain file names");
		return NULL;
	}
	char *rel = xasprintf("templates/%s", name);
	char *path = paths_data_file(rel);
	free(rel);
	xsltStylesheetPtr ss = xmlsafe_stylesheet_load(path, d);
	free(path);
	if (!ss)
		return NULL;
	if (ncache == MAX_CACHE) {
		/* never happens with our handful of templates; keep it correct */
		xsltFreeStylesheet(cache[0].ss);
		free(cache[0].name);
		memmove(cache, cache + 1, (MAX_CACHE - 1) * sizeof cache[0]);
		ncache--;
	}
	cache[ncache].name = xstrdup(name);
	cache[ncache].ss = ss;
	ncache++;
	return ss;
}

void
xform_today(char out[11])
{
	time_t t;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end = NULL;
	long long v = sde ? strtoll(sde, &end, 10) : 0;
	if (sde && *sde && end && *end == '\0' && v >= 0)
		t = (time_t)v;
	else
		t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Builds the parameter list: caller's pairs, plus locale and today unless
 * the caller set them. */
static int
build_params(const char **params, const char **all, char today[11], diag *d)
{
	size_t n = 0;
	int has_locale = 0, has_today = 0;
	for (size_t i = 0; params && params[i]; i += 2) {
		if (!params[i + 1] || n + 2 >= MAX_PARAMS - 5)
			return diag_error(d, NULL, 0, 0, "bad template parameters");
		has_locale |= strcmp(params[i], "locale") == 0;
		has_today |= strcmp(params[i], "today") == 0;
		all[n++] = params[i];
		all[n++] = params[i + 1];
	}
	if (!has_locale) {
		all[n++] = "locale";
		all[n++] = "nl";
	}
	if (!has_today) {
		xform_today(today);
		all[n++] = "today";
		all[n++] = today;
	}
	all[n] = NULL;
	return 0;
}

xmlDocPtr
xform_apply(const char *name, xmlDocPtr in, const char **params, diag *d)
{
	xsltStylesheetPtr ss = stylesheet_lookup(name, d);
	if (!ss)
		return NULL;
	const char *all[MAX_PARAMS];
	char today[11];
	if (build_params(params, all, today, d) != 0)
		return NULL;
	return xmlsafe_transform(ss, in, all, name, d);
}

int
xform_apply_to_buf(const char *name, xmlDocPtr in, const char **params, buf *out, diag *d)
{
	xmlDocPtr res = xform_apply(name, in, params, d);
	if (!res)
		return -1;
	xsltStylesheetPtr ss = stylesheet_lookup(name, d);
	xmlChar *s = NULL;
	int len = 0;
	int r = xsltSaveResultToString(&s, &len, res, ss);
	xmlFreeDoc(res);
	if (r != 0) {
		xmlFree(s);
		return diag_error(d, name, 0, 0, "cannot serialise the result");
	}
	if (s)
		buf_append(out, s, (size_t)len);
	xmlFree(s);
	return 0;
}

char *
xform_locale_string(const char *locale, const char *address, const char *id, diag *d)
{
	/* the stylesheet ignores its input: any document will do */
	xmlDocPtr in = xmlNewDoc(BAD_CAST "1.0");
	xmlDocSetRootElement(in, xmlNewDocNode(in, NULL, BAD_CAST "none", NULL));
	const char *params[] = { "locale", locale, "id", id, address ? "address" : NULL, address,
		NULL };
	buf b = BUF_INIT;
	int r = xform_apply_to_buf("locale-string.xsl", in, params, &b, d);
	xmlFreeDoc(in);
	if (r != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

void
xform_cleanup(void)
{
	for (size_t i = 0; i < ncache; i++) {
		xsltFreeStylesheet(cache[i].ss);
		free(cache[i].name);
	}
	ncache = 0;
}
