/* erase — a client's rights of erasure and access (AVG art. 15, 17, 20).
 *
 * Erasure overwrites the client's personal data in place (name, address,
 * contact, birth date, BSN, insurer, policy number, client number) and
 * deletes guardians, clinical notes and consents; with secure_delete on,
 * SQLite zeroes the freed bytes, and the caller VACUUMs after the commit.
 * Treatments stay, anonymous, with date, code, description, duration and
 * amount (as seed Duurzame Balans promises). Issued invoices are never
 * changed: their frozen snapshots keep what the invoice showed until the
 * fiscal term ends and a retention purge deletes them.
 *
 * The export gives everything the store holds on one client as XML
 * (urn:zorgdoc:client-export:1; schema/client-export.rng), with the
 * practice that holds it (the controller) when the caller names one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "check.h"
#include "rights.h"
#include "store_int.h"

int
store_client_terms_get(store *s, const store_retention_policy *p, int64_t id,
    const char *today, store_client_terms *t, diag *d)
{
	memset(t, 0, sizeof *t);
	sqlite3_stmt *st = st_prepare(s, "SELECT substr(content_changed, 1, 10), "
	    "substr(created, 1, 10), birth_date, erased IS NOT NULL FROM clients WHERE id = ?1", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		/* The same rule as retention.c's listing. */
		store_retention_policy q = *p;
		st_date_add_years(st_col(st, 0), q.dossier_years, t->dossier_end);
		const char *birth = (const char *)sqlite3_column_text(st, 2);
		if (q.minors_years > 0 && birth && check_date(birth)) {
			char adult[11], alt[11];
			st_date_add_years(birth, 18, adult);
			if (strncmp(adult, st_col(st, 1), 10) > 0) {
				st_date_add_years(adult, q.minors_years, alt);
				if (strcmp(alt, t->dossier_end) > 0)
					memcpy(t->dossier_end, alt, 11);
			}
		}
		t->erased = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return diag_error(d, NULL, 0, 0, "no client with id %lld", (long long)id), STORE_EINPUT;
	if (rc != SQLITE_ROW)
		return st_fail(s, d, "reading a client");
	t->dossier_passed = strcmp(t->dossier_end, today) < 0;
	st = st_prepare(s, "SELECT count(*), max(substr(date, 1, 4)) FROM invoices "
	    "WHERE client_id = ?1", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t->invoices = (size_t)sqlite3_column_int64(st, 0);
		if (t->invoices) {
			char tmp[32];
			snprintf(tmp, sizeof tmp, "%04d-12-31",
			    (sqlite3_column_int(st, 1) + p->financial_years) % 10000);
			memcpy(t->fiscal_end, tmp, 11);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return st_fail(s, d, "reading invoices");
	t->fiscal_passed = !t->invoices || strcmp(t->fiscal_end, today) < 0;
	return STORE_OK;
}

int
store_client_erase(store *s, int64_t id, const char *today, const char *reason, diag *d)
{
	if (st_need_tx(s, d) != STORE_OK)
		return STORE_EDB;
	char now[32];
	st_now(now);
	/* Every personal field in place (same row, so no copy survives in a
	 * moved cell); name is NOT NULL and becomes empty. */
	sqlite3_stmt *st = st_prepare(s, "UPDATE clients SET ref = NULL, name = '', "
	    "street = NULL, postcode = NULL, city = NULL, country = NULL, birth_date = NULL, "
	    "email = NULL, phone = NULL, insurer = NULL, policy_number = NULL, bsn = NULL, "
	    "updated = ?2, erased = ?3 WHERE id = ?1", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, id);
	st_bind_text(st, 2, now);
	st_bind_text(st, 3, today);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, d, "erasing a client");
	if (sqlite3_changes(s->db) == 0)
		return diag_error(d, NULL, 0, 0, "no client with id %lld", (long long)id), STORE_EINPUT;
	static const char *const sql[] = {
		"DELETE FROM guardians WHERE client_id = ?1",
		"DELETE FROM treatment_notes WHERE treatment_id IN "
		"(SELECT id FROM treatments WHERE client_id = ?1)",
		"DELETE FROM consents WHERE client_id = ?1",
		"UPDATE documents SET path = NULL WHERE client_id = ?1 AND path IS NOT NULL",
		"DELETE FROM client_passwords WHERE client_id = ?1",
	};
	for (size_t k = 0; k < sizeof sql / sizeof sql[0]; k++) {
		st = st_prepare(s, sql[k], d);
		if (!st)
			return STORE_EDB;
		sqlite3_bind_int64(st, 1, id);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return st_fail(s, d, "erasing a client");
	}
	return st_audit_write(s, "erase", "client", id, id, reason, d);
}

/* ---- export ------------------------------------------------------------ */

/* <name>value</name> at indent, or nothing when value is NULL. */
static void
x_elem(buf *b, int indent, const char *name, const char *value)
{
	if (!value)
		return;
	buf_printf(b, "%*s<%s>", indent, "", name);
	st_xml_text(b, value, 1);
	buf_printf(b, "</%s>\n", name);
}

static void
x_col(buf *b, int indent, const char *name, sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return;
	if (sqlite3_column_type(st, col) == SQLITE_INTEGER) {
		buf_printf(b, "%*s<%s>%lld</%s>\n", indent, "", name,
		    (long long)sqlite3_column_int64(st, col), name);
		return;
	}
	x_elem(b, indent, name, st_col(st, col));
}

/* One section: <group> with a <item> per row of sql (?1 = client id),
 * each column as an element named by names[]. */
static int
x_rows(store *s, buf *b, int64_t id, const char *group, const char *item, const char *sql,
    const char *const *names, int ncols, diag *d)
{
	sqlite3_stmt *st = st_prepare(s, sql, d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, id);
	buf_printf(b, "  <%s>\n", group);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		buf_printf(b, "    <%s id=\"%lld\">\n", item, (long long)sqlite3_column_int64(st, 0));
		for (int k = 1; k < ncols; k++)
			x_col(b, 6, names[k], st, k);
		buf_printf(b, "    </%s>\n", item);
	}
	sqlite3_finalize(st);
	buf_printf(b, "  </%s>\n", group);
	return rc == SQLITE_DONE ? STORE_OK : st_fail(s, d, "reading for the export");
}

/* <controller>: who holds the data (AVG art. 15: the client must know
 * whom to turn to). Only identity fields, never anything of the client. */
static void
x_controller(buf *b, const store_practice *p)
{
	if (!p || !p->name)
		return;
	buf_puts(b, "  <controller>\n");
	x_elem(b, 4, "name", p->name);
	x_elem(b, 4, "legal-form", p->legal_form);
	x_elem(b, 4, "therapist", p->therapist);
	x_elem(b, 4, "street", p->street);
	x_elem(b, 4, "postcode", p->postcode);
	x_elem(b, 4, "city", p->city);
	x_elem(b, 4, "country", p->country);
	x_elem(b, 4, "email", p->email);
	x_elem(b, 4, "phone", p->phone);
	x_elem(b, 4, "website", p->website);
	x_elem(b, 4, "kvk", p->kvk);
	x_elem(b, 4, "agb", p->agb_practice);
	buf_puts(b, "  </controller>\n");
}

int
store_client_export(store *s, int64_t id, const char *today, const store_practice *controller,
    buf *out, diag *d)
{
	store_client *c = NULL;
	int rc = store_client_load(s, id, &c, d);
	if (rc != STORE_OK)
		return rc;
	buf *b = out;
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<client-export xmlns=\"urn:zorgdoc:client-export:1\" version=\"1\">\n");
	x_elem(b, 2, "date", today);
	x_controller(b, controller);
	sqlite3_stmt *st = st_prepare(s, "SELECT created, updated, content_changed, erased "
	    "FROM clients WHERE id = ?1", d);
	if (!st) {
		store_client_free(c);
		return STORE_EDB;
	}
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	buf_printf(b, "  <client id=\"%lld\">\n", (long long)id);
	for (int f = 0; f < STORE_CF__MAX; f++) {
		char name[32];
		snprintf(name, sizeof name, "%s", store_client_field_name(f));
		for (char *p = name; *p; p++)
			if (*p == '_')
				*p = '-';
		x_elem(b, 4, name, f == STORE_CF_NAME && c->v[f] && !*c->v[f] ? NULL : c->v[f]);
	}
	for (size_t k = 0; k < c->nguardians; k++)
		x_elem(b, 4, "guardian", c->guardians[k]);
	if (rc == SQLITE_ROW) {
		x_col(b, 4, "created", st, 0);
		x_col(b, 4, "updated", st, 1);
		x_col(b, 4, "content-changed", st, 2);
		x_col(b, 4, "erased", st, 3);
	}
	sqlite3_finalize(st);
	store_client_free(c);
	if (rc != SQLITE_ROW)
		return st_fail(s, d, "reading a client");
	/* The client's PDF password: that one exists and since when, never
	 * the password itself (a credential, given by phone or letter). */
	st = st_prepare(s, "SELECT created FROM client_passwords WHERE client_id = ?1", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		x_col(b, 4, "pdf-password-created", st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(s, d, "reading a client");
	buf_puts(b, "  </client>\n");

	static const char *const tnames[] = { "", "date", "duration-minutes", "tariff",
		"prestatiecode", "description", "amount-cents", "vat", "invoice", "purged-invoice",
		"note" };
	if ((rc = x_rows(s, b, id, "treatments", "treatment",
	    "SELECT t.id, t.date, t.duration_min, t.tariff_id, t.prestatiecode, t.description, "
	    "t.amount_cents, t.vat, i.number, t.purged_invoice, n.note FROM treatments t "
	    "LEFT JOIN invoices i ON i.id = t.invoice_id "
	    "LEFT JOIN treatment_notes n ON n.treatment_id = t.id "
	    "WHERE t.client_id = ?1 ORDER BY t.date, t.id", tnames, 11, d)) != STORE_OK)
		return rc;
	static const char *const cnames[] = { "", "date", "what", "given-by", "document-kind",
		"document-version", "withdrawn" };
	if ((rc = x_rows(s, b, id, "consents", "consent",
	    "SELECT id, date, what, given_by, document_kind, document_version, withdrawn "
	    "FROM consents WHERE client_id = ?1 ORDER BY date, id", cnames, 7, d)) != STORE_OK)
		return rc;
	static const char *const inames[] = { "", "number", "kind", "date", "due-date", "period",
		"total-cents", "vat-cents", "lines", "credits", "snapshot-sha256" };
	if ((rc = x_rows(s, b, id, "invoices", "invoice",
	    "SELECT i.id, i.number, i.kind, i.date, i.due_date, i.period, i.total_cents, "
	    "i.vat_cents, i.nlines, o.number, i.snapshot_sha256 FROM invoices i "
	    "LEFT JOIN invoices o ON o.id = i.credits_id WHERE i.client_id = ?1 ORDER BY i.id",
	    inames, 11, d)) != STORE_OK)
		return rc;
	static const char *const dnames[] = { "", "kind", "version", "date", "path", "invoice",
		"input-sha256" };
	if ((rc = x_rows(s, b, id, "documents", "document",
	    "SELECT dc.id, dc.kind, dc.version, dc.date, dc.path, i.number, dc.input_sha256 "
	    "FROM documents dc LEFT JOIN invoices i ON i.id = dc.invoice_id "
	    "WHERE dc.client_id = ?1 OR dc.invoice_id IN "
	    "(SELECT id FROM invoices WHERE client_id = ?1) ORDER BY dc.id", dnames, 7, d))
	    != STORE_OK)
		return rc;
	static const char *const anames[] = { "", "at", "user", "action", "entity", "record",
		"detail" };
	if ((rc = x_rows(s, b, id, "audit", "entry",
	    "SELECT id, at, user, action, entity, record_id, detail FROM audit "
	    "WHERE client_id = ?1 ORDER BY id", anames, 7, d)) != STORE_OK)
		return rc;
	buf_puts(b, "</client-export>\n");
	return STORE_OK;
}
