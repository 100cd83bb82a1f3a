/* treatment — treatments (consulten) in the store. What goes on an
 * invoice (date, tariff, prestatiecode, description, amount) lives in
 * `treatments`; clinical notes live apart in `treatment_notes`, so that
 * invoicing never reads them. */
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "check.h"
#include "store_int.h"

static const char *const vat_names[STORE_VAT__MAX] = {
	[STORE_VAT_EXEMPT] = "exempt",
	[STORE_VAT_STANDARD] = "standard",
	[STORE_VAT_KOR] = "kor",
};

const char *
store_vat_name(store_vat v)
{
	return v < STORE_VAT__MAX ? vat_names[v] : "?";
}

int
store_vat_lookup(const char *name)
{
	static const struct {
		const char *name;
		store_vat v;
	} names[] = {
		{ "exempt", STORE_VAT_EXEMPT }, { "vrijgesteld", STORE_VAT_EXEMPT },
		{ "standard", STORE_VAT_STANDARD }, { "21", STORE_VAT_STANDARD },
		{ "21%", STORE_VAT_STANDARD }, { "kor", STORE_VAT_KOR },
		{ "small-business", STORE_VAT_KOR },
	};
	if (!name)
		return -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i].name) == 0)
			return (int)names[i].v;
	return -1;
}

int
store_treatment_add(store *s, const store_treatment *t, int64_t *id, diag *d)
{
	if (st_need_tx(s, d) != STORE_OK)
		return STORE_EDB;
	const char *bad = NULL, *field = NULL;
	if (!check_date(t->date))
		field = "date", bad = "is not a date (YYYY-MM-DD)";
	else if ((bad = check_text(t->tariff_id, 64)))
		field = "tariff";
	else if (t->prestatiecode && (bad = check_text(t->prestatiecode, 16)))
		field = "prestatiecode";
	else if (t->description && (bad = check_text(t->description, CHECK_MAX_TEXT)))
		field = "description";
	else if (t->amount_cents < 0 || t->amount_cents > CHECK_MAX_CENTS)
		field = "amount", bad = "is out of range";
	else if (t->duration_min < 0 || t->duration_min > 24 * 60)
		field = "duration", bad = "is out of range (0 to 1440 minutes)";
	else if (t->vat >= STORE_VAT__MAX)
		field = "vat", bad = "is unknown";
	else if (t->note && (bad = check_text_ml(t->note, 20000)))
		field = "note";
	if (field)
		return diag_error(d, NULL, 0, 0, "treatment: field '%s' %s", field, bad),
		    STORE_EINPUT;
	char now[32];
	st_now(now);
	sqlite3_stmt *st = st_prepare(s, "INSERT INTO treatments (client_id, date, "
	    "duration_min, tariff_id, prestatiecode, description, amount_cents, vat, created) "
	    "SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 FROM clients WHERE id = ?1 "
	    "AND erased IS NULL", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, t->client_id);
	st_bind_text(st, 2, t->date);
	sqlite3_bind_int(st, 3, t->duration_min);
	st_bind_text(st, 4, t->tariff_id);
	st_bind_text(st, 5, t->prestatiecode);
	st_bind_text(st, 6, t->description);
	sqlite3_bind_int64(st, 7, t->amount_cents);
	st_bind_text(st, 8, vat_names[t->vat]);
	st_bind_text(st, 9, now);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, d, "adding a treatment");
	if (sqlite3_changes(s->db) == 0) {
		/* unknown, or erased (client forget): says which */
		int why = st_client_writable(s, t->client_id, "treatment", d);
		return why != STORE_OK ? why : st_input(d, "no client with id %lld",
		    (long long)t->client_id);
	}
	*id = sqlite3_last_insert_rowid(s->db);
	if (t->note) {
		st = st_prepare(s, "INSERT INTO treatment_notes (treatment_id, note, created) "
		    "VALUES (?1, ?2, ?3)", d);
		if (!st)
			return STORE_EDB;
		sqlite3_bind_int64(st, 1, *id);
		st_bind_text(st, 2, t->note);
		st_bind_text(st, 3, now);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return st_fail(s, d, "adding a note");
	}
	/* A treatment changes the dossier's content (retention restarts). */
	st = st_prepare(s, "UPDATE clients SET content_changed = ?2 WHERE id = ?1", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, t->client_id);
	st_bind_text(st, 2, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, d, "adding a treatment");
	return store_audit(s, "add", "treatment", *id, d);
}

#define TREATMENT_COLS "t.id, t.client_id, t.date, t.duration_min, t.tariff_id, " \
	"t.prestatiecode, t.description, t.amount_cents, t.vat, " \
	"coalesce(i.number, t.purged_invoice || ' (purged)')"

static void
row_to_treatment(sqlite3_stmt *st, store_treatment *t)
{
	t->id = sqlite3_column_int64(st, 0);
	t->client_id = sqlite3_column_int64(st, 1);
	snprintf(t->date, sizeof t->date, "%s", st_col(st, 2));
	t->duration_min = sqlite3_column_int(st, 3);
	t->tariff_id = st_col_dup(st, 4);
	t->prestatiecode = st_col_dup(st, 5);
	t->description = st_col_dup(st, 6);
	t->amount_cents = sqlite3_column_int64(st, 7);
	int v = store_vat_lookup(st_col(st, 8));
	t->vat = v < 0 ? STORE_VAT_EXEMPT : (store_vat)v;
	t->invoice_number = st_col_dup(st, 9);
}

static void
treatment_clear(store_treatment *t)
{
	free(t->tariff_id);
	free(t->prestatiecode);
	free(t->description);
	free(t->note);
	free(t->invoice_number);
}

void
store_treatment_free(store_treatment *t)
{
	if (!t)
		return;
	treatment_clear(t);
	free(t);
}

int
store_treatment_each(store *s, const store_treatment_filter *f,
    store_treatment_fn fn, void *ud, diag *d)
{
	/* The WHERE clause is built from fixed pieces (values are bound) so
	 * that SQLite can use the indexes: a batch asks this once per client. */
	buf sql = BUF_INIT;
	buf_puts(&sql, "SELECT " TREATMENT_COLS " FROM treatments t "
	    "LEFT JOIN invoices i ON i.id = t.invoice_id WHERE 1");
	if (f && f->client_id)
		buf_puts(&sql, " AND t.client_id = ?1");
	if (f && f->period)
		buf_puts(&sql, " AND t.date >= ?2 AND t.date < ?3");
	if (f && f->uninvoiced_only)
		buf_puts(&sql, " AND t.invoice_id IS NULL AND t.purged_invoice IS NULL");
	buf_puts(&sql, " ORDER BY t.date, t.id");
	sqlite3_stmt *st = st_prepare_kept(s, buf_str(&sql), d);
	buf_free(&sql);
	if (!st)
		return STORE_EDB;
	if (f && f->client_id)
		sqlite3_bind_int64(st, 1, f->client_id);
	if (f && f->period) {
		char lo[11], hi[11];
		snprintf(lo, sizeof lo, "%.7s-01", f->period);
		snprintf(hi, sizeof hi, "%.7s-99", f->period);
		st_bind_text(st, 2, lo);
		st_bind_text(st, 3, hi);
	}
	int rc, ret = STORE_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_treatment t = { 0 };
		row_to_treatment(st, &t);
		ret = fn(ud, &t);
		treatment_clear(&t);
		if (ret != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = st_fail(s, d, "reading treatments");
	st_done(s, st);
	return ret;
}

int
store_treatment_load(store *s, int64_t id, store_treatment **out, diag *d)
{
	*out = NULL;
	sqlite3_stmt *st = st_prepare(s, "SELECT " TREATMENT_COLS ", n.note FROM treatments t "
	    "LEFT JOIN invoices i ON i.id = t.invoice_id "
	    "LEFT JOIN treatment_notes n ON n.treatment_id = t.id WHERE t.id = ?1", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_treatment *t = xcalloc(1, sizeof *t);
		row_to_treatment(st, t);
		t->note = st_col_dup(st, 10);
		*out = t;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	if (rc == SQLITE_DONE)
		return diag_error(d, NULL, 0, 0, "no treatment with id %lld", (long long)id),
		    STORE_EINPUT;
	return st_fail(s, d, "reading a treatment");
}
