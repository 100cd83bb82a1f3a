/* notify — who must be told about a new version, and the letters.
 *
 * In: the dossier store (consents with document kind and version; the
 * documents table), the kinds that got a new version, and that version's
 * change list. A client is told when the change list holds a material
 * change and the client received or signed an earlier version of one of
 * those kinds (a consent not withdrawn, or a document recorded for the
 * client) and has no letter for this version yet.
 *
 * Out: DIR/notify/<version>/kennisgeving-<client id>.pdf per client and
 * kennisgevingen.pdf with every letter (one per page group), made by
 * templates/notify.xsl through docgen; each letter is recorded in the
 * store's documents table (kind "kennisgeving"). Lines to `say` name
 * clients by id only, never by name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "../base/paths.h"
#include "../docgen/docgen.h"
#include "../modeldiff/modeldiff.h"
#include "../xform/xform.h"
#include "regen_int.h"

#define LETTER_KIND "kennisgeving"

typedef struct {
	const notify_opts *o;
	int64_t *ids;
	size_t n;
	int64_t *done;      /* clients with a letter for this version */
	size_t ndone;
	int64_t *agr;       /* clients who signed the practice's own agreement */
	size_t nagr;
} who;

/* The agreement a client signs when the practice processes for the
 * client (seed BioBalans): remade filled in for every client told. */
#define CLIENT_AGREEMENT "verwerkersovereenkomst-client"

static int
kind_listed(const notify_opts *o, const char *kind)
{
	for (size_t i = 0; kind && i < o->nkinds; i++)
		if (strcmp(o->kinds[i], kind) == 0)
			return 1;
	return 0;
}

static void
add_id(int64_t **v, size_t *n, int64_t id)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i] == id)
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = id;
}

static int
on_consent(void *ud, const store_consent *c)
{
	who *w = ud;
	if (!c->withdrawn && kind_listed(w->o, c->document_kind) && c->document_version &&
	    strcmp(c->document_version, w->o->version) != 0) {
		add_id(&w->ids, &w->n, c->client_id);
		if (strcmp(c->document_kind, CLIENT_AGREEMENT) == 0)
			add_id(&w->agr, &w->nagr, c->client_id);
	}
	return 0;
}

static int
on_document(void *ud, const store_document *doc)
{
	who *w = ud;
	if (!doc->client_id)
		return 0;
	if (strcmp(doc->kind, LETTER_KIND) == 0 && doc->version &&
	    strcmp(doc->version, w->o->version) == 0)
		add_id(&w->done, &w->ndone, doc->client_id);
	else if (kind_listed(w->o, doc->kind) && doc->version &&
	    strcmp(doc->version, w->o->version) != 0) {
		add_id(&w->ids, &w->n, doc->client_id);
		if (strcmp(doc->kind, CLIENT_AGREEMENT) == 0)
			add_id(&w->agr, &w->nagr, doc->client_id);
	}
	return 0;
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static void
text_child(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *value)
{
	if (value && *value)
		xmlNewTextChild(parent, ns, BAD_CAST name, BAD_CAST value);
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
}

static int
write_letter(xmlDocPtr model, const notify_opts *o, const char *client, const char *path, diag *d)
{
	const char *params[] = { "locale", o->locale, "client", client, NULL };
	xmlDocPtr doc = xform_apply("notify.xsl", model, params, d);
	if (!doc)
		return -1;
	char *resdir = dir_of(practice_path(o->p));
	docgen_opts opt = { .format = DOCGEN_PDF, .locale = o->locale, .resource_dir = resdir };
	int r = docgen_write(doc, &opt, path, d);
	free(resdir);
	xmlFreeDoc(doc);
	return r;
}

/* The practice's agreement with client c, filled in (templates/dpa.xsl
 * with the client's name and address as parameters). */
static int
write_agreement(const notify_opts *o, const store_client *c, const char *path, diag *d)
{
	const char *params[] = {
		"locale", o->locale,
		"client-name", c->v[STORE_CF_NAME] ? c->v[STORE_CF_NAME] : "",
		"client-street", c->v[STORE_CF_STREET] ? c->v[STORE_CF_STREET] : "",
		"client-postcode", c->v[STORE_CF_POSTCODE] ? c->v[STORE_CF_POSTCODE] : "",
		"client-city", c->v[STORE_CF_CITY] ? c->v[STORE_CF_CITY] : "",
		NULL
	};
	xmlDocPtr doc = xform_apply("dpa.xsl", practice_doc(o->p), params, d);
	if (!doc)
		return -1;
	char *resdir = dir_of(practice_path(o->p));
	docgen_opts opt = { .format = DOCGEN_PDF, .locale = o->locale, .resource_dir = resdir };
	int r = docgen_write(doc, &opt, path, d);
	free(resdir);
	xmlFreeDoc(doc);
	return r;
}

int
regen_notify(store *s, const notify_opts *o, diag *d)
{
	int material = 0;
	modeldiff_count(o->changes, &material);
	char *line = NULL;
	if (material == 0) {
		line = xasprintf("notify: version %s has no material changes; no client needs to be told", o->version);
		if (o->say)
			o->say(o->ud, 0, line);
		free(line);
		return 0;
	}
	who w = { .o = o };
	int ret = -1;
	xmlDocPtr model = NULL;
	char *dir = NULL;
	store_client **clients = NULL;
	if (store_consent_each(s, 0, on_consent, &w, d) != STORE_OK ||
	    store_document_each(s, 0, on_document, &w, d) != STORE_OK)
		goto out;
	/* drop clients who already have this version's letter */
	size_t k = 0;
	for (size_t i = 0; i < w.n; i++) {
		int skip = 0;
		for (size_t j = 0; j < w.ndone; j++)
			skip |= w.done[j] == w.ids[i];
		if (!skip)
			w.ids[k++] = w.ids[i];
	}
	w.n = k;
	qsort(w.ids, w.n, sizeof *w.ids, cmp_id);
	if (w.n == 0) {
		line = xasprintf("notify: no client has an earlier version without a letter for version %s",
		    o->version);
		if (o->say)
			o->say(o->ud, 0, line);
		free(line);
		ret = 0;
		goto out;
	}

	/* the letters' input: the model with the change list and the clients */
	model = xmlCopyDoc(practice_doc(o->p), 1);
	xmlNodePtr root = xmlDocGetRootElement(model);
	xmlAddChild(root, xmlDocCopyNode(xmlDocGetRootElement(o->changes), model, 1));
	xmlNodePtr letters = xmlNewDocNode(model, NULL, BAD_CAST "letters", NULL);
	xmlNsPtr ns = xmlNewNs(letters, BAD_CAST MODELDIFF_NS, NULL);
	xmlSetNs(letters, ns);
	xmlSetProp(letters, BAD_CAST "version", BAD_CAST o->version);
	xmlSetProp(letters, BAD_CAST "effective", BAD_CAST o->effective);
	char today[11];
	xform_today(today);
	xmlSetProp(letters, BAD_CAST "date", BAD_CAST today);
	xmlAddChild(root, letters);
	clients = xcalloc(w.n, sizeof *clients);
	for (size_t i = 0; i < w.n; i++) {
		if (store_client_load(s, w.ids[i], &clients[i], d) != STORE_OK)
			goto out;
		store_client *c = clients[i];
		xmlNodePtr cl = xmlNewChild(letters, ns, BAD_CAST "client", NULL);
		char idb[32];
		snprintf(idb, sizeof idb, "%lld", (long long)w.ids[i]);
		xmlSetProp(cl, BAD_CAST "id", BAD_CAST idb);
		text_child(cl, ns, "name", c->v[STORE_CF_NAME]);
		text_child(cl, ns, "street", c->v[STORE_CF_STREET]);
		text_child(cl, ns, "postcode", c->v[STORE_CF_POSTCODE]);
		text_child(cl, ns, "city", c->v[STORE_CF_CITY]);
		for (size_t g = 0; g < c->nguardians; g++)
			text_child(cl, ns, "guardian", c->guardians[g]);
	}

	char *ndir = xasprintf("%s/notify", o->outdir);
	dir = paths_join_safe(ndir, o->version, d);
	free(ndir);
	if (!dir || fsio_mkdirs(dir, d) != 0)
		goto out;
	if (store_begin(s, d) != STORE_OK)
		goto out;
	for (size_t i = 0; i < w.n; i++) {
		char idb[32];
		snprintf(idb, sizeof idb, "%lld", (long long)w.ids[i]);
		char *path = xasprintf("%s/" LETTER_KIND "-%s.pdf", dir, idb);
		char sha[65];
		int r = write_letter(model, o, idb, path, d);
		if (r == 0 && regen_sha_file(path, sha) == 0) {
			store_document doc = {
				.kind = LETTER_KIND, .version = o->version, .input_sha256 = sha,
				.path = path, .date = today, .client_id = w.ids[i],
			};
			int64_t did;
			if (store_document_add(s, &doc, &did, d) != STORE_OK)
				r = -1;
		}
		int signed_agreement = 0;
		for (size_t j = 0; j < w.nagr; j++)
			signed_agreement |= w.agr[j] == w.ids[i];
		if (r == 0 && signed_agreement) {
			char *ap = xasprintf("%s/" CLIENT_AGREEMENT "-%s.pdf", dir, idb);
			r = write_agreement(o, clients[i], ap, d);
			if (r == 0) {
				line = xasprintf("notify: client %s: %s", idb, ap);
				if (o->say)
					o->say(o->ud, 0, line);
				free(line);
			}
			free(ap);
		}
		if (r == 0) {
			line = xasprintf("notify: client %s: %s", idb, path);
			if (o->say)
				o->say(o->ud, 0, line);
			free(line);
		}
		free(path);
		if (r != 0) {
			store_rollback(s);
			goto out;
		}
	}
	char *all = xasprintf("%s/" LETTER_KIND "en.pdf", dir);
	int r = write_letter(model, o, "", all, d);
	if (r == 0) {
		line = w.n == 1 ? xasprintf("notify: 1 letter, also in %s", all) :
		    xasprintf("notify: %zu letters, together in %s", w.n, all);
		if (o->say)
			o->say(o->ud, 0, line);
		free(line);
	}
	free(all);
	if (r != 0) {
		store_rollback(s);
		goto out;
	}
	if (store_commit(s, d) != STORE_OK)
		goto out;
	ret = (int)w.n;
out:
	for (size_t i = 0; clients && i < w.n; i++)
		store_client_free(clients[i]);
	free(clients);
	free(dir);
	xmlFreeDoc(model);
	free(w.ids);
	free(w.done);
	free(w.agr);
	return ret;
}
