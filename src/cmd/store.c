/* store — `zorgdoc store backup|check|rekey|encrypt`: the dossier store
 * itself (docs/store.md, "Encryption" and "Backups and checks"). The
 * work is in src/store/admin.c and verify.c; this parses options and
 * prints results, never personal data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "storecmd.h"

static const char usage[] =
    "usage: zorgdoc store backup FILE [--force] [--db FILE]\n"
    "       zorgdoc store check [--db FILE]\n"
    "       zorgdoc store rekey [--new-passphrase-file FILE] [--db FILE]\n"
    "       zorgdoc store encrypt [--db FILE]\n"
    "\n"
    "The dossier store itself. It is encrypted (SQLCipher, with a key derived from\n"
    "the passphrase by Argon2id); a copy of the file shows nothing without the\n"
    "passphrase.\n"
    "\n"
    "  backup FILE  a consistent copy of the store, also while other commands write\n"
    "               to it: encrypted with the same passphrase, mode 0600, checked,\n"
    "               then put in place whole. An existing FILE needs --force.\n"
    "  check        integrity (every page), foreign keys, schema version, invoice\n"
    "               numbers without gaps or duplicates per series and year, each\n"
    "               invoice's snapshot against its SHA-256. Lists every problem\n"
    "               (exit 1) or says ok (exit 0). Changes nothing.\n"
    "  rekey        a new passphrase (and salt): --new-passphrase-file FILE,\n"
    "               $ZORGDOC_NEW_PASSPHRASE, or a prompt (asked twice). The store is\n"
    "               copied under the new key and replaced whole.\n"
    "  encrypt      converts a store made by a zorgdoc from before encryption, with\n"
    "               the passphrase given as for any command (a prompt asks twice).\n"
    "\n"
    "The passphrase: --passphrase-file FILE, else $ZORGDOC_PASSPHRASE, else a\n"
    "prompt on the terminal. Never on the command line. At least 8 characters\n"
    "for a new store; a wrong one is an error (exit 3) that changes nothing.\n"
    "\n"
    "  --db FILE   the store (default $ZORGDOC_DB, else ./dossier.db)\n"
    "\n"
    "Exit status: 0 ok, 1 problems found or bad input, 2 usage, 3 store error\n"
    "(wrong passphrase, busy, damaged, or from a newer zorgdoc).\n";

enum { O_DB, O_FORCE, O_NEWPASS, O__MAX };

static void
print_problem(void *ud, const char *problem)
{
	(void)ud;
	printf("problem: %s\n", problem);
}

static const char *
db_path(const char *db)
{
	if (!db || !*db)
		db = getenv("ZORGDOC_DB");
	return db && *db ? db : "dossier.db";
}

int
cmd_store(int argc, char **argv, diag *d)
{
	if (cmd_wants_help(argc, argv, usage))
		return EXIT_OK;
	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	const char *sub = argv[1];
	cmd_opt o[O__MAX] = {
		[O_DB] = { .name = "db", .takes_value = 1 },
		[O_FORCE] = { .name = "force" },
		[O_NEWPASS] = { .name = "new-passphrase-file", .takes_value = 1 },
	};
	const char **pos = NULL;
	size_t npos = 0;
	int status = EXIT_USAGE, rc = STORE_OK;
	store *s = NULL;
	if (cmd_opts_parse(argc, argv, 2, o, O__MAX, &pos, &npos, d) != 0)
		goto out;
	int backup = strcmp(sub, "backup") == 0, check = strcmp(sub, "check") == 0;
	int rekey = strcmp(sub, "rekey") == 0, encrypt = strcmp(sub, "encrypt") == 0;
	if (!backup && !check && !rekey && !encrypt) {
		diag_error(d, NULL, 0, 0, "'store %s' is not a command; see 'zorgdoc store --help'",
		    sub);
		goto out;
	}
	if (npos != (size_t)backup) {
		diag_error(d, NULL, 0, 0, backup ? "store backup needs one FILE"
		    : "store %s takes only options", sub);
		goto out;
	}
	if ((o[O_FORCE].value && !backup) || (o[O_NEWPASS].value && !rekey)) {
		diag_error(d, NULL, 0, 0, "--force is for store backup, --new-passphrase-file for "
		    "store rekey");
		goto out;
	}
	const char *path = db_path(o[O_DB].value);
	if (encrypt) {
		rc = store_encrypt_file(path, d);
		/* Opened to prove the key; the schema is brought forward by the
		 * next command that writes. */
		if (rc == STORE_OK && (s = store_open_ex(path, STORE_OPEN_READONLY, d)) != NULL)
			printf("encrypted: %s (schema version %d)\n", path, store_schema_version(s));
		else if (rc == STORE_OK)
			rc = STORE_EDB;
		status = cmd_store_exit(rc);
		goto out;
	}
	if (o[O_NEWPASS].value)
		cmd_passphrase_new_file(o[O_NEWPASS].value);
	/* backup and check read only: a missing store is an error, not a
	 * new one, and an older schema is copied or checked as it is. */
	if (!(s = store_open_ex(path, rekey ? 0 : STORE_OPEN_READONLY, d))) {
		status = EXIT_STORE;
		goto out;
	}
	if (backup) {
		rc = store_backup(s, pos[0], o[O_FORCE].value != NULL, d);
		if (rc == STORE_OK)
			printf("backup written: %s\n", pos[0]);
	} else if (rekey) {
		rc = store_rekey(s, d);
		if (rc == STORE_OK)
			printf("the store has a new passphrase: %s\n", path);
	} else {
		store_verify_stats st;
		rc = store_verify(s, print_problem, NULL, &st, d);
		if (rc == STORE_OK && st.schema_version < STORE_SCHEMA_VERSION)
			printf("note: schema version %d; this zorgdoc writes %d and brings the store "
			    "forward the next time a command writes to it\n", st.schema_version,
			    STORE_SCHEMA_VERSION);
		if (rc == STORE_OK && st.test_key_format)
			diag_warning(d, path, 0, 0, "the store was made with the test-only cheap key "
			    "derivation (ZORGDOC_TEST_ONLY_WEAK_KDF): give it a real one with "
			    "'zorgdoc store rekey'");
		if (rc == STORE_OK && st.problems == 0)
			printf("ok: schema version %d, integrity and foreign keys ok, %zu invoice "
			    "number series without gaps, %zu invoice snapshots match their hashes\n",
			    st.schema_version, st.series, st.invoices);
		else if (rc == STORE_OK)
			printf("%zu problem%s found\n", st.problems, st.problems == 1 ? "" : "s");
		if (rc == STORE_OK && st.problems)
			rc = STORE_EINPUT;
	}
	status = cmd_store_exit(rc);
out:
	store_free(s);
	cmd_opts_free(o, O__MAX, pos);
	return status;
}
