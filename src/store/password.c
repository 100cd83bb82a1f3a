/* password — the PDF password of each client (issue 6 item 5): random,
 * made when asked, kept in the (encrypted) store so that a protected
 * zorgnota can be rendered again, and delivered to the client by another
 * channel. Never derived from anything about the client.
 *
 * Format: 5 groups of 4 characters from a 31-character alphabet without
 * look-alikes (no 0/o, 1/l/i), joined by '-': 20 * log2(31) = 99 bits. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "store_int.h"

static const char alphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";

void
store_password_new(char out[STORE_PASSWORD_LEN + 1])
{
	if (sodium_init() < 0)
		abort();  /* no random source: never fall back to anything weaker */
	size_t n = 0;
	for (int g = 0; g < 5; g++) {
		if (g)
			out[n++] = '-';
		for (int i = 0; i < 4; i++)
			out[n++] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	}
	out[n] = '\0';
}

static int
client_exists(store *s, int64_t client_id, diag *d)
{
	sqlite3_stmt *st = st_prepare(s, "SELECT 1 FROM clients WHERE id = ?1", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, client_id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	if (rc == SQLITE_DONE)
		return st_input(d, "no client with id %lld", (long long)client_id);
	return st_fail(s, d, "reading clients");
}

int
store_client_password_generate(store *s, int64_t client_id, int replace, char **pw, diag *d)
{
	*pw = NULL;
	if (st_need_tx(s, d) != STORE_OK)
		return STORE_EDB;
	int rc = client_exists(s, client_id, d);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *st = st_prepare(s, "SELECT 1 FROM client_passwords WHERE client_id = ?1", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, client_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(s, d, "reading the PDF password");
	if (rc == SQLITE_ROW && !replace)
		return st_input(d, "client %lld has a PDF password already; --replace makes a new "
		    "one (PDFs protected with the old one keep it)", (long long)client_id);
	char fresh[STORE_PASSWORD_LEN + 1];
	store_password_new(fresh);
	char now[32];
	st_now(now);
	st = st_prepare(s, "INSERT OR REPLACE INTO client_passwords "
	    "(client_id, password, created) VALUES (?1, ?2, ?3)", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, client_id);
	st_bind_text(st, 2, fresh);
	st_bind_text(st, 3, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sodium_memzero(fresh, sizeof fresh);
		return st_fail(s, d, "storing the PDF password");
	}
	*pw = xstrdup(fresh);
	sodium_memzero(fresh, sizeof fresh);
	return store_audit(s, "generate", "client_password", client_id, d);
}

int
store_client_password_get(store *s, int64_t client_id, char **pw, diag *d)
{
	*pw = NULL;
	sqlite3_stmt *st = st_prepare(s, "SELECT password FROM client_passwords "
	    "WHERE client_id = ?1", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, client_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*pw = st_col_dup(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW && *pw)
		return STORE_OK;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return st_input(d, "client %lld has no PDF password; make one with 'zorgdoc client "
		    "password %lld --generate' and give it to the client by phone or letter",
		    (long long)client_id, (long long)client_id);
	return st_fail(s, d, "reading the PDF password");
}

int
store_invoice_password(store *s, const char *number, char **pw, diag *d)
{
	*pw = NULL;
	sqlite3_stmt *st = st_prepare(s, "SELECT client_id FROM invoices WHERE number = ?1", d);
	if (!st)
		return STORE_EDB;
	st_bind_text(st, 1, number);
	int rc = sqlite3_step(st);
	int64_t client_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return st_input(d, "no invoice %s", number);
	if (rc != SQLITE_ROW)
		return st_fail(s, d, "reading invoices");
	return store_client_password_get(s, client_id, pw, d);
}

int
store_client_password_missing(store *s, const char *period, store_id_fn fn, void *ud, diag *d)
{
	sqlite3_stmt *st = st_prepare(s, "SELECT DISTINCT c FROM ("
	    "  SELECT t.client_id AS c FROM treatments t JOIN clients k ON k.id = t.client_id "
	    "  WHERE t.invoice_id IS NULL AND k.erased IS NULL AND substr(t.date, 1, 7) = ?1"
	    "  UNION SELECT client_id FROM invoices WHERE period = ?1) "
	    "WHERE c NOT IN (SELECT client_id FROM client_passwords) ORDER BY c", d);
	if (!st)
		return STORE_EDB;
	st_bind_text(st, 1, period);
	int rc, ret = STORE_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((ret = fn(ud, sqlite3_column_int64(st, 0))) != 0)
			break;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = st_fail(s, d, "reading PDF passwords");
	sqlite3_finalize(st);
	return ret;
}
