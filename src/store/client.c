/* client — the clients of the practice (and the parents or guardians of
 * minors) in the store: the field table that the command line, CSV import
 * and `client show` share, validation, and the SQL. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "check.h"
#include "store_int.h"

/* Field names double as column names (a fixed table, never input). */
static const char *const field_names[STORE_CF__MAX] = {
	[STORE_CF_REF] = "ref",
	[STORE_CF_NAME] = "name",
	[STORE_CF_STREET] = "street",
	[STORE_CF_POSTCODE] = "postcode",
	[STORE_CF_CITY] = "city",
	[STORE_CF_COUNTRY] = "country",
	[STORE_CF_BIRTH_DATE] = "birth_date",
	[STORE_CF_EMAIL] = "email",
	[STORE_CF_PHONE] = "phone",
	[STORE_CF_INSURER] = "insurer",
	[STORE_CF_POLICY_NUMBER] = "policy_number",
	[STORE_CF_BSN] = "bsn",
};

/* The most guardians a client has in the store. */
#define MAX_GUARDIANS 4

const char *
store_client_field_name(store_client_field f)
{
	return f < STORE_CF__MAX ? field_names[f] : "?";
}

int
store_client_field_lookup(const char *name)
{
	for (int f = 0; f < STORE_CF__MAX; f++) {
		const char *a = field_names[f], *b = name;
		while (*a && (*a == *b || (*a == '_' && *b == '-')))
			a++, b++;
		if (!*a && !*b)
			return f;
	}
	return -1;
}

static char *
postcode_norm(const char *v)
{
	/* Dutch postcode: 4 digits (not starting with 0), 2 letters. */
	char digits[5], letters[3];
	size_t nd = 0, nl = 0;
	for (const char *p = v; *p; p++) {
		if (*p == ' ')
			continue;
		if (nd < 4 && nl == 0 && isdigit((unsigned char)*p))
			digits[nd++] = *p;
		else if (nd == 4 && nl < 2 && isalpha((unsigned char)*p))
			letters[nl++] = (char)toupper((unsigned char)*p);
		else
			return NULL;
	}
	if (nd != 4 || nl != 2 || digits[0] == '0')
		return NULL;
	digits[4] = letters[2] = '\0';
	return xasprintf("%s %s", digits, letters);
}

const char *
store_client_field_check(store_client_field f, const char *value, char **norm)
{
	*norm = NULL;
	const char *bad = check_text(value, f == STORE_CF_NAME ? 200 : CHECK_MAX_TEXT);
	if (bad)
		return bad;
	switch (f) {
	case STORE_CF_BIRTH_DATE:
		if (!check_date(value))
			return "is not a date (YYYY-MM-DD)";
		break;
	case STORE_CF_BSN:
		if (strlen(value) != 9 || strspn(value, "0123456789") != 9)
			return "is not a BSN (9 digits)";
		if (!check_bsn(value))
			return "fails the BSN 11-test";
		break;
	case STORE_CF_POSTCODE:
		/* Dutch postcodes are normalised; others (with a country)
		 * are kept as given (the caller checks the country). */
		*norm = postcode_norm(value);
		return *norm ? NULL : "is not a Dutch postcode (1234 AB)";
	case STORE_CF_EMAIL: {
		const char *at = strchr(value, '@');
		if (!at || at == value || !at[1] || strchr(at + 1, '@') || strchr(value, ' ') ||
		    !strchr(at + 1, '.'))
			return "is not an e-mail address";
		break;
	}
	case STORE_CF_PHONE:
		if (strspn(value, "0123456789 +-()") != strlen(value) ||
		    strcspn(value, "0123456789") == strlen(value))
			return "is not a phone number (digits, spaces, + - ( ))";
		break;
	case STORE_CF_REF:
		if (strlen(value) > 40)
			return "is too long (at most 40 characters)";
		break;
	case STORE_CF_NAME:
	case STORE_CF_STREET:
	case STORE_CF_CITY:
	case STORE_CF_COUNTRY:
	case STORE_CF_INSURER:
	case STORE_CF_POLICY_NUMBER:
	case STORE_CF__MAX:
		break;
	}
	*norm = xstrdup(value);
	return NULL;
}

int
store_country_is_nl(const char *country)
{
	static const char *const nl[] = { "NL", "nl", "NLD", "Nederland", "nederland",
		"Netherlands", "The Netherlands" };
	if (!country)
		return 1;
	for (size_t i = 0; i < sizeof nl / sizeof nl[0]; i++)
		if (strcmp(country, nl[i]) == 0)
			return 1;
	return 0;
}

store_client *
store_client_new(void)
{
	return xcalloc(1, sizeof(store_client));
}

void
store_client_free(store_client *c)
{
	if (!c)
		return;
	for (int f = 0; f < STORE_CF__MAX; f++)
		free(c->v[f]);
	for (size_t i = 0; i < c->nguardians; i++)
		free(c->guardians[i]);
	free(c->guardians);
	free(c->erased);
	free(c);
}

/* Validates every field of c (for messages: "client ID" or "new client"). */
static int
client_validate(store *s, const store_client *c, diag *d)
{
	int bad = 0;
	char who[48];
	if (c->id)
		snprintf(who, sizeof who, "client %lld", (long long)c->id);
	else
		snprintf(who, sizeof who, "new client");
	if (!c->v[STORE_CF_NAME]) {
		diag_error(d, NULL, 0, 0, "%s: field 'name' is required", who);
		bad = 1;
	}
	for (int f = 0; f < STORE_CF__MAX; f++) {
		if (!c->v[f])
			continue;
		char *norm;
		const char *msg = store_client_field_check(f, c->v[f], &norm);
		if (msg) {
			/* A foreign postcode is free text when a country is set. */
			if (f == STORE_CF_POSTCODE && !store_country_is_nl(c->v[STORE_CF_COUNTRY]) &&
			    !check_text(c->v[f], 20))
				continue;
			diag_error(d, NULL, 0, 0, "%s: field '%s' %s", who, field_names[f], msg);
			bad = 1;
		}
		free(norm);
	}
	if (c->nguardians > MAX_GUARDIANS) {
		diag_error(d, NULL, 0, 0, "%s: at most %d guardians", who, MAX_GUARDIANS);
		bad = 1;
	}
	for (size_t i = 0; i < c->nguardians; i++) {
		const char *msg = check_text(c->guardians[i], 200);
		if (msg) {
			diag_error(d, NULL, 0, 0, "%s: field 'guardian' %s", who, msg);
			bad = 1;
		}
	}
	(void)s;
	return bad ? STORE_EINPUT : STORE_OK;
}

int
store_client_check(const store_client *c, diag *d)
{
	return client_validate(NULL, c, d);
}

static int
guardians_write(store *s, const store_client *c, int64_t id, diag *d)
{
	sqlite3_stmt *st = st_prepare(s, "DELETE FROM guardians WHERE client_id = ?1", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, d, "writing guardians");
	if (!c->nguardians)
		return STORE_OK;
	st = st_prepare(s, "INSERT INTO guardians (client_id, position, name) "
	    "VALUES (?1, ?2, ?3)", d);
	if (!st)
		return STORE_EDB;
	for (size_t i = 0; i < c->nguardians; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (int64_t)i + 1);
		st_bind_text(st, 3, c->guardians[i]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return st_fail(s, d, "writing guardians");
		}
	}
	sqlite3_finalize(st);
	return STORE_OK;
}

/* Binds the fields as ?1..?N (normalised), ?N+1 = now. */
static void
bind_fields(sqlite3_stmt *st, const store_client *c, const char *now)
{
	for (int f = 0; f < STORE_CF__MAX; f++) {
		char *norm = NULL;
		if (c->v[f] && !store_client_field_check(f, c->v[f], &norm))
			sqlite3_bind_text(st, f + 1, norm, -1, free);
		else
			st_bind_text(st, f + 1, c->v[f]);
	}
	st_bind_text(st, STORE_CF__MAX + 1, now);
}

static int
unique_ref_error(store *s, const store_client *c, diag *d)
{
	if ((sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_CONSTRAINT && c->v[STORE_CF_REF])
		return diag_error(d, NULL, 0, 0, "client number (ref) '%s' is already in use",
		    c->v[STORE_CF_REF]), STORE_EINPUT;
	return st_fail(s, d, "writing a client");
}

int
store_client_add(store *s, const store_client *c, int64_t *id, diag *d)
{
	if (st_need_tx(s, d) != STORE_OK)
		return STORE_EDB;
	int rc = client_validate(s, c, d);
	if (rc != STORE_OK)
		return rc;
	buf sql = BUF_INIT;
	/* The id: one more than any client had, also one that a retention
	 * purge deleted (meta client_id_high), so an id is never reused. */
	buf_puts(&sql, "INSERT INTO clients (id, ");
	for (int f = 0; f < STORE_CF__MAX; f++)
		buf_printf(&sql, "%s, ", field_names[f]);
	buf_puts(&sql, "created, updated, content_changed) VALUES ("
	    "max(coalesce((SELECT max(id) FROM clients), 0), coalesce((SELECT CAST(value AS "
	    "INTEGER) FROM meta WHERE key = 'client_id_high'), 0)) + 1, ");
	for (int f = 0; f < STORE_CF__MAX; f++)
		buf_printf(&sql, "?%d, ", f + 1);
	buf_printf(&sql, "?%d, ?%d, ?%d)", STORE_CF__MAX + 1, STORE_CF__MAX + 1, STORE_CF__MAX + 1);
	sqlite3_stmt *st = st_prepare(s, buf_str(&sql), d);
	buf_free(&sql);
	if (!st)
		return STORE_EDB;
	char now[32];
	st_now(now);
	bind_fields(st, c, now);
	int step = sqlite3_step(st);
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return unique_ref_error(s, c, d);
	*id = sqlite3_last_insert_rowid(s->db);
	if ((rc = guardians_write(s, c, *id, d)) != STORE_OK)
		return rc;
	return store_audit(s, "add", "client", *id, d);
}

int
st_client_writable(store *s, int64_t id, const char *what, diag *d)
{
	sqlite3_stmt *st = st_prepare_kept(s, "SELECT erased FROM clients WHERE id = ?1", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		diag_error(d, NULL, 0, 0, "client %lld: the personal data were erased on %s: no %s "
		    "can be added (add the person again as a new client)", (long long)id,
		    st_col(st, 0), what);
	int erased = rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL;
	st_done(s, st);
	if (rc == SQLITE_DONE)
		return st_input(d, "no client with id %lld", (long long)id);
	if (rc != SQLITE_ROW)
		return st_fail(s, d, "reading clients");
	return erased ? STORE_EINPUT : STORE_OK;
}

int
store_client_update(store *s, const store_client *c, diag *d)
{
	if (st_need_tx(s, d) != STORE_OK)
		return STORE_EDB;
	/* An erased client stays erased (client forget, retention purge). */
	sqlite3_stmt *q = st_prepare(s, "SELECT erased FROM clients WHERE id = ?1 "
	    "AND erased IS NOT NULL", d);
	if (!q)
		return STORE_EDB;
	sqlite3_bind_int64(q, 1, c->id);
	int erased = sqlite3_step(q) == SQLITE_ROW;
	sqlite3_finalize(q);
	if (erased)
		return diag_error(d, NULL, 0, 0, "client %lld: the personal data were erased; "
		    "add the person again as a new client", (long long)c->id), STORE_EINPUT;
	int rc = client_validate(s, c, d);
	if (rc != STORE_OK)
		return rc;
	buf sql = BUF_INIT;
	buf_puts(&sql, "UPDATE clients SET ");
	for (int f = 0; f < STORE_CF__MAX; f++)
		buf_printf(&sql, "%s = ?%d, ", field_names[f], f + 1);
	/* Administrative data only: content_changed (retention) stays. */
	buf_printf(&sql, "updated = ?%d WHERE id = ?%d", STORE_CF__MAX + 1, STORE_CF__MAX + 2);
	sqlite3_stmt *st = st_prepare(s, buf_str(&sql), d);
	buf_free(&sql);
	if (!st)
		return STORE_EDB;
	char now[32];
	st_now(now);
	bind_fields(st, c, now);
	sqlite3_bind_int64(st, STORE_CF__MAX + 2, c->id);
	int step = sqlite3_step(st);
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return unique_ref_error(s, c, d);
	if (sqlite3_changes(s->db) == 0)
		return diag_error(d, NULL, 0, 0, "no client with id %lld", (long long)c->id),
		    STORE_EINPUT;
	if ((rc = guardians_write(s, c, c->id, d)) != STORE_OK)
		return rc;
	return store_audit(s, "edit", "client", c->id, d);
}

static const char *
select_sql(void)
{
	static char sql[512];
	if (!sql[0]) {
		buf b = BUF_INIT;
		buf_puts(&b, "SELECT id");
		for (int f = 0; f < STORE_CF__MAX; f++)
			buf_printf(&b, ", %s", field_names[f]);
		buf_puts(&b, ", erased FROM clients");
		snprintf(sql, sizeof sql, "%s", buf_str(&b));
		buf_free(&b);
	}
	return sql;
}

static void
row_to_client(sqlite3_stmt *st, store_client *c)
{
	c->id = sqlite3_column_int64(st, 0);
	for (int f = 0; f < STORE_CF__MAX; f++)
		c->v[f] = st_col_dup(st, f + 1);
	c->erased = st_col_dup(st, STORE_CF__MAX + 1);
}

static int
guardians_load(store *s, store_client *c, diag *d)
{
	sqlite3_stmt *st = st_prepare_kept(s, "SELECT name FROM guardians WHERE client_id = ?1 "
	    "ORDER BY position", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, c->id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c->guardians = xrealloc(c->guardians, (c->nguardians + 1) * sizeof *c->guardians);
		c->guardians[c->nguardians++] = st_col_dup(st, 0);
	}
	st_done(s, st);
	return rc == SQLITE_DONE ? STORE_OK : st_fail(s, d, "reading guardians");
}

int
store_client_load(store *s, int64_t id, store_client **out, diag *d)
{
	*out = NULL;
	char sql[600];
	snprintf(sql, sizeof sql, "%s WHERE id = ?1", select_sql());
	sqlite3_stmt *st = st_prepare_kept(s, sql, d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		st_done(s, st);
		return diag_error(d, NULL, 0, 0, "no client with id %lld", (long long)id),
		    STORE_EINPUT;
	}
	if (rc != SQLITE_ROW) {
		st_done(s, st);
		return st_fail(s, d, "reading a client");
	}
	store_client *c = store_client_new();
	row_to_client(st, c);
	st_done(s, st);
	if ((rc = guardians_load(s, c, d)) != STORE_OK) {
		store_client_free(c);
		return rc;
	}
	*out = c;
	return STORE_OK;
}

int
store_client_find_ref(store *s, const char *ref, int64_t *id, diag *d)
{
	sqlite3_stmt *st = st_prepare(s, "SELECT id FROM clients WHERE ref = ?1", d);
	if (!st)
		return STORE_EDB;
	st_bind_text(st, 1, ref);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	if (rc == SQLITE_DONE)
		return diag_error(d, NULL, 0, 0, "no client with number (ref) '%s'", ref),
		    STORE_EINPUT;
	return st_fail(s, d, "finding a client");
}

int
store_client_each(store *s, store_client_fn fn, void *ud, diag *d)
{
	char sql[600];
	snprintf(sql, sizeof sql, "%s ORDER BY id", select_sql());
	sqlite3_stmt *st = st_prepare(s, sql, d);
	if (!st)
		return STORE_EDB;
	int rc, ret = STORE_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_client c = { 0 };
		row_to_client(st, &c);
		if (guardians_load(s, &c, d) != STORE_OK) {
			rc = SQLITE_ERROR;
			ret = STORE_EDB;
		} else {
			ret = fn(ud, &c);
		}
		for (int f = 0; f < STORE_CF__MAX; f++)
			free(c.v[f]);
		for (size_t i = 0; i < c.nguardians; i++)
			free(c.guardians[i]);
		free(c.guardians);
		free(c.erased);
		if (ret != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = st_fail(s, d, "reading clients");
	sqlite3_finalize(st);
	return ret;
}
