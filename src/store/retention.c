/* retention — the terms for which the store keeps dossiers and invoices,
 * and the purge that destroys what is past them.
 *
 * Dossier (WGBO art. 7:454): from the last change of its content
 * (clients.content_changed: a treatment, a note or a consent moves it, an
 * administrative edit does not) plus dossier_years (20, or the practice's
 * longer term); where the practice has a rule for minors counted from the
 * 18th birthday, that is applied too for clients who were minors when the
 * dossier began, and the later end wins.
 * Invoices and credit notes (art. 52 AWR): financial_years (7, or longer)
 * from the end of the calendar year of the invoice date, so an invoice of
 * 2023 is kept through 31 December 2030.
 * "end" is always the last day of the term: it has passed when today is
 * later.
 *
 * The purge runs in one transaction: invoices past their term are deleted
 * (a credit note's original only with its credit note); clients whose
 * dossier is past its term and who have no invoice left are deleted with
 * everything; clients whose dossier is past its term but whose invoices
 * are still kept have their personal data erased (erase.c). The log keeps
 * one row with the counts, and rows about destroyed records are deleted
 * with them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "check.h"
#include "rights.h"
#include "store_int.h"

void
store_retention_policy_default(store_retention_policy *p)
{
	p->dossier_years = 20;
	p->minors_years = 0;
	p->financial_years = 7;
}

void
st_date_add_years(const char *date, int years, char out[11])
{
	int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
	y += years;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m == 2 && d == 29 && !leap)
		d = 28;
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

typedef struct {
	int64_t id;
	char *ref;
	char from[11], end[11];
	int erased;
	size_t kept_invoices;   /* invoices that stay after a purge today */
	char kept_until[11];    /* the latest end among them */
	store_ret_action action;
} ret_client;

typedef struct {
	int64_t id, client_id, credits_id;
	char *number;
	char date[11], end[11];
	int credit, passed;
	store_ret_action action;
	char held_until[11];
} ret_invoice;

typedef struct {
	ret_client *c;
	size_t nc;
	ret_invoice *i;
	size_t ni;
} ret_state;

static void
state_free(ret_state *r)
{
	for (size_t k = 0; k < r->nc; k++)
		free(r->c[k].ref);
	for (size_t k = 0; k < r->ni; k++)
		free(r->i[k].number);
	free(r->c);
	free(r->i);
}

static void
dossier_end(const store_retention_policy *p, const char *changed, const char *created,
    const char *birth, char end[11])
{
	st_date_add_years(changed, p->dossier_years, end);
	if (p->minors_years > 0 && birth && check_date(birth)) {
		char adult[11], alt[11];
		st_date_add_years(birth, 18, adult);
		if (strncmp(adult, created, 10) > 0) {
			st_date_add_years(adult, p->minors_years, alt);
			if (strcmp(alt, end) > 0)
				memcpy(end, alt, 11);
		}
	}
}

static void
invoice_end(const store_retention_policy *p, const char *date, char end[11])
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%04d-12-31", (atoi(date) + p->financial_years) % 10000);
	memcpy(end, tmp, 11);
}

static int
find_client(const ret_state *r, int64_t id)
{
	/* Clients are loaded in id order: binary search. */
	size_t lo = 0, hi = r->nc;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->c[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->nc && r->c[lo].id == id ? (int)lo : -1;
}

/* Loads every client and invoice and decides what a purge today does. */
static int
state_load(store *s, const store_retention_policy *p, const char *today, ret_state *r, diag *d)
{
	memset(r, 0, sizeof *r);
	sqlite3_stmt *st = st_prepare(s, "SELECT id, ref, substr(content_changed, 1, 10), "
	    "substr(created, 1, 10), birth_date, erased IS NOT NULL FROM clients ORDER BY id", d);
	if (!st)
		return STORE_EDB;
	int rc;
	size_t cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r->nc == cap) {
			cap = cap ? cap * 2 : 64;
			r->c = xrealloc(r->c, cap * sizeof *r->c);
		}
		ret_client *c = &r->c[r->nc++];
		memset(c, 0, sizeof *c);
		c->id = sqlite3_column_int64(st, 0);
		c->ref = st_col_dup(st, 1);
		snprintf(c->from, sizeof c->from, "%s", st_col(st, 2));
		dossier_end(p, c->from, st_col(st, 3), (const char *)sqlite3_column_text(st, 4), c->end);
		c->erased = sqlite3_column_int(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, d, "reading clients");
	st = st_prepare(s, "SELECT id, client_id, credits_id, number, date, kind = 'credit' "
	    "FROM invoices ORDER BY id", d);
	if (!st)
		return STORE_EDB;
	cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r->ni == cap) {
			cap = cap ? cap * 2 : 64;
			r->i = xrealloc(r->i, cap * sizeof *r->i);
		}
		ret_invoice *v = &r->i[r->ni++];
		memset(v, 0, sizeof *v);
		v->id = sqlite3_column_int64(st, 0);
		v->client_id = sqlite3_column_int64(st, 1);
		v->credits_id = sqlite3_column_int64(st, 2);
		v->number = st_col_dup(st, 3);
		snprintf(v->date, sizeof v->date, "%s", st_col(st, 4));
		v->credit = sqlite3_column_int(st, 5);
		invoice_end(p, v->date, v->end);
		v->passed = strcmp(v->end, today) < 0;
		v->action = v->passed ? STORE_RET_DELETE : STORE_RET_KEEP;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, d, "reading invoices");
	/* An original stays as long as its credit note: the credit refers
	 * to it. (Invoices are in id order; a credit follows its original.) */
	for (size_t k = 0; k < r->ni; k++) {
		ret_invoice *cr = &r->i[k];
		if (!cr->credits_id || cr->action != STORE_RET_KEEP)
			continue;
		for (size_t j = 0; j < k; j++)
			if (r->i[j].id == cr->credits_id && r->i[j].action == STORE_RET_DELETE) {
				r->i[j].action = STORE_RET_HELD;
				memcpy(r->i[j].held_until, cr->end, 11);
			}
	}
	for (size_t k = 0; k < r->ni; k++) {
		ret_invoice *v = &r->i[k];
		if (v->action == STORE_RET_DELETE)
			continue;
		int ci = find_client(r, v->client_id);
		if (ci < 0)
			continue;
		ret_client *c = &r->c[ci];
		c->kept_invoices++;
		const char *until = v->action == STORE_RET_HELD ? v->held_until : v->end;
		if (strcmp(until, c->kept_until) > 0)
			memcpy(c->kept_until, until, 11);
	}
	for (size_t k = 0; k < r->nc; k++) {
		ret_client *c = &r->c[k];
		if (strcmp(c->end, today) >= 0)
			c->action = STORE_RET_KEEP;
		else if (!c->kept_invoices)
			c->action = STORE_RET_DELETE;
		else
			c->action = c->erased ? STORE_RET_HELD : STORE_RET_ERASE;
	}
	return STORE_OK;
}

int
store_retention_each(store *s, const store_retention_policy *p, const char *today,
    const char *until, store_ret_fn fn, void *ud, diag *d)
{
	ret_state r;
	int rc = state_load(s, p, today, &r, d);
	for (size_t k = 0; rc == STORE_OK && k < r.nc; k++) {
		ret_client *c = &r.c[k];
		if (strcmp(c->end, until) >= 0 && strcmp(c->end, today) >= 0)
			continue;
		store_ret_item it = { STORE_RET_DOSSIER, c->id, c->ref, NULL, "", "",
			strcmp(c->end, today) < 0, c->erased, c->action, "" };
		memcpy(it.from, c->from, 11);
		memcpy(it.end, c->end, 11);
		if (c->action == STORE_RET_ERASE || c->action == STORE_RET_HELD)
			memcpy(it.held_until, c->kept_until, 11);
		rc = fn(ud, &it);
	}
	for (size_t k = 0; rc == STORE_OK && k < r.ni; k++) {
		ret_invoice *v = &r.i[k];
		if (strcmp(v->end, until) >= 0 && !v->passed)
			continue;
		int ci = find_client(&r, v->client_id);
		store_ret_item it = { STORE_RET_INVOICE, v->client_id, ci >= 0 ? r.c[ci].ref : NULL,
			v->number, "", "", v->passed, ci >= 0 ? r.c[ci].erased : 0, v->action, "" };
		memcpy(it.from, v->date, 11);
		memcpy(it.end, v->end, 11);
		memcpy(it.held_until, v->held_until, 11);
		rc = fn(ud, &it);
	}
	state_free(&r);
	return rc;
}

/* Runs sql with ?1 bound to id; STORE_OK or STORE_EDB. */
static int
exec_id(store *s, const char *sql, int64_t id, diag *d)
{
	sqlite3_stmt *st = st_prepare(s, sql, d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? STORE_OK : st_fail(s, d, "purging");
}

static int
purge_invoice(store *s, const ret_invoice *v, diag *d)
{
	/* Treatments it billed stay in a kept dossier, marked as invoiced
	 * (by number: numbers are never reused) so that nothing bills them
	 * again. */
	sqlite3_stmt *st = st_prepare(s, "UPDATE treatments SET purged_invoice = ?2, "
	    "invoice_id = NULL WHERE invoice_id = ?1", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, v->id);
	st_bind_text(st, 2, v->number);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, d, "purging");
	static const char *const sql[] = {
		"DELETE FROM audit WHERE entity = 'document' AND record_id IN "
		"(SELECT id FROM documents WHERE invoice_id = ?1)",
		"DELETE FROM documents WHERE invoice_id = ?1",
		"DELETE FROM audit WHERE entity = 'invoice' AND record_id = ?1",
		"DELETE FROM invoice_lines WHERE invoice_id = ?1",
		"INSERT INTO purged_numbers (series, year, seq) "
		"SELECT series, year, seq FROM invoices WHERE id = ?1",
		"DELETE FROM invoices WHERE id = ?1",
	};
	for (size_t k = 0; k < sizeof sql / sizeof sql[0]; k++)
		if ((rc = exec_id(s, sql[k], v->id, d)) != STORE_OK)
			return rc;
	return STORE_OK;
}

static int
purge_client(store *s, int64_t id, diag *d)
{
	static const char *const sql[] = {
		"DELETE FROM audit WHERE client_id = ?1",
		"DELETE FROM treatment_notes WHERE treatment_id IN "
		"(SELECT id FROM treatments WHERE client_id = ?1)",
		"DELETE FROM invoice_lines WHERE treatment_id IN "
		"(SELECT id FROM treatments WHERE client_id = ?1)",
		"DELETE FROM treatments WHERE client_id = ?1",
		"DELETE FROM consents WHERE client_id = ?1",
		"DELETE FROM documents WHERE client_id = ?1",
		"DELETE FROM guardians WHERE client_id = ?1",
		"DELETE FROM clients WHERE id = ?1",
		/* Client ids are never given out again (store_client_add). */
		"INSERT OR REPLACE INTO meta (key, value) SELECT 'client_id_high', "
		"max(?1, coalesce((SELECT CAST(value AS INTEGER) FROM meta "
		"WHERE key = 'client_id_high'), 0))",
	};
	for (size_t k = 0; k < sizeof sql / sizeof sql[0]; k++) {
		int rc = exec_id(s, sql[k], id, d);
		if (rc != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

int
store_retention_purge(store *s, const store_retention_policy *p, const char *today,
    store_purge_stats *stats, diag *d)
{
	memset(stats, 0, sizeof *stats);
	int rc = store_begin(s, d);
	if (rc != STORE_OK)
		return rc;
	ret_state r = { 0 };
	if ((rc = st_exec(s, "INSERT INTO purging (one) VALUES (1)", d)) != STORE_OK ||
	    (rc = state_load(s, p, today, &r, d)) != STORE_OK)
		goto fail;
	/* Credit notes first: they refer to their originals. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < r.ni; k++) {
			ret_invoice *v = &r.i[k];
			if (v->action != STORE_RET_DELETE || v->credit != (pass == 0))
				continue;
			if ((rc = purge_invoice(s, v, d)) != STORE_OK)
				goto fail;
			stats->invoices++;
		}
	for (size_t k = 0; k < r.nc; k++) {
		ret_client *c = &r.c[k];
		if (c->action == STORE_RET_DELETE) {
			if ((rc = purge_client(s, c->id, d)) != STORE_OK)
				goto fail;
			stats->dossiers_deleted++;
		} else if (c->action == STORE_RET_ERASE) {
			if ((rc = store_client_erase(s, c->id, today, "retention", d)) != STORE_OK)
				goto fail;
			stats->dossiers_erased++;
		}
	}
	char detail[160];
	snprintf(detail, sizeof detail, "%zu dossiers deleted, %zu erased, %zu invoices deleted",
	    stats->dossiers_deleted, stats->dossiers_erased, stats->invoices);
	if ((rc = st_audit_write(s, "purge", "retention", 0, 0, detail, d)) != STORE_OK ||
	    (rc = st_exec(s, "DELETE FROM purging", d)) != STORE_OK ||
	    (rc = store_commit(s, d)) != STORE_OK)
		goto fail;
	state_free(&r);
	if (stats->dossiers_deleted || stats->dossiers_erased || stats->invoices)
		return store_vacuum(s, d);
	return STORE_OK;
fail:
	state_free(&r);
	store_rollback(s);
	return rc;
}

int
store_vacuum(store *s, diag *d)
{
	if (s->in_tx)
		return diag_error(d, s->path, 0, 0, "internal error: VACUUM inside a transaction"),
		    STORE_EDB;
	if (sqlite3_exec(s->db, "VACUUM", NULL, NULL, NULL) != SQLITE_OK)
		return st_fail(s, d, "compacting the store (VACUUM)");
	return STORE_OK;
}
