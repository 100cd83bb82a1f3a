/* verify — `zorgdoc store check`: is the store whole? SQLite's
 * integrity_check (with SQLCipher, every page's HMAC too) and
 * foreign_key_check, the schema version and key format, the invoice
 * numbers of every series and year (1, 2, ... without gaps or
 * duplicates, and the series counter at the last one; the numbers of
 * invoices a retention purge deleted count as given out), each issued
 * invoice's snapshot against its SHA-256 and its lines against its
 * totals. (src/store/check.c is something else: input validation.)
 *
 * In: an open store. Out: one call of fn per problem, worded without
 * personal data (tables, row ids, invoice numbers, counts). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "store_int.h"

typedef struct {
	store_problem_fn fn;
	void *ud;
	size_t n;
} report;

static void problem(report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
problem(report *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	r->n++;
	if (r->fn)
		r->fn(r->ud, msg);
	free(msg);
}

/* Runs a query whose failure is itself a finding (a damaged page). */
static sqlite3_stmt *
query(store *s, report *r, const char *what, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		problem(r, "%s: cannot be read (%s)", what, sqlite3_errmsg(s->db));
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

static void
finish(store *s, report *r, const char *what, sqlite3_stmt *st, int rc)
{
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		problem(r, "%s: cannot be read (%s)", what, sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
}

static void
integrity(store *s, report *r, store_verify_stats *vs)
{
	sqlite3_stmt *st = query(s, r, "integrity check", "PRAGMA integrity_check");
	if (!st)
		return;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *m = st_col(st, 0);
		if (strcmp(m, "ok") == 0)
			vs->integrity_ok = 1;
		else
			/* SQLite names pages, tables and indexes, never values. */
			problem(r, "integrity: %s", m);
	}
	finish(s, r, "integrity check", st, rc);
}

static void
foreign_keys(store *s, report *r)
{
	sqlite3_stmt *st = query(s, r, "foreign key check", "PRAGMA foreign_key_check");
	if (!st)
		return;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		problem(r, "foreign key: %s row %lld refers to a missing %s row", st_col(st, 0),
		    (long long)sqlite3_column_int64(st, 1), st_col(st, 2));
	finish(s, r, "foreign key check", st, rc);
}

static void
numbering(store *s, report *r, store_verify_stats *vs)
{
	/* Per series and year: how many, the smallest and largest seq, how
	 * many distinct, and the counter. */
	/* Numbers given out: the invoices, and from schema 3 on the numbers
	 * of purged invoices (a store is checked as it is, not migrated). */
	const char *given = s->version >= 3 ?
	    "(SELECT series, year, seq FROM invoices UNION ALL "
	    " SELECT series, year, seq FROM purged_numbers)" : "invoices";
	char *sql = xasprintf(
	    "SELECT i.series, i.year, count(*), min(i.seq), max(i.seq), count(DISTINCT i.seq), "
	    "  (SELECT last_seq FROM number_series n WHERE n.series = i.series AND n.year = i.year) "
	    "FROM %s i GROUP BY i.series, i.year ORDER BY i.series, i.year", given);
	sqlite3_stmt *st = query(s, r, "invoice numbers", sql);
	free(sql);
	if (!st)
		return;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *series = st_col(st, 0);
		int year = sqlite3_column_int(st, 1);
		long long n = sqlite3_column_int64(st, 2), lo = sqlite3_column_int64(st, 3);
		long long hi = sqlite3_column_int64(st, 4), distinct = sqlite3_column_int64(st, 5);
		vs->series++;
		if (distinct != n)
			problem(r, "numbers: series %s %d has %lld duplicate sequence numbers", series,
			    year, n - distinct);
		if (lo != 1 || hi != distinct)
			problem(r, "numbers: series %s %d has gaps: %lld numbers between %lld and %lld",
			    series, year, distinct, lo, hi);
		if (sqlite3_column_type(st, 6) == SQLITE_NULL)
			problem(r, "numbers: series %s %d has no counter", series, year);
		else if (sqlite3_column_int64(st, 6) != hi)
			problem(r, "numbers: series %s %d: the counter is at %lld, the last invoice "
			    "at %lld", series, year, (long long)sqlite3_column_int64(st, 6), hi);
	}
	finish(s, r, "invoice numbers", st, rc);
	/* A counter that moved without any invoice: a number went missing. */
	sql = xasprintf("SELECT series, year, last_seq FROM number_series n "
	    "WHERE last_seq > 0 AND NOT EXISTS (SELECT 1 FROM %s i WHERE i.series = n.series "
	    "AND i.year = n.year) ORDER BY series, year", given);
	st = query(s, r, "number series", sql);
	free(sql);
	if (!st)
		return;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		problem(r, "numbers: series %s %d counted to %lld but holds no invoice", st_col(st, 0),
		    sqlite3_column_int(st, 1), (long long)sqlite3_column_int64(st, 2));
	finish(s, r, "number series", st, rc);
}

static void
snapshots(store *s, report *r, store_verify_stats *vs)
{
	sqlite3_stmt *st = query(s, r, "invoice snapshots",
	    "SELECT i.number, i.snapshot, i.snapshot_sha256, i.total_cents, i.nlines, "
	    "  (SELECT count(*) FROM invoice_lines l WHERE l.invoice_id = i.id), "
	    "  (SELECT coalesce(sum(amount_cents), 0) FROM invoice_lines l WHERE l.invoice_id = i.id) "
	    "FROM invoices i ORDER BY i.id");
	if (!st)
		return;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		vs->invoices++;
		const char *number = st_col(st, 0);
		const void *snap = sqlite3_column_blob(st, 1);
		int len = sqlite3_column_bytes(st, 1);
		unsigned char h[crypto_hash_sha256_BYTES];
		char hex[2 * crypto_hash_sha256_BYTES + 1];
		crypto_hash_sha256(h, snap ? snap : (const void *)"", (unsigned long long)len);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		if (strcmp(hex, st_col(st, 2)) != 0)
			problem(r, "invoice %s: the snapshot does not match its SHA-256", number);
		if (sqlite3_column_int64(st, 4) != sqlite3_column_int64(st, 5))
			problem(r, "invoice %s: %lld lines recorded, %lld present", number,
			    (long long)sqlite3_column_int64(st, 4), (long long)sqlite3_column_int64(st, 5));
		if (sqlite3_column_int64(st, 3) != sqlite3_column_int64(st, 6))
			problem(r, "invoice %s: the total differs from the sum of its lines", number);
	}
	finish(s, r, "invoice snapshots", st, rc);
}

int
store_verify(store *s, store_problem_fn fn, void *ud, store_verify_stats *vs, diag *d)
{
	(void)d;
	report r = { fn, ud, 0 };
	memset(vs, 0, sizeof *vs);
	vs->schema_version = s->version;
	vs->test_key_format = st_crypt_is_test_format(s->salt);
	integrity(s, &r, vs);
	foreign_keys(s, &r);
	/* The rest reads tables that integrity_check has vouched for; on a
	 * damaged store their errors are findings too. */
	numbering(s, &r, vs);
	snapshots(s, &r, vs);
	vs->problems = r.n;
	return STORE_OK;
}
