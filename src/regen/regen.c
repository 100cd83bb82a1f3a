/* regen — plans and makes the document set of a practice (see regen.h).
 *
 * Per output the input hash covers: the kind, item and format; the
 * document's own version, date and previous version; the canonical form
 * of the model parts the kind depends on (kinds.c); the change list it
 * shows; every template file it runs (the kind's template and what it
 * imports, html.xsl or text.xsl for those formats), the locale file, the
 * practice's logo, and the engine version. An output is rebuilt when that
 * hash differs from the manifest's, or the file in DIR is missing or was
 * changed outside zorgdoc.
 *
 * Versions are per document: a document whose model parts did not change
 * keeps the version it was made under, so a new processor does not give
 * the register of an unrelated change a new version number. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "../base/paths.h"
#include "../base/xmlsafe.h"
#include "../docgen/docgen.h"
#include "../modeldiff/modeldiff.h"
#include "../xform/xform.h"
#include "regen_int.h"

#define STAGING ".regen-staging"
#define ENGINE "zorgdoc " ZORGDOC_VERSION

/* ---- small helpers ----------------------------------------------------- */

static void
say(const regen_opts *o, int progress, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(const regen_opts *o, int progress, const char *fmt, ...)
{
	if (!o->say)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	o->say(o->ud, progress, s);
	free(s);
}

static int
is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

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
	char *r = v ? xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return r;
}

static int
exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static void
fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* Removes a flat directory and the files in it. */
static void
remove_flat_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return;
	struct dirent *e;
	while ((e = readdir(dp))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *p = xasprintf("%s/%s", dir, e->d_name);
		unlink(p);
		free(p);
	}
	closedir(dp);
	rmdir(dir);
}

static int
copy_file(const char *from, const char *to, diag *d)
{
	char *data = NULL;
	size_t len = 0;
	if (fsio_read_file(from, 256u * 1024u * 1024u, &data, &len, d) != 0)
		return -1;
	int r = fsio_write_file(to, data, len, FSIO_NOREPLACE, d);
	free(data);
	return r;
}

/* Does the token list `list` hold `tok`? */
static int
has_word(const char *list, const char *tok)
{
	size_t tl = strlen(tok);
	for (const char *p = list; *p;) {
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

/* ---- model parts ------------------------------------------------------- */

/* The canonical form of the listed parts of the model. */
static void
parts_canon(xmlNodePtr root, const char *parts, buf *out)
{
	for (const char *p = parts; *p;) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		if (e == p)
			break;
		char *part = xstrndup(p, (size_t)(e - p));
		char *slash = strchr(part, '/');
		char *id = NULL;
		if (slash) {
			*slash = '\0';
			id = slash + 1;
		}
		buf_printf(out, "[%s]", part);
		for (xmlNodePtr c = root->children; c; c = c->next) {
			if (!is_el(c, part))
				continue;
			if (!id) {
				modeldiff_canon(c, 1, out);
				continue;
			}
			for (xmlNodePtr k = c->children; k; k = k->next) {
				char *kid = k->type == XML_ELEMENT_NODE ? attr(k, "id") : NULL;
				if (kid && strcmp(kid, id) == 0)
					modeldiff_canon(k, 1, out);
				free(kid);
			}
		}
		free(part);
		p = e;
	}
}

/* Is the kind's condition ("ELEMENT/@ATTR=VALUE") true of the model? */
static int
kind_applies(const regen_kind *k, xmlNodePtr root)
{
	if (!k->when)
		return 1;
	const char *slash = strstr(k->when, "/@"), *eq = strchr(k->when, '=');
	if (!slash || !eq)
		return 0;
	char *el = xstrndup(k->when, (size_t)(slash - k->when));
	char *at = xstrndup(slash + 2, (size_t)(eq - slash - 2));
	char *v = attr(child(root, el), at);
	int r = v && strcmp(v, eq + 1) == 0;
	free(v);
	free(el);
	free(at);
	return r;
}

/* ---- dependencies ------------------------------------------------------ */

typedef struct {
	char **name;
	char (*sha)[65];
	size_t n;
} deps;

static void
deps_add(deps *ds, const char *name, const char *sha)
{
	for (size_t i = 0; i < ds->n; i++)
		if (strcmp(ds->name[i], name) == 0)
			return;
	ds->name = xrealloc(ds->name, (ds->n + 1) * sizeof *ds->name);
	ds->sha = xrealloc(ds->sha, (ds->n + 1) * sizeof *ds->sha);
	ds->name[ds->n] = xstrdup(name);
	memcpy(ds->sha[ds->n], sha, 65);
	ds->n++;
}

static void
deps_free(deps *ds)
{
	for (size_t i = 0; i < ds->n; i++)
		free(ds->name[i]);
	free(ds->name);
	free(ds->sha);
	memset(ds, 0, sizeof *ds);
}

/* Adds templates/<name> and, recursively, what it imports/includes. */
static int
deps_template(deps *ds, const char *name, diag *d)
{
	char *rel = xasprintf("templates/%s", name);
	for (size_t i = 0; i < ds->n; i++)
		if (strcmp(ds->name[i], rel) == 0) {
			free(rel);
			return 0;
		}
	char *path = paths_data_file(rel);
	char sha[65];
	if (!path || regen_sha_file(path, sha) != 0) {
		diag_error(d, NULL, 0, 0, "template %s is missing from the data directory", rel);
		free(rel);
		free(path);
		return -1;
	}
	deps_add(ds, rel, sha);
	free(rel);
	xmlDocPtr doc = xmlsafe_read_file(path, d);
	free(path);
	if (!doc)
		return -1;
	int r = 0;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	for (xmlNodePtr c = root ? root->children : NULL; c && r == 0; c = c->next) {
		if (!is_el(c, "import") && !is_el(c, "include"))
			continue;
		char *href = attr(c, "href");
		if (href && !strchr(href, '/'))
			r = deps_template(ds, href, d);
		free(href);
	}
	xmlFreeDoc(doc);
	return r;
}

static char *
deps_string(const deps *ds)
{
	buf b = BUF_INIT;
	for (size_t i = 0; i < ds->n; i++)
		buf_printf(&b, "%s%s=%s", i ? "," : "", ds->name[i], ds->sha[i]);
	char *s = buf_detach(&b);
	return s ? s : xstrdup("");
}

/* ---- the plan ---------------------------------------------------------- */

typedef struct {
	const regen_kind *k;
	char *item;                 /* NULL: none */
	char *format;               /* "pdf" ... */
	docgen_format fmt;
	char *name;                 /* file name in DIR */
	char *parts;                /* the kind's parts (+ item part) */
	char parts_sha[65];
	char *docversion, *doceffective, *prevversion;
	xmlDocPtr changes;          /* the change list it shows (owned), or NULL */
	char *deps;
	char input_sha[65];
	char output_sha[65];
	int rebuild;
	buf why;                    /* reasons, one per line */
} plan_out;

typedef struct {
	plan_out *v;
	size_t n;
} plan;

static void
plan_free(plan *pl)
{
	for (size_t i = 0; i < pl->n; i++) {
		plan_out *o = &pl->v[i];
		free(o->item);
		free(o->format);
		free(o->name);
		free(o->parts);
		free(o->docversion);
		free(o->doceffective);
		free(o->prevversion);
		xmlFreeDoc(o->changes);
		free(o->deps);
		buf_free(&o->why);
	}
	free(pl->v);
	memset(pl, 0, sizeof *pl);
}

static docgen_format
format_of(const char *name)
{
	return docgen_format_from_name(name);
}

/* The change list belonging to a version: this run's when it is the
 * current version, else archive/<version>/changes.xml (cached in *cache). */
typedef struct {
	const char *outdir;
	const char *cur_version;
	xmlDocPtr cur;
	char **ver;
	xmlDocPtr *doc;
	size_t n;
} changes_cache;

static xmlDocPtr
changes_for(changes_cache *cc, const char *version)
{
	if (strcmp(version, cc->cur_version) == 0)
		return cc->cur;
	for (size_t i = 0; i < cc->n; i++)
		if (strcmp(cc->ver[i], version) == 0)
			return cc->doc[i];
	char *path = xasprintf("%s/archive/%s/changes.xml", cc->outdir, version);
	diag ignore = DIAG_INIT;
	xmlDocPtr doc = exists(path) ? xmlsafe_read_file(path, &ignore) : NULL;
	diag_free(&ignore);
	free(path);
	cc->ver = xrealloc(cc->ver, (cc->n + 1) * sizeof *cc->ver);
	cc->doc = xrealloc(cc->doc, (cc->n + 1) * sizeof *cc->doc);
	cc->ver[cc->n] = xstrdup(version);
	cc->doc[cc->n] = doc;
	cc->n++;
	return doc;
}

static void
changes_cache_free(changes_cache *cc)
{
	for (size_t i = 0; i < cc->n; i++) {
		free(cc->ver[i]);
		xmlFreeDoc(cc->doc[i]);
	}
	free(cc->ver);
	free(cc->doc);
}

/* Lines of text for a change list (templates/changes-text.xsl). */
static int
changes_lines(xmlDocPtr ch, const char *locale, const char *address, int header, buf *out, diag *d)
{
	const char *params[] = { "locale", locale, "address", address,
		"header", header ? "yes" : "no", NULL };
	return xform_apply_to_buf("changes-text.xsl", ch, params, out, d);
}

/* ---- bump ---------------------------------------------------------------- */

char *
regen_bump_version(const char *v)
{
	size_t len = strlen(v);
	size_t end = len;
	while (end > 0 && !(v[end - 1] >= '0' && v[end - 1] <= '9'))
		end--;
	if (end == 0)
		return NULL;
	size_t start = end;
	while (start > 0 && v[start - 1] >= '0' && v[start - 1] <= '9')
		start--;
	/* increment the digit run [start, end) as a decimal string */
	size_t w = end - start;
	char *digits = xstrndup(v + start, w);
	int carry = 1;
	for (size_t i = w; i-- > 0 && carry;) {
		if (digits[i] == '9') {
			digits[i] = '0';
		} else {
			digits[i]++;
			carry = 0;
		}
	}
	char *res = xasprintf("%.*s%s%s%s", (int)start, v, carry ? "1" : "", digits, v + end);
	free(digits);
	return res;
}

/* Replaces the value of attribute `name` inside the tag starting at
 * `tag` (which ends at the first '>'). Returns a new buffer or NULL. */
static char *
replace_attr(const char *data, size_t len, const char *tag, const char *name, const char *value)
{
	const char *end = memchr(tag, '>', (size_t)(data + len - tag));
	if (!end)
		return NULL;
	size_t nl = strlen(name);
	for (const char *p = tag; p + nl + 2 < end; p++) {
		if (!(p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '\r'))
			continue;
		if (strncmp(p, name, nl) != 0)
			continue;
		const char *q = p + nl;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '\n'))
			q++;
		if (q >= end || *q != '=')
			continue;
		q++;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '\n'))
			q++;
		if (q >= end || (*q != '"' && *q != '\''))
			continue;
		char quote = *q;
		const char *vstart = q + 1;
		const char *vend = memchr(vstart, quote, (size_t)(end - vstart));
		if (!vend)
			return NULL;
		return xasprintf("%.*s%s%.*s", (int)(vstart - data), data, value,
		    (int)(data + len - vend), vend);
	}
	return NULL;
}

/* Writes a new version and effective date into the practice file's
 * <policy> tag, leaving every other byte as it was; checks the result
 * parses to the new values before replacing the file atomically. */
static int
bump_file(const char *path, const char *version, const char *effective, diag *d)
{
	char *data = NULL;
	size_t len = 0;
	if (fsio_read_file(path, XMLSAFE_MAX_BYTES, &data, &len, d) != 0)
		return -1;
	int r = -1;
	char *a = NULL, *b = NULL;
	xmlDocPtr check = NULL;
	const char *tag = NULL;
	for (const char *p = data; (p = strstr(p, "<policy")); p++) {
		char c = p[7];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			tag = p;
			break;
		}
	}
	if (!tag)
		goto fail;
	a = replace_attr(data, len, tag, "version", version);
	if (!a)
		goto fail;
	b = replace_attr(a, strlen(a), a + (tag - data), "effective", effective);
	if (!b)
		goto fail;
	diag ignore = DIAG_INIT;
	check = xmlsafe_read_memory(b, strlen(b), path, &ignore);
	diag_free(&ignore);
	xmlNodePtr pol = check ? child(xmlDocGetRootElement(check), "policy") : NULL;
	char *v = attr(pol, "version"), *e = attr(pol, "effective");
	int good = v && e && strcmp(v, version) == 0 && strcmp(e, effective) == 0;
	free(v);
	free(e);
	if (!good)
		goto fail;
	r = fsio_write_file(path, b, strlen(b), FSIO_REPLACE, d);
	goto out;
fail:
	diag_error(d, path, 0, 0, "policy: could not write the new version into the file; "
	    "set policy/@version to %s and policy/@effective to %s by hand", version, effective);
out:
	xmlFreeDoc(check);
	free(a);
	free(b);
	free(data);
	return r;
}

/* ---- making one output --------------------------------------------------- */

static int
make_output(const practice *p, const plan_out *o, const char *locale, const char *path, diag *d)
{
	xmlDocPtr model = xmlCopyDoc(practice_doc(p), 1);
	xmlNodePtr root = xmlDocGetRootElement(model);
	xmlNodePtr pol = child(root, "policy");
	if (pol) {
		xmlSetProp(pol, BAD_CAST "version", BAD_CAST o->docversion);
		xmlSetProp(pol, BAD_CAST "effective", BAD_CAST o->doceffective);
	}
	if (o->changes) {
		xmlNodePtr ch = xmlDocCopyNode(xmlDocGetRootElement(o->changes), model, 1);
		xmlAddChild(root, ch);
	}
	const char *params[5] = { NULL };
	size_t np = 0;
	if (o->k->per_param && o->item) {
		params[np++] = o->k->per_param;
		params[np++] = o->item;
	}
	params[np++] = "locale";
	params[np++] = locale;
	params[np] = NULL;
	int r = -1;
	char *toc = NULL, *resdir = NULL;
	xmlDocPtr doc = xform_apply(o->k->tmpl, model, params, d);
	if (!doc)
		goto out;
	/* the contents heading of HTML is the one string docgen needs */
	if (o->fmt == DOCGEN_HTML) {
		const practice_policy *pp = practice_policy_get(p);
		toc = xform_locale_string(locale, pp ? pp->address : NULL, o->k->toc_id, d);
		if (!toc)
			goto out;
	}
	resdir = paths_dir_of(practice_path(p));
	docgen_opts opt = {
		.format = o->fmt,
		.locale = locale,
		.toc_title = toc,
		.resource_dir = resdir,
	};
	r = docgen_write(doc, &opt, path, d);
out:
	free(toc);
	free(resdir);
	xmlFreeDoc(doc);
	xmlFreeDoc(model);
	return r;
}

/* ---- the run ------------------------------------------------------------- */

static char *
xml_string(xmlDocPtr doc)
{
	buf b = BUF_INIT;
	if (doc)
		modeldiff_canon(xmlDocGetRootElement(doc), 0, &b);
	char *s = buf_detach(&b);
	return s ? s : xstrdup("");
}

/* Adds the reasons why output o (previously prev) is rebuilt. */
static void
explain(const regen_opts *opt, plan_out *o, const manifest_out *prev, int first,
    xmlDocPtr cur_changes, const char *address, const char *outpath, diag *d)
{
	if (!prev) {
		buf_puts(&o->why, first ? "first version\n" : "new document\n");
		return;
	}
	char sha[65];
	if (!exists(outpath)) {
		buf_puts(&o->why, "missing from the output directory\n");
	} else if (regen_sha_file(outpath, sha) != 0 || strcmp(sha, prev->output_sha) != 0) {
		buf_puts(&o->why, "changed outside zorgdoc since the last run\n");
	}
	if (strcmp(prev->parts_sha, o->parts_sha) != 0) {
		xmlDocPtr f = cur_changes ? modeldiff_filter(cur_changes, o->parts) : NULL;
		int n = f ? modeldiff_count(f, NULL) : 0;
		if (n > 0) {
			buf lines = BUF_INIT;
			if (changes_lines(f, opt->locale, address, 0, &lines, d) == 0)
				buf_append(&o->why, lines.s, lines.len);
			buf_free(&lines);
		} else {
			buf_puts(&o->why, "practice content it uses changed\n");
		}
		xmlFreeDoc(f);
	}
	/* dependency files */
	const char *od = prev->deps, *nd = o->deps;
	for (const char *p = nd; *p;) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		char *entry = xstrndup(p, l);
		char *eq = strchr(entry, '=');
		if (eq) {
			*eq = '\0';
			char *want = xasprintf("%s=%s", entry, eq + 1);
			if (!strstr(od, want)) {
				char *key = xasprintf("%s=", entry);
				const char *what = strncmp(entry, "templates/", 10) == 0 ? "template" :
				    strncmp(entry, "locales/", 8) == 0 ? "locale file" :
				    strncmp(entry, "logo:", 5) == 0 ? "logo" : "input";
				const char *nm = strncmp(entry, "templates/", 10) == 0 ? entry + 10 :
				    strncmp(entry, "locales/", 8) == 0 ? entry + 8 :
				    strncmp(entry, "logo:", 5) == 0 ? entry + 5 : entry;
				if (strncmp(entry, "engine", 6) == 0)
					buf_printf(&o->why, "engine is now %s\n", ENGINE);
				else
					buf_printf(&o->why, "%s %s %s\n", what, nm,
					    strstr(od, key) ? "changed" : "now used");
				free(key);
			}
			free(want);
		}
		free(entry);
		p = e ? e + 1 : p + l;
	}
	if (strcmp(prev->docversion, o->docversion) != 0 && o->why.len == 0)
		buf_printf(&o->why, "version %s\n", o->docversion);
	if (o->why.len == 0)
		buf_puts(&o->why, "inputs changed\n");
}

static int
archive_set(const regen_opts *opt, const plan *pl, const char *version, xmlDocPtr changes,
    const manifest *m, diag *d)
{
	char *arch = xasprintf("%s/archive", opt->outdir);
	char *final = paths_join_safe(arch, version, d);
	char *tmp = xasprintf("%s/.tmp-%ld", arch, (long)getpid());
	int r = -1;
	if (!final)
		goto out;
	if (exists(final)) {
		r = 0;
		goto out;
	}
	if (fsio_mkdirs(tmp, d) != 0)
		goto out;
	for (size_t i = 0; i < pl->n; i++) {
		char *from = xasprintf("%s/%s", opt->outdir, pl->v[i].name);
		char *to = xasprintf("%s/%s", tmp, pl->v[i].name);
		int c = copy_file(from, to, d);
		free(from);
		free(to);
		if (c != 0)
			goto fail;
	}
	{
		char *to = xasprintf("%s/practice.xml", tmp);
		int c = copy_file(opt->practice, to, d);
		free(to);
		if (c != 0)
			goto fail;
		xmlChar *mem = NULL;
		int len = 0;
		xmlDocDumpFormatMemoryEnc(changes, &mem, &len, "UTF-8", 1);
		to = xasprintf("%s/changes.xml", tmp);
		c = fsio_write_file(to, mem, (size_t)len, FSIO_NOREPLACE, d);
		xmlFree(mem);
		free(to);
		if (c != 0)
			goto fail;
		to = xasprintf("%s/manifest.tsv", tmp);
		c = manifest_save(to, m, d);
		free(to);
		if (c != 0)
			goto fail;
	}
	if (rename(tmp, final) != 0) {
		diag_error(d, final, 0, 0, "cannot archive version %s: %s", version, strerror(errno));
		goto fail;
	}
	fsync_dir(arch);
	r = 1;
	goto out;
fail:
	remove_flat_dir(tmp);
out:
	free(arch);
	free(final);
	free(tmp);
	return r;
}

static char *
dupe(const char *s)
{
	return xstrdup(s ? s : "");
}

int
regen_run(const regen_opts *opt, regen_result *res, diag *d)
{
	memset(res, 0, sizeof *res);
	const char *locale = opt->locale ? opt->locale : "nl";
	regen_opts o = *opt;
	o.locale = locale;
	manifest m = { 0 }, nm = { 0 };
	plan pl = { 0 };
	changes_cache cc = { 0 };
	practice *p = NULL;
	xmlDocPtr cur_changes = NULL, old_model = NULL;
	char *manifest_path = xasprintf("%s/manifest.tsv", opt->outdir);
	char *staging = xasprintf("%s/" STAGING, opt->outdir);
	char *cur_version = NULL, *cur_effective = NULL, *logo_path = NULL;
	int status = -1, content_changed = 0;
	deps common = { 0 };

	p = practice_load(opt->practice, d);
	if (!p)
		goto out;
	/* regen publishes: a set with a document that would state a violation
	 * or contradict itself is not made at all (drafts come from privacy,
	 * dpa and register --draft, never into a published set) */
	int nblock = practice_lint_blocking(p, DIAG_ERROR, d);
	if (nblock > 0) {
		diag_error(d, opt->practice, 0, 0, "regen: nothing made or changed: %d finding%s "
		    "above would make a document state a violation or contradict itself. Change "
		    "the practice file as %s; a draft of one document can be made with zorgdoc "
		    "privacy, dpa or register --draft", nblock, nblock == 1 ? "" : "s",
		    nblock == 1 ? "it says" : "each says");
		goto out;
	}
	if (fsio_mkdirs(opt->outdir, d) != 0)
		goto out;
	int have = manifest_load(manifest_path, &m, d);
	if (have < 0)
		goto out;
	if (have && strcmp(m.locale ? m.locale : "nl", locale) != 0) {
		diag_error(d, manifest_path, 0, 0, "this directory holds the %s documents; "
		    "use another directory for --locale %s", m.locale, locale);
		goto out;
	}

	char model_sha[65];
	modeldiff_model_sha(practice_doc(p), model_sha);
	const practice_policy *pol = practice_policy_get(p);
	cur_version = dupe(pol->version);
	cur_effective = dupe(pol->effective);

	if (have && strcmp(model_sha, m.model_sha) != 0) {
		char *old_path = xasprintf("%s/archive/%s/practice.xml", opt->outdir, m.version);
		diag ignore = DIAG_INIT;
		old_model = exists(old_path) ? xmlsafe_read_file(old_path, &ignore) : NULL;
		diag_free(&ignore);
		free(old_path);
		/* the hash differs but the diff finds nothing: the canonical form
		 * itself changed (a newer zorgdoc), not the content */
		xmlDocPtr probe = old_model ? modeldiff_run(old_model, practice_doc(p), &ignore) : NULL;
		diag_free(&ignore);
		content_changed = !probe || modeldiff_count(probe, NULL) > 0 ||
		    (m.engine && strcmp(m.engine, ENGINE) == 0);
		xmlFreeDoc(probe);
	}
	if (content_changed) {
		if (strcmp(cur_version, m.version) == 0) {
			/* a changed model under the published version */
			xmlDocPtr ch = old_model ? modeldiff_run(old_model, practice_doc(p), d) : NULL;
			buf lines = BUF_INIT;
			if (ch)
				changes_lines(ch, locale, pol->address ? pol->address : "u", 0, &lines, d);
			if (!opt->bump) {
				char *nv = regen_bump_version(cur_version);
				diag_error(d, opt->practice, 0, 0, "policy/@version: the practice changed "
				    "since version %s was published, but still says version %s; two "
				    "different documents must never carry one version. Raise "
				    "policy/@version (e.g. to %s) and policy/@effective, or run "
				    "zorgdoc regen --bump. What changed:\n%s", m.version, cur_version,
				    nv ? nv : "a new number", lines.len ? lines.s : old_model ?
				    "(a change the diff does not describe)\n" : "(the archived model "
				    "is missing: no details)\n");
				free(nv);
				buf_free(&lines);
				xmlFreeDoc(ch);
				goto out;
			}
			buf_free(&lines);
			xmlFreeDoc(ch);
			char *nv = regen_bump_version(cur_version);
			if (!nv) {
				diag_error(d, opt->practice, 0, 0, "policy/@version '%s' has no number "
				    "to raise; set a new version by hand", cur_version);
				goto out;
			}
			char today[11];
			xform_today(today);
			const char *eff = opt->effective ? opt->effective : today;
			if (strcmp(eff, m.effective) < 0)
				eff = m.effective;
			if (opt->dry_run) {
				say(&o, 0, "would bump version %s -> %s, effective %s", cur_version, nv, eff);
			} else {
				if (bump_file(opt->practice, nv, eff, d) != 0) {
					free(nv);
					goto out;
				}
				say(&o, 0, "%s: version %s -> %s, effective %s", opt->practice,
				    cur_version, nv, eff);
				practice_free(p);
				p = practice_load(opt->practice, d);
				if (!p) {
					free(nv);
					goto out;
				}
				pol = practice_policy_get(p);
			}
			free(cur_version);
			free(cur_effective);
			cur_version = nv;
			cur_effective = xstrdup(eff);
		}
		char *arch = xasprintf("%s/archive/%s", opt->outdir, cur_version);
		int taken = exists(arch);
		free(arch);
		if (taken) {
			diag_error(d, opt->practice, 0, 0, "policy/@version: version %s was published "
			    "before with other content (see %s/archive/%s); choose a new version",
			    cur_version, opt->outdir, cur_version);
			goto out;
		}
		if (old_model) {
			cur_changes = modeldiff_run(old_model, practice_doc(p), d);
			if (!cur_changes)
				goto out;
			xmlNodePtr r = xmlDocGetRootElement(cur_changes);
			xmlSetProp(r, BAD_CAST "from-version", BAD_CAST m.version);
			xmlSetProp(r, BAD_CAST "from-effective", BAD_CAST m.effective);
			xmlSetProp(r, BAD_CAST "to-version", BAD_CAST cur_version);
			xmlSetProp(r, BAD_CAST "to-effective", BAD_CAST cur_effective);
		} else {
			say(&o, 1, "regen: archive/%s/practice.xml is missing: the change list of "
			    "version %s stays empty", m.version, cur_version);
			cur_changes = modeldiff_empty(cur_version, cur_effective);
		}
	} else if (have) {
		if (strcmp(cur_version, m.version) != 0)
			say(&o, 0, "the version changed from %s to %s but the content did not: "
			    "the documents keep version %s", m.version, cur_version, m.version);
		free(cur_version);
		free(cur_effective);
		cur_version = xstrdup(m.version);
		cur_effective = xstrdup(m.effective);
		char *path = xasprintf("%s/archive/%s/changes.xml", opt->outdir, cur_version);
		diag ignore = DIAG_INIT;
		cur_changes = exists(path) ? xmlsafe_read_file(path, &ignore) : NULL;
		diag_free(&ignore);
		free(path);
		if (!cur_changes)
			cur_changes = modeldiff_empty(cur_version, cur_effective);
	} else {
		cur_changes = modeldiff_empty(cur_version, cur_effective);
	}
	cc.outdir = opt->outdir;
	cc.cur_version = cur_version;
	cc.cur = cur_changes;

	/* files every output depends on */
	{
		char *rel = xasprintf("locales/%s.xml", locale);
		char *lp = paths_data_file(rel);
		char sha[65];
		if (!lp || regen_sha_file(lp, sha) != 0) {
			diag_error(d, NULL, 0, 0, "%s is missing from the data directory", rel);
			free(rel);
			free(lp);
			goto out;
		}
		deps_add(&common, rel, sha);
		free(rel);
		free(lp);
		char sha_e[65];
		regen_sha(ENGINE, strlen(ENGINE), sha_e);
		deps_add(&common, "engine", sha_e);
		const practice_identity *id = practice_identity_get(p);
		if (id->logo_file) {
			char *dir = paths_dir_of(opt->practice);
			logo_path = xasprintf("%s/%s", dir, id->logo_file);
			free(dir);
			if (regen_sha_file(logo_path, sha) == 0) {
				char *nmk = xasprintf("logo:%s", id->logo_file);
				for (char *c = nmk; *c; c++)
					if (*c == ',' || *c == '\t' || *c == '\n' || *c == '=')
						*c = '_';
				deps_add(&common, nmk, sha);
				free(nmk);
			}
		}
	}

	/* plan */
	xmlNodePtr root = xmlDocGetRootElement(practice_doc(p));
	const char *address = pol->address ? pol->address : "u";
	for (size_t ki = 0; ki < regen_nkinds; ki++) {
		const regen_kind *k = &regen_kinds[ki];
		char *rel = xasprintf("templates/%s", k->tmpl);
		char *tp = paths_data_file(rel);
		int installed = tp && exists(tp);
		free(rel);
		free(tp);
		if (!installed || !kind_applies(k, root))
			continue;
		/* items */
		char **items = NULL;
		size_t nitems = 0;
		if (k->per) {
			const char *slash = strchr(k->per, '/');
			char *parent = xstrndup(k->per, (size_t)(slash - k->per));
			for (xmlNodePtr c = child(root, parent) ? child(root, parent)->children : NULL; c; c = c->next) {
				char *id = is_el(c, slash + 1) ? attr(c, "id") : NULL;
				if (id) {
					items = xrealloc(items, (nitems + 1) * sizeof *items);
					items[nitems++] = id;
				}
			}
			free(parent);
		} else {
			items = xmalloc(sizeof *items);
			items[nitems++] = NULL;
		}
		for (size_t ii = 0; ii < nitems; ii++) {
			deps kd = { 0 };
			if (deps_template(&kd, k->tmpl, d) != 0) {
				deps_free(&kd);
				for (size_t j = ii; j < nitems; j++)
					free(items[j]);
				free(items);
				goto out;
			}
			for (const char *f = k->formats; *f;) {
				while (*f == ' ')
					f++;
				const char *e = f;
				while (*e && *e != ' ')
					e++;
				if (e == f)
					break;
				pl.v = xrealloc(pl.v, (pl.n + 1) * sizeof *pl.v);
				plan_out *po = &pl.v[pl.n++];
				memset(po, 0, sizeof *po);
				po->k = k;
				po->item = items[ii] ? xstrdup(items[ii]) : NULL;
				po->format = xstrndup(f, (size_t)(e - f));
				po->fmt = format_of(po->format);
				char *base = xasprintf(k->file, po->item ? po->item : "");
				po->name = xasprintf("%s.%s", base, po->format);
				free(base);
				po->parts = po->item && k->per ? xasprintf("%s %.*s/%s", k->parts,
				    (int)(strchr(k->per, '/') - k->per), k->per, po->item) : xstrdup(k->parts);
				buf pc = BUF_INIT;
				parts_canon(root, po->parts, &pc);
				regen_sha(pc.s ? pc.s : "", pc.len, po->parts_sha);
				buf_free(&pc);
				/* dependencies of this format */
				deps fd = { 0 };
				for (size_t j = 0; j < kd.n; j++)
					deps_add(&fd, kd.name[j], kd.sha[j]);
				if (po->fmt == DOCGEN_HTML && deps_template(&fd, "html.xsl", d) != 0)
					goto plan_fail;
				if (po->fmt == DOCGEN_TEXT && deps_template(&fd, "text.xsl", d) != 0)
					goto plan_fail;
				for (size_t j = 0; j < common.n; j++)
					deps_add(&fd, common.name[j], common.sha[j]);
				po->deps = deps_string(&fd);
				deps_free(&fd);
				f = e;
				continue;
plan_fail:
				deps_free(&fd);
				deps_free(&kd);
				for (size_t j = ii; j < nitems; j++)
					free(items[j]);
				free(items);
				goto out;
			}
			deps_free(&kd);
			free(items[ii]);
		}
		free(items);
	}

	/* versions, change lists, input hashes and what to rebuild */
	int nrebuild = 0;
	for (size_t i = 0; i < pl.n; i++) {
		plan_out *po = &pl.v[i];
		const manifest_out *prev = have ? manifest_find(&m, po->name) : NULL;
		if (prev && strcmp(prev->parts_sha, po->parts_sha) == 0 &&
		    strcmp(prev->docversion, "-") != 0) {
			po->docversion = xstrdup(prev->docversion);
			po->doceffective = xstrdup(prev->doceffective);
			po->prevversion = xstrdup(prev->prevversion);
		} else {
			po->docversion = xstrdup(cur_version);
			po->doceffective = xstrdup(cur_effective);
			po->prevversion = xstrdup(prev ? prev->docversion : "-");
		}
		if (po->k->changes) {
			xmlDocPtr vc = changes_for(&cc, po->docversion);
			po->changes = vc ? modeldiff_filter(vc, po->k->parts) :
			    modeldiff_empty(po->docversion, po->doceffective);
			xmlNodePtr r = xmlDocGetRootElement(po->changes);
			xmlSetProp(r, BAD_CAST "from-version", BAD_CAST(strcmp(po->prevversion, "-") ? po->prevversion : ""));
			xmlSetProp(r, BAD_CAST "to-version", BAD_CAST po->docversion);
			xmlSetProp(r, BAD_CAST "to-effective", BAD_CAST po->doceffective);
		}
		char *chs = xml_string(po->changes);
		buf in = BUF_INIT;
		buf_printf(&in, "%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n", po->k->kind,
		    po->item ? po->item : "-", po->format, locale, po->docversion, po->doceffective,
		    po->prevversion, po->parts_sha, chs, po->deps);
		regen_sha(in.s, in.len, po->input_sha);
		buf_free(&in);
		free(chs);
		char *outpath = xasprintf("%s/%s", opt->outdir, po->name);
		char sha[65];
		po->rebuild = !prev || strcmp(prev->input_sha, po->input_sha) != 0 ||
		    regen_sha_file(outpath, sha) != 0 || strcmp(sha, prev->output_sha) != 0;
		if (po->rebuild) {
			nrebuild++;
			explain(&o, po, prev, !have, cur_changes, address, outpath, d);
		} else {
			memcpy(po->output_sha, prev->output_sha, 65);
		}
		free(outpath);
	}
	/* outputs of the previous set that are gone (a processor removed) */
	int nremove = 0;
	for (size_t i = 0; have && i < m.nouts; i++) {
		int kept = 0;
		for (size_t j = 0; j < pl.n && !kept; j++)
			kept = strcmp(pl.v[j].name, m.outs[i].name) == 0;
		nremove += !kept;
	}
	res->planned = (int)pl.n;
	res->version = xstrdup(cur_version);

	if (nrebuild == 0 && nremove == 0) {
		say(&o, 0, "nothing to rebuild: %zu documents up to date (version %s)", pl.n, cur_version);
		status = 0;
		goto notify;
	}
	for (size_t i = 0; i < pl.n; i++) {
		if (!pl.v[i].rebuild)
			continue;
		const char *w = pl.v[i].why.s ? pl.v[i].why.s : "";
		while (*w) {
			const char *e = strchr(w, '\n');
			size_t l = e ? (size_t)(e - w) : strlen(w);
			say(&o, 0, "%s: %.*s", pl.v[i].name, (int)l, w);
			w += l + (e ? 1 : 0);
		}
	}
	if (opt->dry_run) {
		say(&o, 0, "dry run: %d of %zu documents would be rebuilt", nrebuild, pl.n);
		status = 0;
		goto out;
	}

	/* build everything in the staging directory */
	remove_flat_dir(staging);
	if (fsio_mkdirs(staging, d) != 0)
		goto out;
	int done = 0;
	for (size_t i = 0; i < pl.n; i++) {
		plan_out *po = &pl.v[i];
		if (!po->rebuild)
			continue;
		say(&o, 1, "regen: [%d/%d] %s", ++done, nrebuild, po->name);
		char *sp = xasprintf("%s/%s", staging, po->name);
		int r = make_output(p, po, locale, sp, d);
		if (r == 0 && regen_sha_file(sp, po->output_sha) != 0)
			r = diag_error(d, sp, 0, 0, "cannot read back what was written");
		free(sp);
		if (r != 0) {
			diag_error(d, opt->outdir, 0, 0, "%s could not be made; nothing was replaced: "
			    "the previous documents and manifest in %s are as they were",
			    po->name, opt->outdir);
			remove_flat_dir(staging);
			goto out;
		}
	}
	/* every target must be replaceable before anything is replaced */
	for (size_t i = 0; i < pl.n; i++) {
		if (!pl.v[i].rebuild)
			continue;
		char *tp = xasprintf("%s/%s", opt->outdir, pl.v[i].name);
		struct stat st;
		int bad = lstat(tp, &st) == 0 && !S_ISREG(st.st_mode);
		if (bad)
			diag_error(d, tp, 0, 0, "is in the way (not a regular file); nothing was "
			    "replaced: the previous documents and manifest are as they were");
		free(tp);
		if (bad) {
			remove_flat_dir(staging);
			goto out;
		}
	}
	for (size_t i = 0; i < pl.n; i++) {
		if (!pl.v[i].rebuild)
			continue;
		char *sp = xasprintf("%s/%s", staging, pl.v[i].name);
		char *tp = xasprintf("%s/%s", opt->outdir, pl.v[i].name);
		int r = rename(sp, tp);
		if (r != 0)
			diag_error(d, tp, 0, 0, "cannot put in place: %s (the manifest was not "
			    "updated; run regen again)", strerror(errno));
		free(sp);
		free(tp);
		if (r != 0)
			goto out;
		res->rebuilt++;
	}
	fsync_dir(opt->outdir);
	remove_flat_dir(staging);
	for (size_t i = 0; have && i < m.nouts; i++) {
		int kept = 0;
		for (size_t j = 0; j < pl.n && !kept; j++)
			kept = strcmp(pl.v[j].name, m.outs[i].name) == 0;
		if (kept)
			continue;
		char *tp = xasprintf("%s/%s", opt->outdir, m.outs[i].name);
		unlink(tp);
		free(tp);
		say(&o, 0, "%s: removed (no longer part of the practice; kept in archive/%s)",
		    m.outs[i].name, m.outs[i].docversion);
		res->removed++;
	}

	/* the new manifest */
	nm.engine = xstrdup(ENGINE);
	nm.version = xstrdup(cur_version);
	nm.effective = xstrdup(cur_effective);
	nm.model_sha = xstrdup(model_sha);
	nm.locale = xstrdup(locale);
	for (size_t i = 0; have && i < m.npublished; i++) {
		nm.published = xrealloc(nm.published, (nm.npublished + 1) * sizeof *nm.published);
		nm.published[nm.npublished++] = xstrdup(m.published[i]);
	}
	if (!have || content_changed) {
		nm.published = xrealloc(nm.published, (nm.npublished + 1) * sizeof *nm.published);
		nm.published[nm.npublished++] = xstrdup(cur_version);
	}
	nm.outs = xcalloc(pl.n ? pl.n : 1, sizeof *nm.outs);
	for (size_t i = 0; i < pl.n; i++) {
		plan_out *po = &pl.v[i];
		manifest_out *mo = &nm.outs[nm.nouts++];
		mo->name = xstrdup(po->name);
		mo->kind = xstrdup(po->k->kind);
		mo->item = xstrdup(po->item ? po->item : "-");
		mo->format = xstrdup(po->format);
		mo->docversion = xstrdup(po->docversion);
		mo->doceffective = xstrdup(po->doceffective);
		mo->prevversion = xstrdup(po->prevversion);
		mo->parts_sha = xstrdup(po->parts_sha);
		mo->input_sha = xstrdup(po->input_sha);
		mo->output_sha = xstrdup(po->output_sha);
		mo->deps = xstrdup(po->deps);
	}
	if (!have || content_changed) {
		int a = archive_set(&o, &pl, cur_version, cur_changes, &nm, d);
		if (a < 0)
			goto out;
		res->archived = a == 1;
		if (a == 1)
			say(&o, 0, "archived version %s in %s/archive/%s", cur_version, opt->outdir, cur_version);
	}
	if (manifest_save(manifest_path, &nm, d) != 0)
		goto out;
	say(&o, 0, "rebuilt %d of %zu documents (version %s)", res->rebuilt, pl.n, cur_version);
	status = 0;

notify:
	if (status == 0 && opt->notify_store) {
		const char **kinds = xcalloc(pl.n ? pl.n : 1, sizeof *kinds);
		size_t nk = 0;
		for (size_t i = 0; i < pl.n; i++) {
			if (strcmp(pl.v[i].docversion, cur_version) != 0)
				continue;
			int seen = 0;
			for (size_t j = 0; j < nk; j++)
				seen |= strcmp(kinds[j], pl.v[i].k->kind) == 0;
			if (!seen)
				kinds[nk++] = pl.v[i].k->kind;
		}
		/* the published versions (the new manifest's, or the old one's
		 * when nothing was rebuilt), the current one last */
		const manifest *pm = nm.npublished ? &nm : &m;
		const char **vers = xcalloc(pm->npublished + 1, sizeof *vers);
		xmlDocPtr *vchanges = xcalloc(pm->npublished + 1, sizeof *vchanges);
		size_t nv = 0;
		for (size_t i = 0; i < pm->npublished; i++)
			if (strcmp(pm->published[i], cur_version) != 0)
				vers[nv++] = pm->published[i];
		vers[nv++] = cur_version;
		for (size_t i = 0; i < nv; i++)
			vchanges[i] = changes_for(&cc, vers[i]);
		notify_opts no = {
			.outdir = opt->outdir, .version = cur_version, .effective = cur_effective,
			.locale = locale, .kinds = kinds, .nkinds = nk, .changes = cur_changes,
			.versions = vers, .version_changes = vchanges, .nversions = nv,
			.p = p, .say = opt->say, .ud = opt->ud,
		};
		int n = regen_notify(opt->notify_store, &no, d);
		free(vers);
		free(vchanges);
		free(kinds);
		if (n < 0)
			status = -1;
		if (n == -2)
			res->store_failed = 1;
		else
			res->notified = n;
	}
out:
	(void)has_word;
	deps_free(&common);
	changes_cache_free(&cc);
	xmlFreeDoc(cur_changes);
	xmlFreeDoc(old_model);
	plan_free(&pl);
	manifest_clear(&m);
	manifest_clear(&nm);
	practice_free(p);
	free(manifest_path);
	free(staging);
	free(cur_version);
	free(cur_effective);
	free(logo_path);
	return status;
}

void
regen_result_free(regen_result *r)
{
	if (!r)
		return;
	free(r->version);
	r->version = NULL;
}
