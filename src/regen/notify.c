/* notify — who must be told about a new version, and the letters.
 *
 * In: the dossier store (consents with document kind and version; the
 * documents table), the kinds that got a new version, and the change
 * lists of every published version. For each client the newest version
 * it knows of is the newest it received or signed (a consent not
 * withdrawn, or a document recorded for the client) or was told about
 * (an earlier letter). A client who knows of an older version than the
 * current one, and for whom a version since holds a material change, is
 * told of every change since that version, version by version.
 *
 * Out: DIR/notify/<version>/kennisgeving-<client id>.pdf per client and
 * kennisgevingen.pdf with every letter (one per page group), made by
 * templates/notify.xsl through docgen; each letter is recorded in the
 * store's documents table (kind "kennisgeving"), and each client's read
 * for it in the audit log (action "notify", the version as detail), in
 * one transaction with the reads: when a row cannot be written, nothing
 * is said and no letter is left. An erased client (client forget) is not
 * written to. Lines to `say` name clients by id only, never by name.
 *
 * A letter about a minor (younger than 16 on the letter's date, or without
 * a birth date but with a parent or guardian recorded) goes to the adult
 * who gave a consent for the child (a consent's given_by that is not the
 * child), else to each parent or guardian in the store: one letter per
 * addressee, all in the client's file. The template gets them as
 * <addressee> and the child's age group as @minor (child: under 12, or
 * age unknown; young: 12 to 15, who have the rights themselves too). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "../base/paths.h"
#include "../docgen/docgen.h"
#include "../modeldiff/modeldiff.h"
#include "../store/rights.h"
#include "../xform/xform.h"
#include "regen_int.h"

#define LETTER_KIND "kennisgeving"

/* A client and the index in notify_opts.versions of the newest version
 * the client knows of. */
typedef struct {
	int64_t id;
	ptrdiff_t version;
	char **by;          /* who gave its consents (given_by), distinct */
	size_t nby;
} client_known;

typedef struct {
	const notify_opts *o;
	client_known *c;          /* clients who received or signed a listed kind */
	size_t n;
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

/* The index of version in the published list. A version the list does
 * not hold (recorded by hand, or before the manifest) counts as the one
 * before the current: the client hears of the current changes. */
static ptrdiff_t
version_index(const notify_opts *o, const char *version)
{
	for (size_t i = 0; i < o->nversions; i++)
		if (strcmp(o->versions[i], version) == 0)
			return (ptrdiff_t)i;
	return (ptrdiff_t)o->nversions - 2;
}

/* Records that client id knows of version (received, signed or told);
 * returns the client's entry (valid until the next call). */
static client_known *
knows(who *w, int64_t id, const char *version)
{
	ptrdiff_t v = version_index(w->o, version);
	for (size_t i = 0; i < w->n; i++)
		if (w->c[i].id == id) {
			if (v > w->c[i].version)
				w->c[i].version = v;
			return &w->c[i];
		}
	w->c = xrealloc(w->c, (w->n + 1) * sizeof *w->c);
	w->c[w->n] = (client_known){ .id = id, .version = v };
	return &w->c[w->n++];
}

/* Adds name to the client's consent givers, once. */
static void
given_by(client_known *k, const char *name)
{
	if (!name || !*name)
		return;
	for (size_t i = 0; i < k->nby; i++)
		if (strcmp(k->by[i], name) == 0)
			return;
	k->by = xrealloc(k->by, (k->nby + 1) * sizeof *k->by);
	k->by[k->nby++] = xstrdup(name);
}

static void
known_free(client_known *k)
{
	for (size_t i = 0; i < k->nby; i++)
		free(k->by[i]);
	free(k->by);
	k->by = NULL;
	k->nby = 0;
}

/* Moves entry `from` to `to` (to <= from), leaving `from` empty. */
static void
move_known(who *w, size_t to, size_t from)
{
	if (to == from)
		return;
	w->c[to] = w->c[from];
	w->c[from].by = NULL;
	w->c[from].nby = 0;
}

/* The age in whole years on `today` of someone born on `birth` (both
 * YYYY-MM-DD), or -1 when birth is not such a date. */
static int
age_on(const char *birth, const char *today)
{
	int by, bm, bd, ty, tm, td;
	if (!birth || sscanf(birth, "%4d-%2d-%2d", &by, &bm, &bd) != 3 ||
	    sscanf(today, "%4d-%2d-%2d", &ty, &tm, &td) != 3)
		return -1;
	int age = ty - by - (tm * 100 + td < bm * 100 + bd);
	return age < 0 ? -1 : age;
}

/* The age below which a letter about a client goes to the parents: from
 * 16 a child decides alone (WGBO art. 7:447, UAVG art. 5). */
#define LETTER_OWN_AGE 16

static int
on_consent(void *ud, const store_consent *c)
{
	who *w = ud;
	if (!c->withdrawn && kind_listed(w->o, c->document_kind) && c->document_version) {
		given_by(knows(w, c->client_id, c->document_version), c->given_by);
		if (strcmp(c->document_kind, CLIENT_AGREEMENT) == 0)
			add_id(&w->agr, &w->nagr, c->client_id);
	}
	return 0;
}

static int
on_document(void *ud, const store_document *doc)
{
	who *w = ud;
	if (!doc->client_id || !doc->version)
		return 0;
	if (kind_listed(w->o, doc->kind)) {
		knows(w, doc->client_id, doc->version);
		if (strcmp(doc->kind, CLIENT_AGREEMENT) == 0)
			add_id(&w->agr, &w->nagr, doc->client_id);
	}
	return 0;
}

/* Letters count only for clients who also received a listed kind: a
 * letter alone never makes a client someone to tell. */
static int
on_letter(void *ud, const store_document *doc)
{
	who *w = ud;
	if (!doc->client_id || !doc->version || strcmp(doc->kind, LETTER_KIND) != 0)
		return 0;
	for (size_t i = 0; i < w->n; i++)
		if (w->c[i].id == doc->client_id) {
			ptrdiff_t v = version_index(w->o, doc->version);
			if (v > w->c[i].version)
				w->c[i].version = v;
		}
	return 0;
}

/* Whether a version after index `known` holds a material change. */
static int
material_since(const notify_opts *o, ptrdiff_t known)
{
	for (size_t i = (size_t)(known + 1); known + 1 >= 0 && i < o->nversions; i++) {
		int material = 0;
		if (o->version_changes[i])
			modeldiff_count(o->version_changes[i], &material);
		if (material)
			return 1;
	}
	return 0;
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = ((const client_known *)a)->id, y = ((const client_known *)b)->id;
	return x < y ? -1 : x > y;
}

static void
text_child(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *value)
{
	if (value && *value)
		xmlNewTextChild(parent, ns, BAD_CAST name, BAD_CAST value);
}

static int
write_letter(xmlDocPtr model, const notify_opts *o, const char *client, const char *path, diag *d)
{
	const char *params[] = { "locale", o->locale, "client", client, NULL };
	xmlDocPtr doc = xform_apply("notify.xsl", model, params, d);
	if (!doc)
		return -1;
	char *resdir = paths_dir_of(practice_path(o->p));
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
	char *resdir = paths_dir_of(practice_path(o->p));
	docgen_opts opt = { .format = DOCGEN_PDF, .locale = o->locale, .resource_dir = resdir };
	int r = docgen_write(doc, &opt, path, d);
	free(resdir);
	xmlFreeDoc(doc);
	return r;
}

/* Says the lines kept until the commit, in order, and frees them. */
static void
say_lines(const notify_opts *o, char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (o->say)
			o->say(o->ud, 0, lines[i]);
		free(lines[i]);
	}
}

static void
keep_line(char ***lines, size_t *n, char *line)
{
	*lines = xrealloc(*lines, (*n + 1) * sizeof **lines);
	(*lines)[(*n)++] = line;
}

int
regen_notify(store *s, const notify_opts *o, diag *d)
{
	const ptrdiff_t cur = (ptrdiff_t)o->nversions - 1;
	int material = 0;
	modeldiff_count(o->changes, &material);
	who w = { .o = o };
	int ret = -1;
	xmlDocPtr model = NULL;
	char *dir = NULL;
	store_client **clients = NULL;
	size_t nclients = 0, nerased = 0;
	/* what is said and written, kept until the commit: on a failure
	 * nothing is said and the letters are removed again */
	char **lines = NULL, **written = NULL;
	size_t nlines = 0, nwritten = 0;
	int store_err = 1;  /* a failure below is the store's unless said otherwise */
	/* One transaction for the reads, their audit rows (one per client
	 * told: the letter holds the client's name and address) and the
	 * letters' document rows. */
	if (store_begin(s, d) != STORE_OK)
		goto out;
	if (store_consent_each(s, 0, on_consent, &w, d) != STORE_OK ||
	    store_document_each(s, 0, on_document, &w, d) != STORE_OK ||
	    store_document_each(s, 0, on_letter, &w, d) != STORE_OK)
		goto fail;
	/* keep the clients behind with a material change since */
	size_t k = 0;
	for (size_t i = 0; i < w.n; i++) {
		if (w.c[i].version >= cur || !material_since(o, w.c[i].version)) {
			known_free(&w.c[i]);
			continue;
		}
		move_known(&w, k++, i);
	}
	w.n = k;
	qsort(w.c, w.n, sizeof *w.c, cmp_id);
	/* their names and addresses; an erased client (client forget) has
	 * none left and is not written to. Each read is logged before
	 * anything is shown or written. */
	clients = xcalloc(w.n ? w.n : 1, sizeof *clients);
	k = 0;
	for (size_t i = 0; i < w.n; i++) {
		store_client *c = NULL;
		if (store_client_load(s, w.c[i].id, &c, d) != STORE_OK)
			goto fail;
		if (c->erased) {
			store_client_free(c);
			known_free(&w.c[i]);
			nerased++;
			continue;
		}
		clients[nclients++] = c;
		if (store_audit_read(s, "notify", "client", c->id, c->id, o->version, d) != STORE_OK)
			goto fail;
		move_known(&w, k++, i);
	}
	w.n = k;
	if (nerased)
		keep_line(&lines, &nlines, xasprintf("notify: %zu erased client%s not told (no "
		    "name or address left)", nerased, nerased == 1 ? "" : "s"));
	if (w.n == 0) {
		store_rollback(s);
		keep_line(&lines, &nlines, material == 0 ?
		    xasprintf("notify: version %s has no material changes; no client needs to be told",
			o->version) :
		    xasprintf("notify: no client has an earlier version without a letter for version %s",
			o->version));
		say_lines(o, lines, nlines);
		nlines = 0;
		ret = 0;
		goto out;
	}
	ptrdiff_t oldest = cur;
	for (size_t i = 0; i < w.n; i++)
		if (w.c[i].version < oldest)
			oldest = w.c[i].version;

	/* the letters' input: the model with the change list and the clients */
	model = xmlCopyDoc(practice_doc(o->p), 1);
	xmlNodePtr root = xmlDocGetRootElement(model);
	for (ptrdiff_t v = oldest + 1; v <= cur; v++) {
		xmlDocPtr ch = v == cur ? o->changes : o->version_changes[v];
		if (!ch)
			continue;
		xmlNodePtr copy = xmlDocCopyNode(xmlDocGetRootElement(ch), model, 1);
		char seq[32];
		snprintf(seq, sizeof seq, "%td", v);
		xmlSetProp(copy, BAD_CAST "seq", BAD_CAST seq);
		xmlAddChild(root, copy);
	}
	xmlNodePtr letters = xmlNewDocNode(model, NULL, BAD_CAST "letters", NULL);
	xmlNsPtr ns = xmlNewNs(letters, BAD_CAST MODELDIFF_NS, NULL);
	xmlSetNs(letters, ns);
	xmlSetProp(letters, BAD_CAST "version", BAD_CAST o->version);
	xmlSetProp(letters, BAD_CAST "effective", BAD_CAST o->effective);
	char today[11];
	xform_today(today);
	xmlSetProp(letters, BAD_CAST "date", BAD_CAST today);
	xmlAddChild(root, letters);
	for (size_t i = 0; i < w.n; i++) {
		store_client *c = clients[i];
		xmlNodePtr cl = xmlNewChild(letters, ns, BAD_CAST "client", NULL);
		char idb[32];
		snprintf(idb, sizeof idb, "%lld", (long long)w.c[i].id);
		xmlSetProp(cl, BAD_CAST "id", BAD_CAST idb);
		snprintf(idb, sizeof idb, "%td", w.c[i].version);
		xmlSetProp(cl, BAD_CAST "known", BAD_CAST idb);
		text_child(cl, ns, "name", c->v[STORE_CF_NAME]);
		text_child(cl, ns, "street", c->v[STORE_CF_STREET]);
		text_child(cl, ns, "postcode", c->v[STORE_CF_POSTCODE]);
		text_child(cl, ns, "city", c->v[STORE_CF_CITY]);
		for (size_t g = 0; g < c->nguardians; g++)
			text_child(cl, ns, "guardian", c->guardians[g]);
		int age = age_on(c->v[STORE_CF_BIRTH_DATE], today);
		if (age >= LETTER_OWN_AGE || (age < 0 && c->nguardians == 0))
			continue;
		xmlSetProp(cl, BAD_CAST "minor", BAD_CAST (age >= 12 ? "young" : "child"));
		/* the adults who consented for the child, else its guardians */
		size_t nto = 0;
		for (size_t g = 0; g < w.c[i].nby; g++)
			if (!c->v[STORE_CF_NAME] || strcmp(w.c[i].by[g], c->v[STORE_CF_NAME]) != 0) {
				text_child(cl, ns, "addressee", w.c[i].by[g]);
				nto++;
			}
		for (size_t g = 0; nto == 0 && g < c->nguardians; g++)
			text_child(cl, ns, "addressee", c->guardians[g]);
	}

	char *ndir = xasprintf("%s/notify", o->outdir);
	dir = paths_join_safe(ndir, o->version, d);
	free(ndir);
	store_err = 0;
	if (!dir || fsio_mkdirs(dir, d) != 0)
		goto fail;
	for (size_t i = 0; i < w.n; i++) {
		char idb[32];
		snprintf(idb, sizeof idb, "%lld", (long long)w.c[i].id);
		char *path = xasprintf("%s/" LETTER_KIND "-%s.pdf", dir, idb);
		char sha[65];
		int r = write_letter(model, o, idb, path, d);
		if (r == 0)
			keep_line(&written, &nwritten, xstrdup(path));
		if (r == 0 && regen_sha_file(path, sha) == 0) {
			store_document doc = {
				.kind = LETTER_KIND, .version = o->version, .input_sha256 = sha,
				.path = path, .date = today, .client_id = w.c[i].id,
			};
			int64_t did;
			if (store_document_add(s, &doc, &did, d) != STORE_OK) {
				r = -1;
				store_err = 1;
			}
		}
		int signed_agreement = 0;
		for (size_t j = 0; j < w.nagr; j++)
			signed_agreement |= w.agr[j] == w.c[i].id;
		if (r == 0 && signed_agreement) {
			char *ap = xasprintf("%s/" CLIENT_AGREEMENT "-%s.pdf", dir, idb);
			r = write_agreement(o, clients[i], ap, d);
			if (r == 0) {
				keep_line(&written, &nwritten, xstrdup(ap));
				keep_line(&lines, &nlines, xasprintf("notify: client %s: %s", idb, ap));
			}
			free(ap);
		}
		if (r == 0)
			keep_line(&lines, &nlines, xasprintf("notify: client %s: %s", idb, path));
		free(path);
		if (r != 0)
			goto fail;
	}
	char *all = xasprintf("%s/" LETTER_KIND "en.pdf", dir);
	int r = write_letter(model, o, "", all, d);
	if (r == 0) {
		keep_line(&written, &nwritten, xstrdup(all));
		keep_line(&lines, &nlines, w.n == 1 ? xasprintf("notify: 1 letter, also in %s", all) :
		    xasprintf("notify: %zu letters, together in %s", w.n, all));
	}
	free(all);
	if (r != 0)
		goto fail;
	if (store_commit(s, d) != STORE_OK) {
		store_err = 1;
		goto fail;
	}
	say_lines(o, lines, nlines);
	nlines = 0;
	ret = (int)w.n;
	goto out;
fail:
	store_rollback(s);
	/* the letters of a notification the store does not record */
	for (size_t i = 0; i < nwritten; i++)
		unlink(written[i]);
	ret = store_err ? -2 : -1;
out:
	for (size_t i = 0; i < nlines; i++)
		free(lines[i]);
	free(lines);
	for (size_t i = 0; i < nwritten; i++)
		free(written[i]);
	free(written);
	for (size_t i = 0; i < nclients; i++)
		store_client_free(clients[i]);
	free(clients);
	free(dir);
	xmlFreeDoc(model);
	for (size_t i = 0; i < w.n; i++)
		known_free(&w.c[i]);
	free(w.c);
	free(w.agr);
	return ret;
}
