/* regen — remakes the documents of a practice (privacy statement as PDF,
 * HTML and text; the processor agreements and the register when their
 * templates are installed) in an output directory, rebuilding only what a
 * change touches, and keeps every published version.
 *
 * In: a practice file and an output directory DIR. Out: the documents in
 * DIR, DIR/manifest.tsv (per output: what it was made from, hashed), and
 * DIR/archive/<version>/ (the set as first published under a version,
 * the practice file and the change list; never overwritten). See
 * docs/regen.md for the rules: which model parts each document kind
 * depends on, per-document versions, the bump rule, the manifest format.
 *
 * All outputs of a run are made in DIR/.regen-staging first; only when
 * every one succeeded are they renamed into place, then the archive is
 * written, then the manifest (atomically, last). A failed or killed run
 * leaves the previous set and manifest as they were.
 *
 * Library code: nothing is printed; lines go to the caller's `say`
 * callback (progress = 1: a progress line for stderr; 0: a result line).
 * Client data never appear in these lines.
 *
 * Ownership: regen_run borrows its arguments; regen_result strings are
 * owned by the result and freed by regen_result_free. */
#ifndef ZORGDOC_REGEN_H
#define ZORGDOC_REGEN_H

#include <libxml/tree.h>

#include "../base/diag.h"
#include "../store/store.h"

typedef void (*regen_say_fn)(void *ud, int progress, const char *line);

typedef struct {
	const char *practice;   /* practice file */
	const char *outdir;     /* DIR */
	const char *locale;     /* "nl" (default) or "en" */
	int bump;               /* a changed model under an unchanged version:
	                           bump the version and write it back */
	const char *effective;  /* with bump: the new effective date (default:
	                           today, from SOURCE_DATE_EPOCH or the clock) */
	int dry_run;            /* plan and explain, write nothing */
	store *notify_store;    /* when set: list and write notifications */
	regen_say_fn say;
	void *ud;
} regen_opts;

typedef struct {
	int planned;            /* outputs in the set */
	int rebuilt;            /* outputs (re)made */
	int removed;            /* outputs dropped (e.g. a processor removed) */
	int archived;           /* 1 when archive/<version> was written */
	int notified;           /* letters written */
	int store_failed;       /* --notify failed on the store (exit 3) */
	char *version;          /* the published version after the run */
} regen_result;

/* Runs regen. Returns 0, or -1 with errors in d (nothing in DIR changed
 * unless the error came after the outputs were in place, which d says). */
int regen_run(const regen_opts *o, regen_result *r, diag *d);
/* Frees what a result holds. NULL-safe. */
void regen_result_free(regen_result *r);

/* The next version after v by the bump rule: the last run of digits is
 * incremented, keeping its width ("2023.10" -> "2023.11", "1.9" ->
 * "1.10", "v3" -> "v4", "2023.09" -> "2023.10"). Owned; NULL when v has
 * no digits. */
char *regen_bump_version(const char *v);

#endif
