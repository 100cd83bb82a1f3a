/* audit — the audit log (NEN 7513 style): who did what to which record,
 * when — never content. Changes are logged by the store functions inside
 * their transactions; reads are logged by the commands through
 * store_audit_read before they show anything. Each row carries the
 * client it concerns, so `zorgdoc audit --client ID` finds every read and
 * change of a client's data, also of their treatments, invoices,
 * consents and documents. Triggers refuse UPDATE, and DELETE outside a
 * retention purge. */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "rights.h"
#include "store_int.h"

const char *
st_audit_user(void)
{
	const char *u = getenv("ZORGDOC_USER");
	if (u && *u && !check_text(u, 64))
		return u;
	struct passwd *pw = getpwuid(geteuid());
	if (pw && pw->pw_name && !check_text(pw->pw_name, 64))
		return pw->pw_name;
	return "unknown";
}

/* The client a record belongs to; entity names are a fixed set. */
static const char *
client_of_sql(const char *entity)
{
	static const struct {
		const char *entity, *sql;
	} map[] = {
		{ "client", "SELECT id FROM clients WHERE id = ?1" },
		{ "treatment", "SELECT client_id FROM treatments WHERE id = ?1" },
		{ "invoice", "SELECT client_id FROM invoices WHERE id = ?1" },
		{ "consent", "SELECT client_id FROM consents WHERE id = ?1" },
		{ "document", "SELECT client_id FROM documents WHERE id = ?1" },
		{ "client_password", "SELECT id FROM clients WHERE id = ?1" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(entity, map[i].entity) == 0)
			return map[i].sql;
	return NULL;
}

int
st_audit_write(store *s, const char *action, const char *entity, int64_t record_id,
    int64_t client_id, const char *detail, diag *d)
{
	if (st_need_tx(s, d) != STORE_OK)
		return STORE_EDB;
	if (client_id < 0) {
		client_id = 0;
		const char *sql = record_id ? client_of_sql(entity) : NULL;
		if (sql) {
			sqlite3_stmt *q = st_prepare_kept(s, sql, d);
			if (!q)
				return STORE_EDB;
			sqlite3_bind_int64(q, 1, record_id);
			if (sqlite3_step(q) == SQLITE_ROW)
				client_id = sqlite3_column_int64(q, 0);
			st_done(s, q);
		}
	}
	sqlite3_stmt *st = st_prepare_kept(s, "INSERT INTO audit (at, user, action, entity, "
	    "record_id, client_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", d);
	if (!st)
		return STORE_EDB;
	char now[32];
	st_now(now);
	st_bind_text(st, 1, now);
	st_bind_text(st, 2, st_audit_user());
	st_bind_text(st, 3, action);
	st_bind_text(st, 4, entity);
	if (record_id)
		sqlite3_bind_int64(st, 5, record_id);
	if (client_id)
		sqlite3_bind_int64(st, 6, client_id);
	st_bind_text(st, 7, detail);
	int rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : st_fail(s, d, "writing the audit log");
	st_done(s, st);
	return rc;
}

int
store_audit_read(store *s, const char *action, const char *entity, int64_t record_id,
    int64_t client_id, const char *detail, diag *d)
{
	/* One INSERT in a short transaction of its own: the cost of a read's
	 * log row is one commit (no reading of anything else). */
	int own = !s->in_tx, rc;
	if (own && (rc = store_begin(s, d)) != STORE_OK)
		return rc;
	rc = st_audit_write(s, action, entity, record_id, client_id, detail, d);
	if (own) {
		if (rc == STORE_OK)
			rc = store_commit(s, d);
		else
			store_rollback(s);
	}
	return rc;
}

int
store_audit_read_invoice(store *s, const char *action, const char *number, diag *d)
{
	sqlite3_stmt *st = st_prepare(s, "SELECT id, client_id FROM invoices WHERE number = ?1", d);
	if (!st)
		return STORE_EDB;
	st_bind_text(st, 1, number);
	int rc = sqlite3_step(st);
	int64_t id = 0, client = 0;
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		client = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return diag_error(d, NULL, 0, 0, "no invoice with number '%s'", number), STORE_EINPUT;
	if (rc != SQLITE_ROW)
		return st_fail(s, d, "finding an invoice");
	return store_audit_read(s, action, "invoice", id, client, NULL, d);
}

int
store_audit_query(store *s, const store_audit_filter *f, store_audit_row_fn fn, void *ud,
    diag *d)
{
	sqlite3_stmt *st = st_prepare(s, "SELECT id, at, user, action, entity, record_id, "
	    "client_id, detail FROM audit WHERE (?1 = 0 OR client_id = ?1) "
	    "AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR action = ?3) ORDER BY id", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, f ? f->client_id : 0);
	st_bind_text(st, 2, f ? f->since : NULL);
	st_bind_text(st, 3, f ? f->action : NULL);
	int rc, ret = STORE_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_audit_row r = {
			sqlite3_column_int64(st, 0), st_col(st, 1), st_col(st, 2), st_col(st, 3),
			st_col(st, 4), sqlite3_column_int64(st, 5), sqlite3_column_int64(st, 6),
			(const char *)sqlite3_column_text(st, 7),
		};
		if ((ret = fn(ud, &r)) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = st_fail(s, d, "reading the audit log");
	sqlite3_finalize(st);
	return ret;
}
