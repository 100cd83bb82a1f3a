/* regen_int — what the files of src/regen share: the document kind table
 * (kinds.c), the manifest (manifest.c) and notification (notify.c). */
#ifndef ZORGDOC_REGEN_INT_H
#define ZORGDOC_REGEN_INT_H

#include <stddef.h>

#include <libxml/tree.h>

#include "../base/diag.h"
#include "../practice/practice.h"
#include "../store/store.h"
#include "regen.h"

typedef struct {
	const char *kind;      /* the document kind (also in the store) */
	const char *file;      /* output name without extension; %s: the item id */
	const char *tmpl;      /* template in templates/ */
	const char *toc_id;    /* locale string for the HTML contents heading */
	const char *formats;   /* space-separated: pdf html txt xml png svg */
	const char *parts;     /* model parts it depends on (space-separated) */
	const char *per;       /* NULL, or "PARENT/CHILD": one document per child
	                          with an id; it depends on part "PARENT/ID" */
	const char *per_param; /* template parameter that gets the item id */
	const char *when;      /* NULL, or "ELEMENT/@ATTR=VALUE" on the root's
	                          child: the kind is made only then */
	int changes;           /* gets the change list (section "changes") */
} regen_kind;

extern const regen_kind regen_kinds[];
extern const size_t regen_nkinds;

/* One output as the manifest records it. */
typedef struct {
	char *name, *kind, *item, *format;
	char *docversion, *doceffective, *prevversion;
	char *parts_sha, *input_sha, *output_sha;
	char *deps;            /* "name=sha,name=sha" */
} manifest_out;

typedef struct {
	char *engine, *version, *effective, *model_sha, *locale;
	char **published;      /* versions in order of publication */
	size_t npublished;
	manifest_out *outs;
	size_t nouts;
} manifest;

/* Loads DIR/manifest.tsv into *m. Returns 1 loaded, 0 none there, -1
 * error (a damaged manifest). */
int manifest_load(const char *path, manifest *m, diag *d);
/* Writes m atomically. 0 or -1. */
int manifest_save(const char *path, const manifest *m, diag *d);
/* The output called name, or NULL (borrowed). */
const manifest_out *manifest_find(const manifest *m, const char *name);
/* Frees what m holds. */
void manifest_clear(manifest *m);

/* Hex SHA-256 of bytes. */
void regen_sha(const void *data, size_t len, char out[65]);
/* Hex SHA-256 of a file; -1 when it cannot be read. */
int regen_sha_file(const char *path, char out[65]);

/* Notification (notify.c): for every client who received or signed an
 * earlier version of a document kind in `kinds` (consents and documents
 * tables of the store) and has not yet been told of a material change
 * since, one letter saying what changed in every version since the last
 * one the client received or was told about, and all letters in one
 * PDF, in DIR/notify/<version>/. */
typedef struct {
	const char *outdir, *version, *effective, *locale;
	const char **kinds;        /* the kinds whose current version is `version` */
	size_t nkinds;
	xmlDocPtr changes;         /* the change list of this version */
	/* every published version in order, `version` last, with its change
	 * list (borrowed; NULL when the archive lacks it): a client who was
	 * last told about an older version hears of every change since. */
	const char *const *versions;
	xmlDocPtr *version_changes;
	size_t nversions;
	const practice *p;
	regen_say_fn say;
	void *ud;
} notify_opts;

/* Returns the number of letters written, or -1 with errors in d (-2:
 * the store failed, e.g. an audit row could not be written). On a
 * failure nothing was said and no letter is left. */
int regen_notify(store *s, const notify_opts *o, diag *d);

#endif
