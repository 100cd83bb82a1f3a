/* storecmd — what the store commands (client, treatment, import,
 * invoice, consent) share: a small option parser, opening the store
 * (--db FILE, $ZORGDOC_DB, ./dossier.db), loading the practice
 * (--practice FILE, $ZORGDOC_PRACTICE), and mapping store status codes
 * to exit codes. */
#ifndef ZORGDOC_CMD_STORECMD_H
#define ZORGDOC_CMD_STORECMD_H

#include <stddef.h>

#include "../base/diag.h"
#include "../store/store.h"
#include "billing.h"

typedef struct {
	const char *name;     /* long name without "--"; one letter: "-x" too */
	int takes_value;
	const char *value;    /* last value given (flags: "1"), or NULL */
	const char **all;     /* every value given, in order (owned array) */
	size_t nall;
} cmd_opt;

/* Parses argv[first..argc): options in opts ("--name VALUE",
 * "--name=VALUE", "-x VALUE"), the rest into *pos (an owned array of
 * borrowed strings). "--" ends options. Returns 0, or -1 with a usage
 * error in d. */
int cmd_opts_parse(int argc, char **argv, int first, cmd_opt *opts, size_t nopts,
    const char ***pos, size_t *npos, diag *d);
/* Frees what cmd_opts_parse allocated. */
void cmd_opts_free(cmd_opt *opts, size_t nopts, const char **pos);
/* The option called name (borrowed), or NULL. */
cmd_opt *cmd_opt_find(cmd_opt *opts, size_t nopts, const char *name);

/* Opens the store named by --db (may be NULL), $ZORGDOC_DB or
 * ./dossier.db. Owned; NULL with an error. */
store *cmd_store_open(const char *db, diag *d);
/* Loads the practice named by --practice (may be NULL) or
 * $ZORGDOC_PRACTICE. Owned; NULL with an error. */
billing *cmd_billing_load(const char *path, diag *d);
/* STORE_OK -> 0, STORE_EINPUT -> 1, STORE_EDB -> 3. */
int cmd_store_exit(int rc);

#endif
