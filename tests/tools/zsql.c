/* zsql — TEST-ONLY stand-in for the `sqlite3` command line on encrypted
 * stores: tests inspect a store, or plant a problem in it, with
 *
 *   zsql DB "SQL; SQL"     (or the SQL on stdin, run statement by
 *                           statement as lines arrive: a test can hold
 *                           a lock with `(echo "BEGIN IMMEDIATE;";
 *                           sleep 2; echo "COMMIT;") | zsql DB`)
 *
 * The store is keyed like zorgdoc keys it, with $ZORGDOC_PASSPHRASE; an
 * unencrypted SQLite file is opened as it is. Rows print as the sqlite3
 * command line prints them by default (values joined by '|', NULL as
 * nothing); an error prints "Error: ..." on stderr and exits 1. No
 * migration, no checks, foreign keys off: it can break a store on
 * purpose, which is what tests need and why it is never installed.
 * Built as $(BUILD)/zsql; tests call it through lib.sh's `zsql`. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/base/buf.h"
#include "../../src/store/store_int.h"

static int
print_row(void *ud, int n, char **v, char **names)
{
	(void)ud;
	(void)names;
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? "|" : "", v[i] ? v[i] : "");
	putchar('\n');
	return 0;
}

static int
run(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(db, sql, print_row, NULL, &err);
	fflush(stdout);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "Error: %s\n", err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: zsql DB [SQL...]  (test-only; see tests/tools/zsql.c)\n", stderr);
		return 2;
	}
	store s = { 0 };
	s.busy_ms = 10000;
	s.path = argv[1];
	unsigned char salt[ST_SALT_BYTES], *key = NULL;
	st_file_kind k = st_crypt_probe(argv[1], salt);
	if (k == ST_FILE_MISSING) {
		fprintf(stderr, "Error: %s: no store (missing or empty)\n", argv[1]);
		return 1;
	}
	if (k == ST_FILE_ZORGDOC) {
		diag d = DIAG_INIT;
		key = st_crypt_key_new();
		if (!key || st_crypt_derive(argv[1], salt, STORE_PASS_OPEN, key, &d) != 0) {
			diag_print(&d, stderr);
			diag_free(&d);
			return 1;
		}
	}
	sqlite3 *db = NULL;
	int status = 0;
	if (st_connect(&s, argv[1], SQLITE_OPEN_READWRITE, salt, key, &db) != SQLITE_OK) {
		fprintf(stderr, "Error: %s\n", sqlite3_errmsg(db));
		status = 1;
	} else if (key && sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL,
	    NULL) != SQLITE_OK) {
		fprintf(stderr, "Error: %s\n", sqlite3_errmsg(db));
		status = 1;
	} else if (argc > 2) {
		for (int i = 2; i < argc && !status; i++)
			status = run(db, argv[i]);
	} else {
		buf b = BUF_INIT;
		char *line = NULL;
		size_t cap = 0;
		while (getline(&line, &cap, stdin) > 0) {
			buf_puts(&b, line);
			if (sqlite3_complete(buf_str(&b))) {
				status |= run(db, buf_str(&b));
				buf_reset(&b);
			}
		}
		free(line);
		buf_free(&b);
	}
	sqlite3_close(db);
	st_crypt_key_free(key);
	return status;
}
